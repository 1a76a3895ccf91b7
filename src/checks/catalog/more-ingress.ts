// Further Ingress, TLS, controller, Gateway and conflict checks (diagnostics.md §4–§6, §9, §10b).
import { controllerStatus, INGRESS_NGINX, ingressController, isIngressNginxPod, podArgs, signatureFor } from '../../model/controllers.js';
import { gatewayHostsIntersect } from '../../model/hostnames.js';
import { effectiveClass } from '../../model/ingress-class.js';
import { refKey, refOf, type ClusterSnapshot, type Ingress, type ObjectRef } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';
import { topOwnerRef } from './support/owners.js';

const NGINX = INGRESS_NGINX;
const FOREIGN: [string, string][] = [
  ['nginx.ingress.kubernetes.io/', NGINX],
  ['nginx.org/', 'nginx.org/ingress-controller'],
  ['alb.ingress.kubernetes.io/', 'ingress.k8s.aws/alb'],
  ['traefik.ingress.kubernetes.io/', 'traefik.io/ingress-controller'],
  ['haproxy.org/', 'haproxy.org/ingress-controller'],
  ['konghq.com/', 'ingress-controllers.konghq.com/kong'],
  ['projectcontour.io/', 'projectcontour.io/ingress-controller'],
  ['nginx.com/', 'nginx.org/ingress-controller'],
];
/** F5 NGINX Ingress Controller prefixes: ingress-nginx ignores them (reported by ing.nginx-lint there). */
const F5_PREFIXES = ['nginx.org/', 'nginx.com/'];

/**
 * The implementation behind a controller string: Appendix A lists several strings for some
 * (Contour's older projectcontour.io/contour, HAProxy's /<name> suffix); signatures match them all.
 */
const family = (controller: string): string => signatureFor(controller)?.name ?? controller;
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
  return ingressController(effectiveClass(s, ing));
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
        const own = family(ctl);
        const foreign = Object.keys(ann).filter((k) => FOREIGN.some(([prefix, owner]) => k.startsWith(prefix) && family(owner) !== own) && !(nginx && F5_PREFIXES.some((p) => k.startsWith(p))));
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
          if (F5_PREFIXES.some((p) => k.startsWith(p)))
            out.push(finding('ing.nginx-lint', 'warning', ing, `Ingress ${nn(ing)} uses annotation ${k}, which belongs to the F5 NGINX Ingress Controller; ingress-nginx ignores it.`, 'use the nginx.ingress.kubernetes.io/ equivalent, or move the Ingress to an F5 NGINX class', { fields: ['metadata.annotations'], discriminator: k }));
          if (k === 'nginx.ingress.kubernetes.io/configuration-snippet' && /\bsatisfy\b/.test(v))
            out.push(finding('ing.nginx-lint', 'warning', ing, `configuration-snippet of Ingress ${nn(ing)} contains a satisfy directive; use the nginx.ingress.kubernetes.io/satisfy annotation instead.`, 'remove satisfy from the snippet and set nginx.ingress.kubernetes.io/satisfy: "any" (or "all")', { fields: ['metadata.annotations'], discriminator: k }));
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
            out.push(finding('tls.host-secret-conflict', 'warning', ing, `${h} has TLS secrets in Ingresses ${nn(prev.ing)} (${prev.secret}) and ${nn(ing)} (${t.secretName}); the controller uses only one.`, 'use a single Secret for a host across all Ingresses of a class', { fields: ['spec.tls'], related: [prev.ing], discriminator: h, hosts: [h] }));
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

const gatewayClassesMore: Check = {
  ids: ['gwc.unknown-controller'],
  needs: ['GatewayClass'],
  run(rc) {
    const out: Finding[] = [];
    for (const gc of rc.s.gatewayClasses) {
      if (KNOWN_GW_CONTROLLERS.includes(gc.spec.controllerName) || !rc.pastGrace(gc)) continue;
      // gwc.not-accepted (Pending): no controller has written the class's status. Any other
      // Accepted condition (True, or False with InvalidParameters…) was written by a controller.
      const acc = (gc.status?.conditions ?? []).find((c) => c.type === 'Accepted');
      const pending = !acc || (acc.status === 'Unknown' && (acc.reason === 'Pending' || acc.reason === 'Waiting'));
      if (pending)
        out.push(finding('gwc.unknown-controller', 'warning', gc, `No running implementation is known for controllerName '${gc.spec.controllerName}' of GatewayClass ${gc.metadata.name}.`, 'install the controller or correct spec.controllerName', { fields: ['spec.controllerName'] }));
    }
    return out;
  },
};

/** The more specific of two intersecting Gateway hostnames (what requests to both actually carry). */
const narrower = (a: string, b: string): string => (!a.startsWith('*') ? a : !b.startsWith('*') ? b : a.length >= b.length ? a : b);

/** Hostnames a route effectively serves on one listener ('' = any host). */
function effectiveHosts(routeHosts: string[], listenerHost: string | undefined): string[] {
  if (routeHosts.length === 0) return [listenerHost ?? ''];
  if (!listenerHost) return routeHosts;
  return routeHosts.filter((h) => gatewayHostsIntersect(h, listenerHost)).map((h) => narrower(h, listenerHost));
}

