// For every entry point (Ingress rule, HTTPRoute rule, NodePort, LoadBalancer address,
// externalIP) the hop-by-hop path to ready pods, with a verdict per hop and the field to fix.
import type { BackendView, ExposureGraph, GatewayView, IngressView, ServiceView } from '../model/graph-types.js';
import { effectiveRouteHosts } from '../model/hostnames.js';
import { nodeDialAddress, nodeReady } from '../model/nodes.js';
import { refKey, type ClusterSnapshot, type ObjectRef } from '../model/types.js';
import { rank } from './root-causes.js';
import { tlsFindingsFor } from './tls-scope.js';
import { lookupSecret } from './catalog/support/secrets.js';
import { localEndpoints } from './catalog/support2/local-endpoints.js';
import { referenceGranted } from './catalog/support2/gateway.js';
import type { EntryKind, EntryPath, Finding, Hop, Verdict } from './types.js';

type FindingsByObject = Map<string, Finding[]>;

function indexFindings(findings: Finding[]): FindingsByObject {
  const m: FindingsByObject = new Map();
  for (const f of findings) {
    const k = refKey(f.object);
    m.set(k, [...(m.get(k) ?? []), f]);
  }
  return m;
}

function worst(hops: Hop[]): Verdict {
  if (hops.some((h) => h.verdict === 'broken')) return 'broken';
  if (hops.some((h) => h.verdict === 'unknown')) return 'unknown';
  return 'ok';
}

/**
 * Hop verdict from the findings on its object with the given IDs (errors break, others keep it).
 * `field` is the field to fix named by the earliest link of the chain (Appendix C order): for a
 * pending LoadBalancer that is spec.loadBalancerClass, not the status a controller writes.
 */
function judge(base: Verdict, fs: Finding[] | undefined, ids: (id: string) => boolean): { verdict: Verdict; keys: string[]; field?: string } {
  const hits = (fs ?? []).filter((f) => ids(f.id) && f.severity !== 'info');
  const verdict: Verdict = hits.some((f) => f.severity === 'error') ? 'broken' : base;
  // status.* is written by controllers: never the field a user fixes
  const fixable = (f: Finding): string | undefined => f.fields?.find((x) => !x.startsWith('status.'));
  const field = [...hits].sort((a, b) => rank(a.id) - rank(b.id)).map(fixable).find((x) => x !== undefined);
  return { verdict, keys: hits.map((f) => f.key), ...(field ? { field } : {}) };
}

/**
 * NetworkPolicy findings that concern this entry: the controller (Ingress) or data-plane
 * (HTTPRoute/GRPCRoute) hop, external traffic (NodePort, LB, externalIP), and those that block everyone.
 */
function policyFindings(fs: Finding[] | undefined, kind: EntryKind, from: ObjectRef): Finding[] {
  const forEntry = (f: Finding): boolean => {
    switch (f.id) {
      case 'netpol.blocks-all-clients':
      case 'netpol.service-port-instead-of-target':
        return true;
      case 'netpol.blocks-ingress-controller':
        return kind === 'ingress' && (f.related ?? []).some((r) => refKey(r) === refKey(from));
      case 'netpol.blocks-gateway-dataplane':
        return (kind === 'httproute' || kind === 'grpcroute') && (f.related ?? []).some((r) => refKey(r) === refKey(from));
      case 'netpol.external-traffic-blocked':
        return kind === 'nodeport' || kind === 'loadbalancer' || kind === 'externalip';
      default:
        return false;
    }
  };
  return (fs ?? []).filter((f) => f.severity !== 'info' && forEntry(f));
}

function hop(label: string, verdict: Verdict, detail: string, extra: { object?: ObjectRef; field?: string; findings?: string[] } = {}): Hop {
  const h: Hop = { label, verdict, detail };
  if (extra.object) h.object = extra.object;
  if (extra.field) h.field = extra.field;
  if (extra.findings && extra.findings.length > 0) h.findings = extra.findings;
  return h;
}

