// NetworkPolicy checks (diagnostics.md §10a), with Kubernetes NetworkPolicy semantics (H8).
// Phrased "no NetworkPolicy allows …": CNIs, AdminNetworkPolicy and CNI CRDs are out of view.
// Findings sit on the Service whose backends are affected; the message names the policies.
import { isGkeClassName } from '../../model/controllers.js';
import { isExternallyExposed } from '../../model/exposure.js';
import { allows, anyRuleOpensPort, cidrMatch, ingressPoliciesFor, isIsolated, portMatches, type PeerSource } from '../../model/netpol.js';
import { isVisible } from '../../model/snapshot.js';
import { podReady } from '../../model/pods.js';
import type { NetworkPolicy, Pod, Service, ServicePort } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';
import { peerOf, podsOf, portLabel, readyBackends, type Backend } from './support2/netpol-backends.js';
import { danglingSelectors } from './support2/netpol-dangling.js';

const seen = (rc: RunContext, ns: string | undefined): boolean => isVisible(rc.s, 'NetworkPolicy', ns) && isVisible(rc.s, 'Pod', ns);
const policiesOf = (rc: RunContext, bs: Backend[]): NetworkPolicy[] => [...new Map(bs.flatMap((b) => ingressPoliciesFor(rc.s, b.pod)).map((p) => [p.metadata.name, p])).values()];
const names = (ps: NetworkPolicy[]): string => ps.map((p) => nn(p)).join(', ');

/** Ready pods behind svc:sp that are isolated and that no policy lets any of the proxy pods reach. */
function blockedFrom(rc: RunContext, svc: Service, sp: ServicePort, proxies: Pod[]): { blocked: Backend[]; total: number; all: boolean; peers: (PeerSource | undefined)[] } | undefined {
  const peers = proxies.map((c) => peerOf(rc.s, c));
  if (proxies.length === 0 || peers.some((p) => p === undefined)) return undefined;
  const bs = readyBackends(rc.s, svc, sp);
  const blocked = bs.filter((b) => isIsolated(rc.s, b.pod) && peers.every((p) => p !== undefined && allows(rc.s, b.pod, p, b.port, b.protocol) === false));
  return blocked.length === 0 ? undefined : { blocked, total: bs.length, all: blocked.length === bs.length, peers };
}

const allowHint = (c0: Pod, port: number): string =>
  c0.spec.hostNetwork
    ? `add an ingress rule with an ipBlock covering the node addresses, ports: [{port: ${port}}]`
    : `add an ingress rule from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${c0.metadata.namespace ?? ''}}}}], ports: [{port: ${port}}]`;

const sourceOf = (c0: Pod, peers: (PeerSource | undefined)[], what: string): string =>
  c0.spec.hostNetwork ? `node addresses of the hostNetwork ${what} pods (e.g. ${peers[0]?.kind === 'ip' ? peers[0].ip : ''})` : `the ${what} pods (namespace ${c0.metadata.namespace ?? ''})`;

/**
 * Controllers whose data plane is a cloud load balancer outside the cluster (AWS ALB, Azure
 * Application Gateway): their pods are not the traffic source; the LB's own addresses are,
 * so only a rule with an empty \`from\` or an ipBlock can admit it (H8, implementation-dependent).
 */
const EXTERNAL_DATA_PLANE = ['ingress.k8s.aws/alb', 'azure/application-gateway'];

/**
 * GKE's Ingress (class gce / gce-internal) is a Google Cloud load balancer: its proxies and health
 * checks connect from 35.191.0.0/16 and 130.211.0.0/22 (Google's documented ranges), so those are
 * the peers a policy must admit. Its controller runs in the managed control plane, out of view.
 */
const GCLB_SOURCES = ['35.191.0.1', '130.211.0.1'];
const GCLB_RANGES = '35.191.0.0/16 and 130.211.0.0/22';

/** Some rule of a policy selecting the pod opens its port to any source or to an ipBlock. */
const admitsOutsideSource = (rc: RunContext, b: Backend): boolean =>
  ingressPoliciesFor(rc.s, b.pod).some((np) => (np.spec.ingress ?? []).some((r) => ((r.ports ?? []).length === 0 || (r.ports ?? []).some((pp) => portMatches(pp, b.pod, b.port, b.protocol))) && ((r.from ?? []).length === 0 || (r.from ?? []).some((p) => p.ipBlock !== undefined))));