const routeOverlap: Check = {
  ids: ['route.hostname-overlap'],
  needs: ['HTTPRoute', 'Gateway'],
  run(rc) {
    const { g } = rc;
    // match identities carry the route kind: an HTTPRoute and a GRPCRoute never select the same request
    const out: Finding[] = [];
    const listenerHost = (gw: ObjectRef, name: string): string | undefined => g.gateways.find((x) => x.key === refKey(gw))?.listeners.find((l) => l.name === name)?.hostname;
    // per route: the listeners it is attached to, and the hostnames it serves on each
    const attached = g.routes.map((rv) => {
      const m = new Map<string, { label: string; hosts: Set<string> }>();
      for (const p of rv.parents) {
        if (p.accepted === false) continue;
        for (const l of p.listeners) m.set(`${refKey(p.gateway)}#${l}`, { label: `${nn(p.gateway)} listener ${l}`, hosts: new Set(effectiveHosts(rv.hostnames, listenerHost(p.gateway, l))) });
      }
      const matches = new Map<string, string>();
      for (const r of rv.rules) for (const mt of r.matches) matches.set(mt.key, mt.text);
      return { rv, listeners: m, matches };
    });
    for (let i = 0; i < attached.length; i++)
      for (let j = i + 1; j < attached.length; j++) {
        const a = attached[i];
        const b = attached[j];
        if (!a || !b) continue;
        const match = [...a.matches.keys()].find((k) => b.matches.has(k));
        if (match === undefined) continue;
        // the same listener, and a hostname both serve as such (a more specific hostname wins its requests outright)
        let where: { label: string; host: string } | undefined;
        for (const [k, la] of a.listeners) {
          const host = [...(b.listeners.get(k)?.hosts ?? [])].find((h) => la.hosts.has(h));
          if (host !== undefined) {
            where = { label: la.label, host };
            break;
          }
        }
        if (!where) continue;
        // Gateway API tie-break: oldest creationTimestamp, then "{namespace}/{name}" alphabetically
        const ta = a.rv.route.metadata.creationTimestamp ?? '';
        const tb = b.rv.route.metadata.creationTimestamp ?? '';
        const aFirst = ta !== tb ? ta < tb : nn(a.rv.ref) <= nn(b.rv.ref);
        const [old, young] = aFirst ? [a, b] : [b, a];
        out.push(finding('route.hostname-overlap', 'info', young.rv.ref, `${young.rv.ref.kind}s ${nn(old.rv.ref)} and ${nn(young.rv.ref)} both match ${where.host || 'any host'} ${a.matches.get(match) ?? ''} on ${where.label}; the older route (${nn(old.rv.ref)}) wins.`, 'make the matches distinct, or merge the routes', { related: [old.rv.ref], discriminator: old.rv.key }));
      }
    return out;
  },
};

/** One entry point: an Ingress class, or a Gateway; its published addresses and the objects routing the host there. */
interface EntryPoint {
  label: string;
  addrs: Set<string>;
  objs: ObjectRef[];
}

const sameHostEntrypoints: Check = {
  ids: ['conflict.same-host-different-entrypoints'],
  needs: [],
  // Ingresses of two classes conflict without the Gateway API; routes on two Gateways without Ingress
  needsOneOf: ['Ingress', 'HTTPRoute', 'GRPCRoute'],
  run(rc) {
    const { g } = rc;
    const out: Finding[] = [];
    const hosts = new Map<string, Map<string, EntryPoint>>();
    const add = (host: string, key: string, label: string, addrs: string[], obj: ObjectRef): void => {
      if (!host || addrs.length === 0) return;
      const eps = hosts.get(host) ?? new Map<string, EntryPoint>();
      const e = eps.get(key) ?? { label, addrs: new Set<string>(), objs: [] };
      for (const a of addrs) e.addrs.add(a);
      if (!e.objs.some((o) => refKey(o) === refKey(obj))) e.objs.push(obj);
      eps.set(key, e);
      hosts.set(host, eps);
    };
    // an Ingress class is one entry point, however many addresses its controller publishes
    for (const iv of g.ingresses) {
      const key = iv.className !== undefined ? `class/${iv.className}` : `ingress/${iv.key}`;
      const label = iv.className !== undefined ? `Ingress class ${iv.className}` : `Ingress ${nn(iv.ref)}`;
      for (const r of iv.routes) add(r.host, key, label, iv.addresses, iv.ref);
    }
    // a Gateway is one entry point (not visible: no Gateway views, so routes add nothing)
    for (const rv of g.routes)
      for (const p of rv.parents) {
        if (p.accepted === false || p.listeners.length === 0) continue;
        const gw = g.gateways.find((x) => x.key === refKey(p.gateway));
        if (!gw) continue;
        const routeHosts = rv.hostnames.length > 0 ? rv.hostnames : gw.listeners.filter((l) => p.listeners.includes(l.name) && l.hostname).map((l) => l.hostname ?? '');
        for (const h of routeHosts) add(h, gw.key, `Gateway ${nn(gw.ref)}`, gw.addresses, rv.ref);
      }
    for (const [host, eps] of hosts) {
      const list = [...eps.values()];
      const sig = (e: EntryPoint): string => [...e.addrs].sort().join(',');
      if (new Set(list.map(sig)).size < 2) continue;
      const [first, ...rest] = list;
      const obj = first?.objs[0];
      if (!first || !obj) continue;
      const parts = list.map((e) => `${e.label} at ${[...e.addrs].join(', ')}`).join('; ');
      out.push(finding('conflict.same-host-different-entrypoints', 'info', obj, `${host} is configured on entry points with different addresses (${parts}); DNS decides which one is used.`, 'remove the stale route, or point DNS at the intended entry point', { discriminator: host, related: [...first.objs.slice(1), ...rest.flatMap((e) => e.objs)].slice(0, 5) }));
    }
    return out;
  },
};

export const moreIngressChecks: Check[] = [ingressMore, controllersMore, gatewayClassesMore, routeOverlap, sameHostEntrypoints];