/** Service → endpoints → [network policy] → pods hops, shared by every entry kind. */
function backendHops(b: BackendView, byObj: FindingsByObject, fieldPrefix: string, entry: { kind: EntryKind; from: ObjectRef; serviceFindings?: Finding[] }): Hop[] {
  const portLabel = b.port?.name ?? (b.port?.number !== undefined ? String(b.port.number) : '');
  const svcLabel = `Service ${b.namespace}/${b.serviceName}${portLabel ? `:${portLabel}` : ''}`;
  const svcRef: ObjectRef = { kind: 'Service', namespace: b.namespace, name: b.serviceName };
  const svcFindings = byObj.get(refKey(svcRef));
  switch (b.state) {
    case 'service-missing':
      return [hop(svcLabel, 'broken', `Service ${b.serviceName} does not exist in namespace ${b.namespace}`, { object: svcRef, field: `${fieldPrefix}.name` })];
    case 'port-missing':
      return [hop(svcLabel, 'broken', `Service ${b.serviceName} has no port ${portLabel || '(unspecified)'}`, { object: svcRef, field: `${fieldPrefix}.port` })];
    case 'resource':
      return [hop(`resource ${b.note ?? ''}`, 'unknown', 'resource backend: served only by controllers that support it')];
    case 'external-name':
      return [hop(svcLabel, 'ok', b.note ?? 'ExternalName', { object: svcRef })];
    case 'unknown':
      return [hop(svcLabel, 'unknown', b.note ?? 'not visible', { object: svcRef })];
    case 'ok':
    case 'no-endpoints': {
      const sp = b.servicePort;
      const tp = sp ? String(sp.targetPort ?? sp.port) : '?';
      const ready = b.targets.filter((t) => t.ready);
      // findings of the entry about this backend (a Service type its controller cannot route to)
      const sj = judge('ok', entry.serviceFindings, () => true);
      const top = (entry.serviceFindings ?? []).find((f) => f.severity === 'error');
      const portText = sp ? `port ${sp.port}/${sp.protocol ?? 'TCP'} → targetPort ${tp}` : '';
      const hops: Hop[] = [hop(svcLabel, sj.verdict, top ? `${portText}; ${top.message}` : portText, { object: svcRef, findings: sj.keys, ...(sj.verdict === 'broken' && sj.field ? { field: sj.field } : {}) })];
      const j = judge(ready.length > 0 ? 'ok' : 'broken', svcFindings, (id) => id.startsWith('svc.') || id.startsWith('eps.'));
      const notReady = b.targets.filter((t) => !t.ready);
      const detail =
        b.targets.length === 0
          ? 'no endpoints: no pod matches the selector, or the targetPort resolves on no pod'
          : `${ready.length}/${b.targets.length} ready` + (notReady.length > 0 ? `; not ready: ${notReady.slice(0, 3).map((t) => `${t.pod?.name ?? t.address} (${t.notReadyReason ?? (t.terminating ? 'terminating' : 'not ready')})`).join(', ')}` : '');
      const epField = j.field ?? (b.targets.length === 0 ? 'spec.selector' : undefined);
      hops.push(hop('endpoints', ready.length === 0 ? 'broken' : j.verdict, detail, { object: svcRef, findings: j.keys, ...(epField && (ready.length === 0 || j.verdict !== 'ok') ? { field: epField } : {}) }));
      const pol = policyFindings(svcFindings, entry.kind, entry.from);
      if (ready.length > 0 && pol.length > 0) {
        const top = [...pol].sort((a, c) => rank(a.id) - rank(c.id))[0];
        const policy = top?.related?.find((r) => r.kind === 'NetworkPolicy');
        hops.push(hop('network policy', pol.some((f) => f.severity === 'error') ? 'broken' : 'unknown', top?.message ?? '', { ...(policy ? { object: policy } : {}), findings: pol.map((f) => f.key), ...(top?.fields?.[0] ? { field: top.fields[0] } : {}) }));
      }
      if (ready.length > 0) {
        const nodes = [...new Set(ready.map((t) => t.nodeName).filter((n): n is string => !!n))];
        const listed = `${ready.slice(0, 3).map((t) => `${t.pod?.name ?? t.address}:${t.port ?? tp}`).join(', ')}${ready.length > 3 ? ` +${ready.length - 3}` : ''}${nodes.length ? ` on ${nodes.join(', ')}` : ''}`;
        // a dial through the API server that was refused: nothing listens on the targetPort
        const portId = sp?.name || String(sp?.port ?? '');
        const refused = (svcFindings ?? []).filter((f) => f.id === 'probe.backend-via-apiserver' && f.key.endsWith(`|${portId}`));
        const pj = judge('ok', refused, () => true);
        // hand-made endpoints (a selectorless Service) are addresses, not pods
        const label = ready.some((t) => t.pod !== undefined) ? 'pods' : 'addresses';
        hops.push(hop(label, pj.verdict, refused[0] ? `${listed}; ${refused[0].message}` : listed, { findings: pj.keys, ...(pj.verdict === 'broken' && pj.field ? { field: pj.field } : {}) }));
      }
      return hops;
    }
  }
}