const controllerPath: Check = {
  ids: ['netpol.blocks-ingress-controller'],
  needs: ['NetworkPolicy', 'Pod', 'Service', 'Ingress'],
  // the controller's pods are found through the IngressClass
  alsoReads: { 'netpol.blocks-ingress-controller': ['IngressClass'] },
  run(rc) {
    const { s, g } = rc;
    const out: Finding[] = [];
    for (const iv of g.ingresses) {
      const gke = isGkeClassName(iv.className) && iv.ingressClass === undefined;
      if (iv.controllerPresence !== 'present' && !gke) continue;
      const ctl = podsOf(s, iv.controllerPods);
      const done = new Set<string>();
      for (const r of iv.routes) {
        const svcRef = r.backend.service;
        const sp = r.backend.servicePort;
        if (!svcRef || !sp || !seen(rc, svcRef.namespace)) continue;
        const svc = s.services.find((x) => x.metadata.namespace === svcRef.namespace && x.metadata.name === svcRef.name);
        const k = `${svcRef.namespace ?? ''}/${svcRef.name}:${sp.port}`;
        if (!svc || done.has(k)) continue;
        done.add(k);
        if (gke) {
          const bs = readyBackends(s, svc, sp);
          // "probably": which address the pod sees depends on NEG vs instance groups and the Service's traffic policy
          const blocked = bs.filter((b) => isIsolated(s, b.pod) && GCLB_SOURCES.every((ip) => allows(s, b.pod, { kind: 'ip', ip }, b.port, b.protocol) === false));
          const e0 = blocked[0];
          if (!e0) continue;
          const pols = policiesOf(rc, blocked);
          out.push(
            finding('netpol.blocks-ingress-controller', 'warning', svc, `Policy ${names(pols)} isolates ${blocked.length === bs.length ? 'the' : `${blocked.length} of ${bs.length}`} ready pods behind Service ${nn(svc)} and no rule admits Google's load balancer ranges ${GCLB_RANGES} on port ${e0.port}/${e0.protocol}: GKE Ingress ${iv.ref.namespace ?? ''}/${iv.ref.name} connects and health-checks from there, so its backends probably turn UNHEALTHY and it returns 502.`, `add an ingress rule from: [{ipBlock: {cidr: 35.191.0.0/16}}, {ipBlock: {cidr: 130.211.0.0/22}}], ports: [{port: ${e0.port}}]`, {
              fields: ['spec.ingress'],
              related: [...pols, iv.ref],
              discriminator: `${iv.key}|${portLabel(sp)}`,
            }),
          );
          continue;
        }
        if (iv.controller !== undefined && EXTERNAL_DATA_PLANE.includes(iv.controller)) {
          const bs = readyBackends(s, svc, sp);
          const blocked = bs.filter((b) => isIsolated(s, b.pod) && !admitsOutsideSource(rc, b));
          const e0 = blocked[0];
          if (!e0) continue;
          const pols = policiesOf(rc, blocked);
          out.push(
            finding('netpol.blocks-ingress-controller', 'warning', svc, `Policy ${names(pols)} isolates ${blocked.length === bs.length ? 'the' : `${blocked.length} of ${bs.length}`} ready pods behind Service ${nn(svc)} and no rule admits an ipBlock or any source on port ${e0.port}/${e0.protocol}: the ${iv.controller} load balancer connects from its own addresses outside the cluster, so Ingress ${iv.ref.namespace ?? ''}/${iv.ref.name} probably returns 502/504 (which source address the policy sees is implementation-dependent).`, `add an ingress rule with an ipBlock for the load balancer's subnets (VPC/VNet CIDR), ports: [{port: ${e0.port}}]`, {
              fields: ['spec.ingress'],
              related: [...pols, iv.ref],
              discriminator: `${iv.key}|${portLabel(sp)}`,
            }),
          );
          continue;
        }
        const hit = blockedFrom(rc, svc, sp, ctl);
        const b0 = hit?.blocked[0];
        const c0 = ctl[0];
        if (!hit || !b0 || !c0) continue;
        const pols = policiesOf(rc, hit.blocked);
        const from = sourceOf(c0, hit.peers, `${iv.controller ?? iv.className ?? ''} controller`);
        out.push(
          finding('netpol.blocks-ingress-controller', hit.all ? 'error' : 'warning', svc, `Policy ${names(pols)} isolates ${hit.all ? 'the' : `${hit.blocked.length} of ${hit.total}`} ready pods behind Service ${nn(svc)} and no NetworkPolicy allows ${from} to reach port ${b0.port}/${b0.protocol}: Ingress ${iv.ref.namespace ?? ''}/${iv.ref.name} will return 502/504${hit.all ? '' : ' for part of the requests'}.`, allowHint(c0, b0.port), {
            fields: ['spec.ingress'],
            related: [...pols, iv.ref, c0],
            discriminator: `${iv.key}|${portLabel(sp)}`,
          }),
        );
      }
    }
    return out;
  },
};

