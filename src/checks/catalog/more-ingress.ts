// Further Ingress, TLS, controller, Gateway and conflict checks (diagnostics.md §4–§6, §9, §10b).
import { controllerStatus, isIngressNginxPod, podArgs } from '../../model/controllers.js';
import { gatewayHostsIntersect } from '../../model/hostnames.js';
import { effectiveClass } from '../../model/ingress-class.js';
import { refOf, type ClusterSnapshot, type Ingress, type ObjectRef } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';
import { topOwnerRef } from './support/owners.js';

const NGINX = 'k8s.io/ingress-nginx';
const FOREIGN: [string, string][] = [
  ['nginx.ingress.kubernetes.io/', NGINX],
  ['nginx.org/', 'nginx.org/ingress-controller'],
  ['alb.ingress.kubernetes.io/', 'ingress.k8s.aws/alb'],
  ['traefik.ingress.kubernetes.io/', 'traefik.io/ingress-controller'],
  ['haproxy.org/', 'haproxy.org/ingress-controller'],
  ['konghq.com/', 'ingress-controllers.konghq.com/kong'],
  ['projectcontour.io/', 'projectcontour.io/ingress-controller'],
];
// ingress-nginx `cmd/plugin/lints/deployment.go`: flags removed in 0.22 (#3655) and 0.24 (#3887)
const REMOVED_FLAGS = ['--sort-backends', '--force-namespace-isolation'];
const REMOVED = ['secure-backends', 'grpc-backend', 'add-base-url', 'base-url-scheme', 'session-cookie-hash', 'mirror-uri'];

/** ing.nginx-lint on controller workloads still started with removed flags (once per workload). */
function removedControllerFlags(s: ClusterSnapshot): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const p of s.pods) {
    if (!isIngressNginxPod(p)) continue;
    const owner = topOwnerRef(s, p);
    const key = `${owner.kind}/${owner.namespace ?? ''}/${owner.name}`;
    if (seen.has(key)) continue;
    p.spec.containers.forEach((c, ci) =>
      (c.args ?? []).forEach((a, ai) => {
        const flag = REMOVED_FLAGS.find((f) => a === f || a.startsWith(`${f}=`));
        if (!flag) return;
        seen.add(key);
        const field = owner.kind === 'Pod' ? `spec.containers[${ci}].args[${ai}]` : `spec.template.spec.containers[${ci}].args[${ai}]`;
        out.push(finding('ing.nginx-lint', 'warning', owner, `${owner.kind} ${nn(owner)} starts ingress-nginx with ${flag}, a flag removed from ingress-nginx; the controller no longer accepts it.`, `remove ${flag} from the container args`, { fields: [field], related: [refOf(p)], discriminator: flag }));
      }),
    );
  }
  return out;
}

function controllerOf(s: Parameters<typeof effectiveClass>[0], ing: Ingress): string | undefined {
  const eff = effectiveClass(s, ing);
  if (eff.ingressClass?.spec.controller) return eff.ingressClass.spec.controller;
  if (eff.source === 'annotation' && eff.name === 'nginx') return NGINX;
  return undefined;
}