function ingressPaths(s: ClusterSnapshot, iv: IngressView, byObj: FindingsByObject): EntryPath[] {
  const classesVisible = s.visibility.IngressClass.state === 'visible';
  const out: EntryPath[] = [];
  const ingF = byObj.get(iv.key);
  const classRef: ObjectRef | undefined = iv.ingressClass ? { kind: 'IngressClass', name: iv.ingressClass.metadata.name } : undefined;
  const classF = classRef ? byObj.get(refKey(classRef)) : undefined;
  iv.routes.forEach((r) => {
    const scheme = r.tlsSecret ? 'https' : 'http';
    const entry = r.isDefault ? `${scheme}://*/ (default backend)` : `${scheme}://${r.host || '*'}${r.path}`;
    const hops: Hop[] = [];
    const classMissing = iv.classSource === 'field' && !iv.ingressClass && classesVisible;
    // findings about this rule's own path (by its field) and its backend (by its discriminator)
    const rulePrefix = `${r.backendField.replace(/\.backend\.service$/, '')}.`;
    const ownPath = (f: Finding): boolean => f.id === 'ing.path-invalid' && (f.fields ?? []).some((x) => x.startsWith(rulePrefix));
    const ownBackend = (f: Finding): boolean => f.id === 'ing.backend-service-type-unsupported' && !r.isDefault && f.key.endsWith(`|${r.backend.serviceName}|${r.host}|${r.path}`);
    const cj = judge(classMissing || iv.controllerPresence === 'absent' ? 'broken' : iv.controllerPresence === 'present' ? 'ok' : 'unknown', [...(ingF ?? []), ...(classF ?? [])], (id) => id.startsWith('ing.class') || id.startsWith('ingclass.') || id.startsWith('controller.') || id === 'ing.unclassed-despite-default');
    const cls = iv.className ? `class ${iv.className}${iv.classSource === 'annotation' ? ' (annotation)' : ''}${classMissing ? ' (no such IngressClass)' : ''}` : 'no class';
    const ctl = iv.controller ? `controller ${iv.controller} ${iv.controllerPresence === 'present' ? 'running' : iv.controllerPresence === 'absent' ? 'not running' : 'not visible'}` : iv.controllerPresence === 'absent' ? 'no controller claims it' : 'controller not known';
    hops.push(
      hop(`Ingress ${iv.ref.namespace}/${iv.ref.name}`, cj.verdict, `${cls}; ${ctl}`, {
        object: iv.ref,
        findings: cj.keys,
        ...(cj.verdict === 'broken' ? { field: 'spec.ingressClassName' } : {}),
      }),
    );
    // a path the controller rejects (or matches otherwise than written) breaks this rule only
    const pathIssues = (ingF ?? []).filter((f) => ownPath(f) && f.severity !== 'info');
    if (pathIssues.length > 0) {
      const pj = judge('ok', pathIssues, () => true);
      hops.push(hop(`path ${r.path}`, pj.verdict, pathIssues.map((f) => f.message).join(' '), { findings: pj.keys, ...(pj.field ? { field: pj.field } : {}) }));
    }
    const aj = judge(iv.addresses.length > 0 ? 'ok' : 'unknown', ingF, (id) => id === 'ing.not-admitted' || id === 'ing.lb-port-error' || id === 'controller.service-pending');
    hops.push(hop('address', aj.verdict, iv.addresses.length > 0 ? iv.addresses.join(', ') : 'no address published in status.loadBalancer', { findings: aj.keys }));
    if (r.tlsSecret) {
      // only what concerns this host's Secret: a SAN missing for another host leaves this one ok
      const own = tlsFindingsFor(ingF ?? [], r.tlsSecret, [r.host]);
      // a Secret kexplore may not read (or absent from a dump) leaves the hop unknown, never ok
      const known = lookupSecret(s, iv.ref.namespace ?? '', r.tlsSecret).state;
      const tj = judge(known === 'found' || known === 'missing' ? 'ok' : 'unknown', own, () => true);
      const top = [...own].filter((f) => f.severity !== 'info').sort((a, b) => rank(a.id) - rank(b.id))[0];
      const quiet = known === 'found' ? `the certificate covers ${r.host}` : known === 'missing' ? '' : 'Secret not readable: certificate not checked';
      hops.push(hop(`TLS secret ${r.tlsSecret}`, tj.verdict, top ? top.message : quiet, { object: { kind: 'Secret', ...(iv.ref.namespace ? { namespace: iv.ref.namespace } : {}), name: r.tlsSecret }, findings: tj.keys, ...(tj.verdict === 'broken' ? { field: tj.field ?? 'spec.tls' } : {}) }));
    }
    hops.push(...backendHops(r.backend, byObj, r.backendField, { kind: 'ingress', from: iv.ref, serviceFindings: (ingF ?? []).filter(ownBackend) }));
    // what a request from this machine got (check --probe, the UI's p): observed, so it comes last
    const seen = r.isDefault ? [] : (ingF ?? []).filter((f) => f.id === 'probe.ingress-http' && (f.key.endsWith(`|http://${r.host}${r.path}`) || f.key.endsWith(`|https://${r.host}${r.path}`)));
    if (seen.length > 0) {
      const err = seen.find((f) => f.severity === 'error');
      const top = err ?? seen[0];
      hops.push(hop('request from this machine', err ? 'broken' : 'unknown', top?.message ?? '', { findings: seen.map((f) => f.key), ...(top?.fields?.[0] && !top.fields[0].startsWith('status.') ? { field: top.fields[0] } : {}) }));
    }
    const p: EntryPath = { entry, kind: 'ingress', from: iv.ref, hops, verdict: worst(hops) };
    if (r.backend.service) p.service = r.backend.service;
    out.push(p);
  });
  return out;
}