/** Gateway "ns/name" → its data-plane (proxy) pods: the GEP-1762 label, or Envoy Gateway's owning-gateway labels. */
function dataPlanePods(rc: RunContext): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  const add = (key: string, p: Pod): void => {
    const list = out.get(key);
    if (list) list.push(p);
    else out.set(key, [p]);
  };
  for (const p of rc.s.pods) {
    const l = p.metadata.labels;
    if (!l) continue;
    const gepName = l['gateway.networking.k8s.io/gateway-name'];
    if (gepName !== undefined) add(`${p.metadata.namespace ?? ''}/${gepName}`, p);
    const egName = l['gateway.envoyproxy.io/owning-gateway-name'];
    if (egName !== undefined) add(`${l['gateway.envoyproxy.io/owning-gateway-namespace'] ?? ''}/${egName}`, p);
  }
  return out;
}

const gatewayPath: Check = {
  ids: ['netpol.blocks-gateway-dataplane'],
  needs: ['NetworkPolicy', 'Pod', 'Service', 'HTTPRoute', 'Gateway'],
  run(rc) {
    const { s, g } = rc;
    const out: Finding[] = [];
    const done = new Set<string>();
    const proxiesOf = g.routes.length > 0 ? dataPlanePods(rc) : new Map<string, Pod[]>();
    for (const rv of g.routes)
      for (const parent of rv.parents) {
        if (parent.gatewayFound !== true || parent.listeners.length === 0) continue;
        // data-plane pods may live in another namespace (Envoy Gateway): without them, unknown
        const proxies = (proxiesOf.get(`${parent.gateway.namespace ?? ''}/${parent.gateway.name}`) ?? []).filter(podReady);
        const c0 = proxies[0];
        if (!c0) continue;
        for (const rule of rv.rules)
          for (const b of rule.backends) {
            const svcRef = b.service;
            const sp = b.servicePort;
            if (!svcRef || !sp || !seen(rc, svcRef.namespace)) continue;
            const svc = s.services.find((x) => x.metadata.namespace === svcRef.namespace && x.metadata.name === svcRef.name);
            const k = `${parent.gateway.namespace ?? ''}/${parent.gateway.name}|${svcRef.namespace ?? ''}/${svcRef.name}:${sp.port}`;
            if (!svc || done.has(k)) continue;
            done.add(k);
            const hit = blockedFrom(rc, svc, sp, proxies);
            const b0 = hit?.blocked[0];
            if (!hit || !b0) continue;
            const pols = policiesOf(rc, hit.blocked);
            const gwName = `${parent.gateway.namespace ?? ''}/${parent.gateway.name}`;
            out.push(
              finding('netpol.blocks-gateway-dataplane', hit.all ? 'error' : 'warning', svc, `Policy ${names(pols)} isolates ${hit.all ? 'the' : `${hit.blocked.length} of ${hit.total}`} ready pods behind Service ${nn(svc)} and no NetworkPolicy allows ${sourceOf(c0, hit.peers, `Gateway ${gwName} data-plane`)} to reach port ${b0.port}/${b0.protocol}: HTTPRoute ${rv.ref.namespace ?? ''}/${rv.ref.name} will fail${hit.all ? '' : ' for part of the requests'}.`, allowHint(c0, b0.port), {
                fields: ['spec.ingress'],
                related: [...pols, rv.ref, parent.gateway, c0],
                discriminator: `${rv.key}|${gwName}|${portLabel(sp)}`,
              }),
            );
          }
      }
    return out;
  },
};

/** A rule of a policy selecting these pods opens the Service port number instead of the target port. */
function opensServicePort(rc: RunContext, bs: Backend[], sp: ServicePort): { np: NetworkPolicy; path: string } | undefined {
  const b0 = bs[0];
  if (!b0 || sp.port === b0.port) return undefined;
  for (const np of policiesOf(rc, bs))
    for (const [ri, r] of (np.spec.ingress ?? []).entries())
      for (const [pi, pp] of (r.ports ?? []).entries()) if (pp.port !== undefined && portMatches(pp, b0.pod, sp.port, b0.protocol)) return { np, path: `spec.ingress[${ri}].ports[${pi}].port` };
  return undefined;
}

