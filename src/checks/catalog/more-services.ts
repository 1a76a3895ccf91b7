// Further Service, EndpointSlice and LoadBalancer checks (diagnostics.md §2, §3, §7, §8)
// that need owners, events or cluster-wide address knowledge.
import { endpointsOf, epReady, SLICE_CONTROLLER, MANAGED_BY } from '../../model/endpoints.js';
import { indexes, nsName } from '../../model/index.js';
import { isTerminating, selectedPods } from '../../model/pods.js';
import { isVisible } from '../../model/snapshot.js';
import type { Pod } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import { topOwnerRef } from './support/owners.js';
import type { Finding } from '../types.js';

/** Top-level owner of a pod as "Kind/name". */
function topOwner(rc: RunContext, p: Pod): string {
  const r = topOwnerRef(rc.s, p);
  return `${r.kind}/${r.name}`;
}

/**
 * Implementations that can be configured with a loadBalancerClass (Appendix A): a class in
 * their namespace of names is claimed when their pods run. undefined: not a known family.
 */
function lbClassClaimed(cls: string, pods: Pod[], awsLbc: boolean): boolean | undefined {
  const images = (re: RegExp): boolean => pods.some((p) => p.spec.containers.some((c) => re.test(c.image ?? '')));
  if (cls.startsWith('service.k8s.aws/')) return awsLbc;
  if (cls.startsWith('io.cilium/')) return images(/(^|\/)cilium\/(cilium|operator)/);
  if (/metallb/.test(cls)) return images(/metallb\/(controller|speaker)/) || pods.some((p) => p.metadata.namespace === 'metallb-system');
  if (/kube-vip/.test(cls)) return images(/kube-vip/);
  return undefined;
}

const HTTPISH = /^(http|https|h2c|kubernetes\.io\/h2c|kubernetes\.io\/ws|kubernetes\.io\/wss)$/;