/** "https://{a.example.com,b.example.com}", one per scheme and port of the listeners that admit the route. */
function routeOrigins(routeHosts: string[], gw: GatewayView | undefined, admitting: string[]): string[] {
  const listeners = (gw?.listeners ?? []).filter((l) => admitting.includes(l.name));
  const groups = new Map<string, Set<string>>();
  for (const l of listeners.length > 0 ? listeners : [undefined]) {
    const tls = l?.protocol === 'HTTPS' || l?.protocol === 'TLS';
    const scheme = tls ? 'https' : 'http';
    const port = l && l.port !== (tls ? 443 : 80) ? `:${l.port}` : '';
    const k = `${scheme}|${port}`;
    const set = groups.get(k) ?? new Set<string>();
    for (const h of effectiveRouteHosts(routeHosts, l?.hostname)) set.add(h);
    groups.set(k, set);
  }
  return [...groups].map(([k, hosts]) => {
    const [scheme = 'http', port = ''] = k.split('|');
    const list = [...hosts];
    return `${scheme}://${list.length === 1 ? list[0] : `{${list.join(',')}}`}${port}`;
  });
}

function routePaths(s: ClusterSnapshot, g: ExposureGraph, byObj: FindingsByObject): EntryPath[] {
  const out: EntryPath[] = [];
  for (const rv of g.routes) {
    const rf = byObj.get(rv.key);
    const kind: EntryKind = rv.route.kind === 'GRPCRoute' ? 'grpcroute' : 'httproute';
    for (const parent of rv.parents) {
      const gw = g.gateways.find((x) => x.key === refKey(parent.gateway));
      const origins = routeOrigins(rv.hostnames, gw, parent.listeners);
      rv.rules.forEach((rule, ri) => {
        rule.backends.forEach((b, bi) => {
          const m0 = rule.matches[0];
          const entry = `${origins.map((o) => (m0 ? `${m0.prefix}${o}${m0.suffix}` : o)).join(', ')} via ${parent.gateway.namespace}/${parent.gateway.name}`;
          const hops: Hop[] = [];
          const gwF = byObj.get(refKey(parent.gateway));
          const gj = judge(parent.gatewayFound === false ? 'broken' : parent.gatewayFound === undefined ? 'unknown' : 'ok', gwF, (id) => id.startsWith('gw.') || id.startsWith('gwc.'));
          hops.push(hop(`Gateway ${parent.gateway.namespace}/${parent.gateway.name}`, gj.verdict, gw ? `class ${gw.className}; address ${gw.addresses.join(', ') || 'none'}` : 'not found', { object: parent.gateway, findings: gj.keys, ...(parent.gatewayFound === false ? { field: 'spec.parentRefs' } : {}) }));
          const attached = parent.accepted ?? (parent.listeners.length > 0 ? true : parent.gatewayFound ? false : undefined);
          const lj = judge(attached === false ? 'broken' : attached === undefined ? 'unknown' : 'ok', rf, (id) => id.startsWith('route.not-') || id === 'route.unreconciled' || id === 'route.parent-missing');
          hops.push(hop(`${rv.route.kind} ${rv.ref.namespace}/${rv.ref.name}`, lj.verdict, parent.listeners.length ? `attached to listener ${parent.listeners.join(', ')}` : `no listener admits it${parent.reason ? ` (${parent.reason})` : ''}`, { object: rv.ref, findings: lj.keys, ...(lj.verdict === 'broken' ? { field: 'spec.parentRefs' } : {}) }));
          const crossNs = b.namespace !== rv.ref.namespace;
          if (crossNs) {
            const granted = referenceGranted(s, rv.route.kind, rv.ref.namespace ?? '', b.namespace, 'Service', b.serviceName);
            const grantsVisible = s.visibility.ReferenceGrant.state === 'visible';
            const xj = judge(granted ? 'ok' : grantsVisible ? 'broken' : 'unknown', rf, (id) => id === 'route.backend-crossns-no-grant');
            hops.push(hop('ReferenceGrant', xj.verdict, xj.verdict === 'broken' ? `no ReferenceGrant in ${b.namespace} allows ${rv.route.kind}s from ${rv.ref.namespace ?? ''}` : granted ? `granted in ${b.namespace}` : 'ReferenceGrants not visible', { findings: xj.keys, ...(xj.verdict === 'broken' ? { field: `spec.rules[${ri}].backendRefs[${bi}].namespace` } : {}) }));
          }
          hops.push(...backendHops(b, byObj, `spec.rules[${ri}].backendRefs[${bi}]`, { kind, from: rv.ref }));
          const p: EntryPath = { entry, kind, from: rv.ref, hops, verdict: worst(hops) };
          if (b.service) p.service = b.service;
          out.push(p);
        });
      });
    }
  }
  return out;
}