/** Could an external client (eTP Local) or the SNATed node address (eTP Cluster) match a rule? */
function externalAllowed(rc: RunContext, svc: Service, b: Backend): boolean | undefined {
  const local = svc.spec.externalTrafficPolicy === 'Local';
  // every InternalIP (dual-stack nodes have one per family; the SNAT address has the pod's family)
  const nodeIPs = rc.s.visibility.Node.state === 'visible' ? rc.s.nodes.flatMap((n) => (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP' && a.address !== '').map((a) => a.address)) : undefined;
  let unknown = false;
  for (const np of ingressPoliciesFor(rc.s, b.pod))
    for (const r of np.spec.ingress ?? []) {
      if ((r.ports ?? []).length > 0 && !(r.ports ?? []).some((pp) => portMatches(pp, b.pod, b.port, b.protocol))) continue;
      const from = r.from ?? [];
      if (from.length === 0) return true;
      for (const p of from) {
        if (!p.ipBlock) continue;
        if (local) return true;
        if (nodeIPs === undefined || nodeIPs.length === 0) unknown = true;
        else {
          const m = nodeIPs.map((ip) => cidrMatch(p.ipBlock?.cidr ?? '', ip));
          if (m.includes(true)) return true;
          if (m.includes(undefined)) unknown = true;
        }
      }
    }
  return unknown ? undefined : false;
}

const servicePorts: Check = {
  ids: ['netpol.blocks-all-clients', 'netpol.service-port-instead-of-target', 'netpol.external-traffic-blocked'],
  needs: ['NetworkPolicy', 'Pod', 'Service'],
  run(rc) {
    const out: Finding[] = [];
    for (const svc of rc.s.services) {
      if (!seen(rc, svc.metadata.namespace)) continue;
      for (const sp of svc.spec.ports ?? []) {
        const bs = readyBackends(rc.s, svc, sp);
        if (bs.length === 0 || !bs.every((b) => isIsolated(rc.s, b.pod))) continue;
        const disc = portLabel(sp);
        const pols = policiesOf(rc, bs);
        const b0 = bs[0];
        if (!b0) continue;
        if (bs.every((b) => !anyRuleOpensPort(rc.s, b.pod, b.port, b.protocol))) {
          const wrong = opensServicePort(rc, bs, sp);
          if (wrong)
            out.push(finding('netpol.service-port-instead-of-target', 'warning', svc, `Policy ${nn(wrong.np)} opens port ${sp.port} (the port of Service ${nn(svc)}, ${wrong.path}), but its pods listen on ${b0.port}; NetworkPolicy ports refer to pod ports, so no rule opens ${b0.port}.`, `in ${nn(wrong.np)}, use the targetPort number ${b0.port} or the container port name instead of ${sp.port}`, { fields: [wrong.path], related: [wrong.np], discriminator: disc }));
          else
            out.push(finding('netpol.blocks-all-clients', 'warning', svc, `No NetworkPolicy rule opens port ${b0.port}/${b0.protocol} on the pods of Service ${nn(svc)} (isolated by ${names(pols)}); every client is blocked.`, `add an ingress rule for port ${b0.port} from the intended clients to ${nn(pols[0] ?? svc)}`, { fields: ['spec.ingress'], related: pols, discriminator: disc }));
          continue;
        }
        if (!isExternallyExposed(svc)) continue;
        // which source IP a policy sees after NAT is implementation-defined: warning, never error
        const verdicts = bs.map((b) => externalAllowed(rc, svc, b));
        if (verdicts.every((v) => v === false))
          out.push(finding('netpol.external-traffic-blocked', 'warning', svc, `NodePort/LoadBalancer traffic to port ${sp.port} of Service ${nn(svc)} is probably blocked: policies ${names(pols)} only admit in-cluster peers${svc.spec.externalTrafficPolicy === 'Local' ? ' and no ipBlock for client addresses' : ' and no ipBlock containing the node addresses (eTP Cluster SNATs to them)'}.`, svc.spec.externalTrafficPolicy === 'Local' ? 'add an ipBlock rule for the client CIDRs, per your CNI' : 'add an ipBlock rule for the node CIDRs, per your CNI', { fields: ['spec.ingress'], related: pols, discriminator: disc }));
      }
    }
    return out;
  },
};

const dangling: Check = {
  ids: ['netpol.dangling-selector'],
  needs: ['NetworkPolicy', 'Pod'],
  run(rc) {
    return rc.s.networkPolicies.flatMap((np) => (isVisible(rc.s, 'Pod', np.metadata.namespace) ? danglingSelectors(rc.s, np) : []));
  },
};

export const netpolChecks: Check[] = [controllerPath, gatewayPath, servicePorts, dangling];