const ingressMore: Check = {
  ids: ['ing.path-invalid', 'ing.foreign-annotations', 'ing.nginx-lint', 'tls.host-secret-conflict'],
  needs: ['Ingress'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const tlsHosts = new Map<string, { ing: Ingress; secret: string }>();
    for (const ing of s.ingresses) {
      const ctl = controllerOf(s, ing);
      const nginx = ctl === NGINX;
      (ing.spec.rules ?? []).forEach((r, i) =>
        (r.http?.paths ?? []).forEach((p, j) => {
          const path = p.path ?? '';
          const field = `spec.rules[${i}].http.paths[${j}].path`;
          const disc = `${r.host ?? ''}|${path}`;
          if ((p.pathType === 'Exact' || p.pathType === 'Prefix') && !path.startsWith('/'))
            out.push(finding('ing.path-invalid', 'error', ing, `Path '${path}' of Ingress ${nn(ing)} must start with '/' for pathType ${p.pathType}.`, 'start the path with /', { fields: [field], discriminator: disc }));
          else if ((p.pathType === 'Exact' || p.pathType === 'Prefix') && !/^\/[A-Za-z0-9._\-/]*$/.test(path))
            out.push(finding('ing.path-invalid', nginx ? 'error' : 'warning', ing, `Path '${path}' with pathType ${p.pathType} of Ingress ${nn(ing)} ${nginx ? 'is rejected by ingress-nginx (strict-validate-path-type)' : 'is matched literally, not as a regex'}.`, 'use pathType ImplementationSpecific (ingress-nginx: plus use-regex) for regex paths, or a literal path', { fields: [field], discriminator: disc }));
          else if (nginx && p.pathType === 'ImplementationSpecific' && /[()[\]{}*+?|^$\\]/.test(path) && ing.metadata.annotations?.['nginx.ingress.kubernetes.io/use-regex'] !== 'true' && !/\$\d/.test(ing.metadata.annotations?.['nginx.ingress.kubernetes.io/rewrite-target'] ?? ''))
            out.push(finding('ing.path-invalid', 'info', ing, `Path '${path}' of Ingress ${nn(ing)} looks like a regex but nginx.ingress.kubernetes.io/use-regex is not "true".`, 'set nginx.ingress.kubernetes.io/use-regex: "true" or use a literal path', { fields: [field], discriminator: disc }));
        }),
      );
      const ann = ing.metadata.annotations ?? {};
      if (ctl) {
        const foreign = Object.keys(ann).filter((k) => FOREIGN.some(([prefix, owner]) => k.startsWith(prefix) && owner !== ctl && !(ctl.startsWith('haproxy.org/') && owner.startsWith('haproxy.org/'))));
        if (foreign.length > 0)
          out.push(finding('ing.foreign-annotations', 'warning', ing, `Ingress ${nn(ing)} (controller ${ctl}) carries ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}, which that controller ignores.`, "translate the annotations to the class controller's equivalent, or change the class", { fields: ['metadata.annotations'] }));
      }
      if (nginx) {
        for (const [k, v] of Object.entries(ann)) {
          const name = k.split('/').pop() ?? '';
          if (k.startsWith('nginx.ingress.kubernetes.io/') && REMOVED.includes(name))
            out.push(finding('ing.nginx-lint', 'warning', ing, `Ingress ${nn(ing)} uses annotation ${k}, removed from ingress-nginx; it has no effect.`, 'remove it or use its successor (backend-protocol instead of secure-backends/grpc-backend)', { fields: ['metadata.annotations'], discriminator: k }));
          if (k === 'nginx.ingress.kubernetes.io/rewrite-target' && !/\$\d/.test(v) && v !== '/')
            out.push(finding('ing.nginx-lint', 'info', ing, `rewrite-target '${v}' of Ingress ${nn(ing)} has no capture group reference ($1).`, 'use a capture group in the path and reference it ($1), unless a fixed target is intended', { fields: ['metadata.annotations'], discriminator: k }));
          if (k === 'nginx.ingress.kubernetes.io/x-forwarded-prefix' && (v === 'true' || v === 'false'))
            out.push(finding('ing.nginx-lint', 'warning', ing, `x-forwarded-prefix of Ingress ${nn(ing)} is '${v}'; it takes a prefix string, not a boolean.`, 'set the prefix string to forward', { fields: ['metadata.annotations'], discriminator: k }));
        }
      }
      const cls = effectiveClass(s, ing).name ?? '';
      for (const t of ing.spec.tls ?? [])
        for (const h of t.hosts ?? []) {
          const k = `${cls}|${h}`;
          const prev = tlsHosts.get(k);
          if (prev && t.secretName && prev.secret !== t.secretName)
            out.push(finding('tls.host-secret-conflict', 'warning', ing, `${h} has TLS secrets in Ingresses ${nn(prev.ing)} (${prev.secret}) and ${nn(ing)} (${t.secretName}); the controller uses only one.`, 'use a single Secret for a host across all Ingresses of a class', { fields: ['spec.tls'], related: [prev.ing], discriminator: h }));
          else if (!prev && t.secretName) tlsHosts.set(k, { ing, secret: t.secretName });
        }
    }
    out.push(...removedControllerFlags(s));
    return out;
  },
};

const controllersMore: Check = {
  ids: ['controller.multiple-claim'],
  needs: ['IngressClass', 'Pod'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    for (const cls of s.ingressClasses) {
      const st = controllerStatus(s, cls.spec.controller);
      // distinct installs: different namespaces or different owners, claiming this class's controller string
      const claims = st.readyPods.filter((p) => podArgs(p).every((a) => !a.startsWith('--controller-class=') || a === `--controller-class=${cls.spec.controller ?? ''}`));
      const owners = new Set(claims.map((p) => `${p.metadata.namespace ?? ''}/${(p.metadata.ownerReferences ?? [])[0]?.name.replace(/-[a-z0-9]{8,10}$/, '') ?? p.metadata.name}`));
      if (owners.size >= 2)
        out.push(finding('controller.multiple-claim', 'warning', cls, `${owners.size} controller installs (${[...owners].join(', ')}) serve class ${cls.metadata.name}; they fight over Ingress status and routing.`, 'give each install its own --controller-class and IngressClass', { related: claims.slice(0, 5).map(refOf) }));
    }
    return out;
  },
};