function serviceBackend(sv: ServiceView, portIdx: number): BackendView {
  const sp = sv.service.spec.ports?.[portIdx];
  const targets = (sv.endpoints ?? [])
    .filter((e) => e.ports.some((p) => p.name === (sp?.name ?? '') && p.protocol === (sp?.protocol ?? 'TCP')))
    .map((e) => {
      // the endpoint's port for this Service port (by name and protocol), not its first one
      const port = e.ports.find((p) => p.name === (sp?.name ?? '') && p.protocol === (sp?.protocol ?? 'TCP'))?.port;
      return { address: e.address, ready: e.ready, terminating: e.terminating, ...(e.pod ? { pod: e.pod } : {}), ...(e.nodeName ? { nodeName: e.nodeName } : {}), ...(e.notReadyReason ? { notReadyReason: e.notReadyReason } : {}), ...(port !== undefined ? { port } : {}) };
    });
  const b: BackendView = { serviceName: sv.ref.name, namespace: sv.ref.namespace ?? '', service: sv.ref, state: sv.endpoints === undefined ? 'unknown' : targets.some((t) => t.ready) ? 'ok' : 'no-endpoints', targets };
  if (sp) {
    b.servicePort = sp;
    b.port = { number: sp.port };
  }
  return b;
}

/**
 * externalTrafficPolicy Local also governs LoadBalancer and externalIP traffic: only nodes with
 * a ready local endpoint answer (the LB's health check drops the others), none means none.
 */
function localTrafficHop(s: ClusterSnapshot, sv: ServiceView, sf: Finding[] | undefined): Hop | undefined {
  if (sv.service.spec.externalTrafficPolicy !== 'Local') return undefined;
  const le = s.visibility.Node.state === 'visible' ? localEndpoints(s, sv.service) : undefined;
  if (!le) return hop('externalTrafficPolicy Local', 'unknown', 'nodes or endpoints not visible: which nodes answer is unknown', { object: sv.ref });
  const local = [...le.local];
  // without any usable endpoint the endpoints hop is the one that breaks
  const j = judge(local.length > 0 || !le.usable ? 'ok' : 'broken', sf, (id) => id === 'nodeport.etp-local-no-endpoints' || id === 'nodeport.etp-local-partial');
  const detail = local.length > 0 ? `only ${local.join(', ')} answer (a local endpoint)` : le.usable ? 'no Ready node has a local endpoint, so no node answers' : 'no ready endpoint anywhere';
  return hop('externalTrafficPolicy Local', j.verdict, detail, { object: sv.ref, findings: j.keys, ...(j.verdict === 'broken' ? { field: 'spec.externalTrafficPolicy' } : {}) });
}