const serviceMore: Check = {
  ids: ['svc.selector-spans-workloads', 'svc.externalname-http-caveat', 'svc.session-affinity-ineffective', 'svc.warning-events', 'eps.partially-ready', 'eps.stale-target', 'nodeport.externalip-not-node', 'lb.class-unclaimed'],
  needs: ['Service'],
  alsoReads: { 'svc.selector-spans-workloads': ['Pod'], 'svc.warning-events': ['Event'], 'eps.stale-target': ['Pod'], 'nodeport.externalip-not-node': ['Node'], 'lb.class-unclaimed': ['Pod'] },
  run(rc) {
    const { s, g } = rc;
    const out: Finding[] = [];
    const ix = indexes(s);
    const now = Date.parse(rc.ctx.now);
    const nodeNames = new Set(s.nodes.map((n) => n.metadata.name));
    const nodeAddrs = new Set(s.nodes.flatMap((n) => (n.status?.addresses ?? []).map((a) => a.address)));
    const lbIPs = new Set(s.services.flatMap((x) => (x.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '')));
    const podNames = s.pods.map((p) => p.metadata.name);
    // a class is claimed or not for the whole cluster: scan the pods once per class
    const claimedByClass = new Map<string, boolean>();
    const awsLbc = s.pods.some((p) => /aws-load-balancer-controller/.test(p.metadata.name) || p.spec.containers.some((c) => /aws-load-balancer-controller/.test(c.image ?? '')));
    for (const sv of g.services) {
      const svc = sv.service;
      const ns = svc.metadata.namespace ?? '';
      if (svc.spec.type === 'ExternalName') {
        const http = sv.reachedBy.length > 0 || (svc.spec.ports ?? []).some((p) => HTTPISH.test(p.appProtocol ?? '') || HTTPISH.test(p.name ?? '') || [80, 443, 8080, 8443].includes(p.port));
        if (http) out.push(finding('svc.externalname-http-caveat', 'info', svc, `Requests through ExternalName Service ${nn(svc)} reach ${svc.spec.externalName ?? ''} with the wrong Host/SNI; HTTPS origins often reject them.`, 'set the upstream Host on the ingress/gateway (e.g. nginx.ingress.kubernetes.io/upstream-vhost) or proxy explicitly', { fields: ['spec.externalName'] }));
        continue;
      }
      if (isVisible(s, 'Pod', ns)) {
        const pods = selectedPods(s, svc) ?? [];
        // bare pods (no owner) are one category, as the catalog reads "different top-level owners (or none)"
        const owners = [...new Set(pods.map((p) => ((p.metadata.ownerReferences ?? []).length === 0 ? 'bare pods' : topOwner(rc, p))))];
        if (owners.length >= 2) {
          const canary = owners.some((o) => /(canary|primary|blue|green)/.test(o));
          out.push(finding('svc.selector-spans-workloads', canary ? 'info' : 'warning', svc, `Service ${nn(svc)} load-balances across pods of ${owners.slice(0, 4).join(', ')}${owners.length > 4 ? ', …' : ''}.`, 'add a distinguishing label (e.g. app.kubernetes.io/name) to spec.selector', { fields: ['spec.selector'] }));
        }
      }
      if (svc.spec.sessionAffinity === 'ClientIP' && (sv.reachedBy.length > 0 || ((svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') && (svc.spec.externalTrafficPolicy ?? 'Cluster') === 'Cluster')))
        out.push(finding('svc.session-affinity-ineffective', 'info', svc, `ClientIP affinity of ${nn(svc)} keys on the proxy or node IP here, not on the real client.`, 'use cookie affinity on the ingress/gateway, or externalTrafficPolicy: Local', { fields: ['spec.sessionAffinity'] }));
      if (isVisible(s, 'Event', ns)) {
        const reasons = new Map<string, string>();
        for (const e of s.events) {
          const io = e.involvedObject;
          if (io.kind !== 'Service' || io.name !== svc.metadata.name || (io.namespace ?? e.metadata.namespace) !== ns || e.type === 'Normal') continue;
          const t = Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
          if (Number.isNaN(t) || now - t > 3600_000) continue;
          reasons.set(e.reason ?? 'Warning', e.message ?? '');
        }
        for (const [reason, msg] of reasons) out.push(finding('svc.warning-events', 'warning', svc, `Service ${nn(svc)}: ${reason} — ${msg}`, 'act on the event message (cloud quota, exhausted IP pool, invalid annotation, controller RBAC)', { discriminator: reason }));
      }
      const eps = endpointsOf(s, svc);
      if (eps && sv.selectedPods !== undefined && svc.spec.publishNotReadyAddresses !== true) {
        const ready = eps.filter((e) => epReady(e.endpoint));
        // A rollout makes pods briefly not ready: only not-ready pods older than 2 minutes count.
        const stuck = (sv.endpoints ?? []).filter((e) => !e.ready && !e.terminating).filter((e) => {
          const p = e.pod ? ix.podByName.get(nsName(e.pod.namespace, e.pod.name)) : undefined;
          const born = Date.parse(p?.metadata.creationTimestamp ?? '');
          return Number.isNaN(born) || now - born > 120_000;
        });
        if (ready.length > 0 && stuck.length > 0)
          out.push(finding('eps.partially-ready', 'warning', svc, `${stuck.length} of ${sv.totalCount ?? eps.length} backends of Service ${nn(svc)} are not ready: ${stuck.slice(0, 3).map((e) => `${e.pod?.name ?? e.address} (${e.notReadyReason ?? 'not ready'})`).join(', ')}.`, 'inspect the listed pods (kubectl describe pod, logs, readiness probe)', { related: stuck.flatMap((e) => (e.pod ? [e.pod] : [])).slice(0, 5) }));
      }
      if (eps && isVisible(s, 'Pod', ns))
        for (const e of eps) {
          if (e.slice?.metadata.labels?.[MANAGED_BY] !== SLICE_CONTROLLER) continue;
          const t = e.endpoint.targetRef;
          if (t?.kind !== 'Pod' || !t.name) continue;
          const p = ix.podByName.get(nsName(t.namespace ?? ns, t.name));
          const nodeName = e.endpoint.nodeName;
          // the endpointslice controller drops pods whose Node does not exist
          const nodeGone = nodeName !== undefined && s.visibility.Node.state === 'visible' && !nodeNames.has(nodeName);
          const stale = !p ? `deleted pod ${t.name}` : !(p.status?.podIPs ?? [{ ip: p.status?.podIP ?? '' }]).some((x) => e.endpoint.addresses.includes(x.ip)) && p.status?.podIP !== undefined ? `pod ${t.name} under an old IP` : nodeGone ? `pod ${t.name} on node ${nodeName ?? ''}, which no longer exists` : undefined;
          if (stale && !(p && isTerminating(p)))
            out.push(finding('eps.stale-target', 'warning', svc, `An EndpointSlice of ${nn(svc)} still points to ${stale} (${e.endpoint.addresses[0] ?? ''}).`, 'if it persists, check kube-controller-manager (EndpointSlice controller) health and logs', { discriminator: t.name }));
        }
      if (s.visibility.Node.state === 'visible')
        for (const ip of svc.spec.externalIPs ?? [])
          if (!nodeAddrs.has(ip) && !lbIPs.has(ip))
            out.push(finding('nodeport.externalip-not-node', 'warning', svc, `externalIP ${ip} of Service ${nn(svc)} belongs to no node; traffic only arrives if your network routes it to a node.`, 'route the IP to a node, or use a LoadBalancer', { fields: ['spec.externalIPs'], discriminator: ip }));
      const cls = svc.spec.loadBalancerClass;
      // the address may still be coming: judge only after the grace period, like lb.pending
      if (svc.spec.type === 'LoadBalancer' && cls && s.visibility.Pod.state === 'visible' && s.namespace === undefined && rc.pastGrace(svc)) {
        let claimed = claimedByClass.get(cls);
        if (claimed === undefined) claimedByClass.set(cls, (claimed = lbClassClaimed(cls, s.pods, awsLbc) ?? podNames.some((n) => n.includes(cls.split('/').pop() ?? cls))));
        if (!claimed && (svc.status?.loadBalancer?.ingress ?? []).length === 0)
          out.push(finding('lb.class-unclaimed', 'error', svc, `Service ${nn(svc)} asks for loadBalancerClass '${cls}'; the default cloud controller ignores such Services and no '${cls}' implementation runs.`, 'install the implementation for that class, or recreate the Service without loadBalancerClass (the field is immutable)', { fields: ['spec.loadBalancerClass'] }));
      }
    }
    return out;
  },
};

export const moreServiceChecks: Check[] = [serviceMore];