const KNOWN_GW_CONTROLLERS = ['gateway.envoyproxy.io/gatewayclass-controller', 'istio.io/gateway-controller', 'io.cilium/gateway-controller', 'gateway.nginx.org/nginx-gateway-controller', 'projectcontour.io/gateway-controller', 'konghq.com/kic-gateway-controller', 'traefik.io/gateway-controller', 'networking.gke.io/gateway', 'apisix.apache.org/apisix-ingress-controller'];

const gatewayMore: Check = {
  ids: ['gwc.unknown-controller', 'route.hostname-overlap', 'conflict.same-host-different-entrypoints'],
  needs: ['HTTPRoute', 'Gateway', 'GatewayClass', 'Ingress'],
  run(rc) {
    const { s, g } = rc;
    const out: Finding[] = [];
    for (const gc of s.gatewayClasses) {
      const acc = (gc.status?.conditions ?? []).find((c) => c.type === 'Accepted');
      if (!KNOWN_GW_CONTROLLERS.includes(gc.spec.controllerName) && acc?.status !== 'True')
        out.push(finding('gwc.unknown-controller', 'warning', gc, `No running implementation is known for controllerName '${gc.spec.controllerName}' of GatewayClass ${gc.metadata.name}.`, 'install the controller or correct spec.controllerName', { fields: ['spec.controllerName'] }));
    }
    const routes = g.httpRoutes;
    for (let i = 0; i < routes.length; i++)
      for (let j = i + 1; j < routes.length; j++) {
        const a = routes[i];
        const b = routes[j];
        if (!a || !b) continue;
        const sameParent = a.parents.some((p) => b.parents.some((q) => p.gateway.name === q.gateway.name && p.gateway.namespace === q.gateway.namespace));
        const hostsMeet = (a.hostnames.length === 0 || b.hostnames.length === 0) || a.hostnames.some((h) => b.hostnames.some((k) => gatewayHostsIntersect(h, k)));
        const sameMatch = a.rules.some((r) => b.rules.some((q) => r.matches.some((m) => q.matches.includes(m))));
        if (sameParent && hostsMeet && sameMatch) {
          const [old, young] = (a.route.metadata.creationTimestamp ?? '') <= (b.route.metadata.creationTimestamp ?? '') ? [a, b] : [b, a];
          out.push(finding('route.hostname-overlap', 'info', young.ref, `HTTPRoutes ${nn(old.ref)} and ${nn(young.ref)} both match the same host and path on one Gateway; the older (${nn(old.ref)}) wins.`, 'make the matches distinct, or merge the routes', { related: [old.ref] }));
        }
      }
    // the same host on entry points with different published addresses
    const entries = new Map<string, { addrs: Set<string>; obj: ObjectRef }>();
    const add = (host: string, addr: string, obj: ObjectRef): void => {
      if (!host || !addr) return;
      const e = entries.get(host) ?? { addrs: new Set<string>(), obj };
      e.addrs.add(addr);
      entries.set(host, e);
    };
    for (const iv of g.ingresses) for (const r of iv.routes) for (const a of iv.addresses) add(r.host, a, iv.ref);
    for (const rv of g.httpRoutes)
      for (const p of rv.parents) {
        const gw = g.gateways.find((x) => x.ref.name === p.gateway.name && x.ref.namespace === p.gateway.namespace);
        for (const h of rv.hostnames) for (const a of gw?.addresses ?? []) add(h, a, rv.ref);
      }
    for (const [host, { addrs, obj }] of entries)
      if (addrs.size > 1)
        out.push(finding('conflict.same-host-different-entrypoints', 'info', obj, `${host} is configured on entry points with different addresses (${[...addrs].join(', ')}); DNS decides which one is used.`, 'remove the stale route, or point DNS at the intended entry point', { discriminator: host }));
    return out;
  },
};

export const moreIngressChecks: Check[] = [ingressMore, controllersMore, gatewayMore];