function servicePaths(s: ClusterSnapshot, g: ExposureGraph, byObj: FindingsByObject): EntryPath[] {
  const out: EntryPath[] = [];
  for (const sv of g.services) {
    const svc = sv.service;
    const sf = byObj.get(sv.key);
    (svc.spec.ports ?? []).forEach((sp, i) => {
      const backend = serviceBackend(sv, i);
      // NodePort: one path per port, across the nodes.
      if (sp.nodePort && (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer')) {
        const ready = s.nodes.filter(nodeReady);
        const nodesVisible = s.visibility.Node.state === 'visible';
        const local = svc.spec.externalTrafficPolicy === 'Local';
        // eTP Local: only nodes with a local endpoint answer (kube-proxy drops the rest)
        const localNodes = local ? [...(localEndpoints(s, svc)?.local ?? [])] : [];
        // the entry is a node that answers (with eTP Local: one with a local endpoint), and how many more do
        const answering = local ? ready.filter((n) => localNodes.includes(n.metadata.name)) : ready;
        const addrs = answering.map(nodeDialAddress).filter((a): a is string => !!a);
        const addr = addrs[0] ?? ready.map(nodeDialAddress).find((a) => a);
        const more = addrs.length > 1 ? ` (+${addrs.length - 1} node${addrs.length > 2 ? 's' : ''})` : '';
        const base: Verdict = !nodesVisible ? 'unknown' : ready.length === 0 || (local && localNodes.length === 0) ? 'broken' : 'ok';
        const nj = judge(base, sf, (id) => id.startsWith('nodeport.'));
        const where = local ? (localNodes.length > 0 ? `; externalTrafficPolicy Local: answers only on ${localNodes.join(', ')}` : '; externalTrafficPolicy Local: no Ready node has a ready local endpoint, so no node answers') : '';
        const detail = nodesVisible ? `${ready.length}/${s.nodes.length} nodes Ready${where}` : 'nodes not visible';
        const field = nj.field ?? (nj.verdict === 'broken' && ready.length > 0 && local && (sv.endpoints ?? []).some((e) => e.ready) ? 'spec.externalTrafficPolicy' : undefined);
        const hops = [hop(`NodePort ${sp.nodePort}/${sp.protocol ?? 'TCP'}`, nj.verdict, detail, { object: sv.ref, findings: nj.keys, ...(field ? { field } : {}) }), ...backendHops(backend, byObj, 'spec', { kind: 'nodeport', from: sv.ref }).slice(1)];
        out.push({ entry: `${addr ?? '<node>'}:${sp.nodePort}${more}`, kind: 'nodeport', from: sv.ref, service: sv.ref, hops, verdict: worst(hops) });
      }
      if (svc.spec.type === 'LoadBalancer') {
        const ing = svc.status?.loadBalancer?.ingress ?? [];
        const lj = judge(ing.length > 0 ? 'ok' : 'unknown', sf, (id) => id.startsWith('lb.'));
        const lbField = lj.verdict === 'broken' ? lj.field : undefined;
        const etp = localTrafficHop(s, sv, sf);
        const lbHops = [hop('load balancer', lj.verdict, ing.length > 0 ? ing.map((x) => x.ip ?? x.hostname).join(', ') : '<pending>: no address in status.loadBalancer', { object: sv.ref, findings: lj.keys, ...(lbField ? { field: lbField } : {}) }), ...(etp ? [etp] : []), ...backendHops(backend, byObj, 'spec', { kind: 'loadbalancer', from: sv.ref }).slice(1)];
        out.push({ entry: `${ing[0]?.ip ?? ing[0]?.hostname ?? '<pending>'}:${sp.port}`, kind: 'loadbalancer', from: sv.ref, service: sv.ref, hops: lbHops, verdict: worst(lbHops) });
      }
      for (const ip of svc.spec.externalIPs ?? []) {
        const etp = localTrafficHop(s, sv, sf);
        const h = [...(etp ? [etp] : []), ...backendHops(backend, byObj, 'spec', { kind: 'externalip', from: sv.ref }).slice(1)];
        out.push({ entry: `${ip}:${sp.port}`, kind: 'externalip', from: sv.ref, service: sv.ref, hops: h, verdict: worst(h) });
      }
    });
  }
  return out;
}

export function computePaths(s: ClusterSnapshot, g: ExposureGraph, findings: Finding[]): EntryPath[] {
  const byObj = indexFindings(findings);
  return [...g.ingresses.flatMap((iv) => ingressPaths(s, iv, byObj)), ...routePaths(s, g, byObj), ...servicePaths(s, g, byObj)];
}
