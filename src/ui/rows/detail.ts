// Detail of one object: addresses, ports (boxed table), endpoints, pods, findings with
// hints, hop-by-hop path verdicts, probe results — or its YAML. Pure: (analysis, key) → rows.
import { stringify } from 'yaml';
import type { EntryPath, Finding, Verdict } from '../../checks/types.js';
import type { BackendView, EndpointView, ExposureAddress, GatewayView, IngressView, RouteView, ServiceView } from '../../model/graph-types.js';
import { sanitize, sanitizeMultiline } from '../../model/sanitize.js';
import { isVisible } from '../../model/snapshot.js';
import type { AnyObject, Kind, ObjectRef } from '../../model/types.js';
import { KINDS, refKey } from '../../model/types.js';
import { severityTone, type Tone } from '../theme.js';
import type { Analysis, ProbeState, Segment, ViewRow } from '../types.js';
import { BAD, OK, UNKNOWN, backendSegments, findingSegments, nsName, refText, seg, targetSegments, textRow } from './common.js';
import { genericDetail, ingressClassDetail, nodeDetail, podDetail, podLine, relatedSection, secretDetail } from './detail-objects.js';
import { Rows } from './detail-rows.js';
import { ingressRulePaths, routeBackendPaths } from './rule-paths.js';
import { pathStatus } from './routes.js';
import { formatAddress } from './services.js';

export type DetailMode = 'overview' | 'yaml';

/** Parse "Kind/ns/name" back into a ref. */
export function parseKey(key: string): ObjectRef {
  const [kind = '', ns = '', ...rest] = key.split('/');
  const name = rest.join('/');
  return ns === '' ? { kind, name } : { kind, namespace: ns, name };
}

function verdictMark(v: Verdict): Segment {
  switch (v) {
    case 'ok':
      return seg(OK, 'ok');
    case 'broken':
      return seg(BAD, 'error');
    case 'unknown':
      return seg(UNKNOWN, 'warning');
    default: {
      const never: never = v;
      return never;
    }
  }
}

function addressLine(r: Rows, a: ExposureAddress): void {
  const kind = a.kind === 'nodePort' ? 'NodePort' : a.kind === 'loadBalancer' ? 'LoadBalancer' : a.kind === 'externalIP' ? 'externalIP' : a.kind === 'externalName' ? 'externalName' : 'clusterIP';
  const port = a.kind !== 'nodePort' && a.port !== undefined ? `:${a.port}` : '';
  const more = a.moreNodes ? ` (+${a.moreNodes} more nodes)` : '';
  const node = a.node !== undefined ? seg(`  node ${sanitize(a.node)}${a.nodeReady === false ? ' (NotReady)' : ''}${more}`, a.nodeReady === false ? 'warning' : 'muted') : seg('');
  r.line(1, [seg(`${kind.padEnd(13)}`, 'muted'), seg(`${formatAddress(a)}${port}`, a.pending ? 'warning' : undefined), seg(a.protocol && a.protocol !== 'TCP' ? `/${sanitize(a.protocol)}` : ''), node]);
}

function endpointLine(r: Rows, e: EndpointView): void {
  const state = e.ready ? seg(OK, 'ok') : e.serving ? seg('~', 'warning') : seg(BAD, 'error');
  const ports = e.ports.map((p) => `${sanitize(p.name) || '-'}:${p.port ?? '?'}/${sanitize(p.protocol)}`).join(' ');
  const why = e.ready ? (e.terminating ? 'terminating' : '') : sanitize(e.notReadyReason ?? (e.terminating ? 'terminating' : 'not ready'));
  // "node node-c NotReady" already names the node: say it once
  const node = e.nodeName && !why.includes(`node ${sanitize(e.nodeName)}`) ? sanitize(e.nodeName) : undefined;
  r.line(
    1,
    [
      state,
      seg(` ${sanitize(e.address)}`),
      seg(`  ${ports}`, 'muted'),
      ...(e.pod ? [seg(`  pod ${sanitize(e.pod.name)}`)] : []),
      ...(node ? [seg(`  node ${node}`, 'muted')] : []),
      ...(why ? [seg(`  ${why}`, e.ready ? 'warning' : 'error')] : []),
    ],
    e.pod ? refKey(e.pod) : undefined,
  );
}

/** The id of a finding's first line in a detail (rows of the detail builder carry the prefix "d"). */
export const findingAnchor = (key: string): string => `finding:${key}`;
export const findingRowId = (key: string): string => `d@${findingAnchor(key)}`;

function findingsSection(r: Rows, findings: readonly Finding[]): void {
  r.heading(`Findings (${findings.length})`);
  if (findings.length === 0) {
    r.line(1, [seg(`${OK} no findings`, 'ok')]);
    return;
  }
  for (const f of findings) {
    // the detail is where the whole message is read: wrap it instead of truncating
    const head = findingSegments(f).slice(0, 3);
    r.anchor(findingAnchor(f.key), 1, head, f.related?.[0] ? refKey(f.related[0]) : undefined);
    r.line(2, [seg(sanitize(f.message))], undefined, 0);
    if (f.hint) r.line(2, [seg('hint: ', severityTone(f.severity) === 'error' ? 'warning' : 'muted'), seg(sanitize(f.hint))], undefined, 6);
    // status.* is written by a controller: it is what to watch, never what a user edits
    const fix = (f.fields ?? []).filter((x) => !x.startsWith('status.'));
    const watch = (f.fields ?? []).filter((x) => x.startsWith('status.'));
    if (fix.length > 0) r.line(2, [seg('fix: ', 'muted'), seg(fix.map(sanitize).join(', '), 'accent')], undefined, 5);
    if (watch.length > 0) r.line(2, [seg('watch: ', 'muted'), seg(watch.map(sanitize).join(', ')), seg(' (written by a controller)', 'muted')], undefined, 7);
    for (const rel of f.related ?? []) r.line(2, [seg('related: ', 'muted'), seg(refText(rel), 'accent')], refKey(rel));
  }
}

function pathsSection(r: Rows, paths: readonly EntryPath[]): void {
  if (paths.length === 0) return;
  r.heading(`Paths (${paths.length}) — hop by hop`);
  for (const p of paths) {
    r.line(1, [verdictMark(p.verdict), seg(` ${sanitize(p.entry)}`, undefined, true), seg(`  ${p.kind}`, 'muted')], refKey(p.from));
    for (const h of p.hops) {
      const tone: Tone | undefined = h.verdict === 'broken' ? 'error' : h.verdict === 'unknown' ? 'warning' : undefined;
      r.line(
        2,
        [verdictMark(h.verdict), seg(` ${sanitize(h.label)}`), seg(`  ${sanitize(h.detail)}`, tone ?? 'muted'), ...(h.field ? [{ ...seg(`  fix ${sanitize(h.field)}`, 'accent'), nowrap: true }] : [])],
        h.object ? refKey(h.object) : undefined,
      );
    }
  }
}

/** Kinds a probe can target (the probe dials a Service's addresses or an Ingress's hosts). */
export const PROBE_KINDS: readonly string[] = ['Service', 'Ingress'];

export function probeable(key: string): boolean {
  return PROBE_KINDS.includes(parseKey(key).kind);
}

/** Why a probe came back empty: a snapshot allows only direct dials; otherwise there was nothing to dial. */
function noProbeResults(a: Analysis, key: string): string {
  const kind = parseKey(key).kind;
  const what = kind === 'Ingress' ? 'this Ingress has no address or host to dial' : 'this Service has no NodePort, load-balancer or external address to dial';
  if (a.snapshot.source.type === 'snapshot') return `no probe results: a snapshot has no live cluster, so only direct dials were possible, and ${what}`;
  // the API server pod-proxy probe runs on a Service's pods; an Ingress only dials its hosts
  const backend = kind === 'Ingress' ? 'open one of its Services and press p to ask its pods through the API server' : 'and it has no ready pod to ask through the API server';
  return `no probe results: nothing to probe for this ${kind} (${what}; ${backend})`;
}

/** A probe's result, shown right under the object's title so `p` shows it where the user looks. */
function probeSection(r: Rows, a: Analysis, key: string, probe: ProbeState): void {
  r.heading('Probe');
  switch (probe.status) {
    case 'running':
      r.line(1, [seg('probing…', 'info')]);
      return;
    case 'done':
      if (probe.lines.length === 0) r.line(1, [seg(noProbeResults(a, key), 'muted')]);
      for (const l of probe.lines) r.line(1, [seg(sanitize(l))]);
      return;
    case 'failed':
      r.line(1, [seg(`${BAD} probe failed: ${sanitize(probe.message)}`, 'error')]);
      return;
    default: {
      const never: never = probe;
      return never;
    }
  }
}

/** A backend line; `paths` are the engine's paths through it, so the verdict agrees with the Ingresses & Routes tree. */
function backendDetail(r: Rows, depth: number, b: BackendView, prefix: Segment[], paths: readonly EntryPath[] = []): void {
  r.line(depth, [...prefix, ...backendSegments(b, pathStatus(paths, b))], b.service ? refKey(b.service) : undefined);
  for (const t of b.targets) r.line(depth + 1, targetSegments(t), t.pod ? refKey(t.pod) : undefined);
}

function serviceDetail(r: Rows, a: Analysis, v: ServiceView): void {
  const svc = v.service;
  r.line(0, [seg('Service ', 'heading', true), seg(nsName(v.ref), undefined, true), seg(`  ${v.group}`, 'accent'), { ...seg(`  clusterIP ${sanitize(svc.spec.clusterIP ?? '-')}`, 'muted'), nowrap: true }]);
  const sel = Object.entries(svc.spec.selector ?? {}).map(([k, val]) => `${sanitize(k)}=${sanitize(val)}`);
  r.line(1, [seg('selector ', 'muted'), seg(sel.length > 0 ? sel.join(',') : '<none>')]);
  if (svc.spec.externalTrafficPolicy) r.line(1, [seg('externalTrafficPolicy ', 'muted'), seg(sanitize(svc.spec.externalTrafficPolicy))]);
  r.heading('Addresses');
  if (v.addresses.length === 0) r.line(1, [seg('none', 'muted')]);
  for (const ad of v.addresses) addressLine(r, ad);
  r.heading('Ports');
  if (v.ports.length === 0) r.line(1, [seg('no ports', 'warning')]);
  else
    r.table(
      ['name', 'port', 'targetPort', 'protocol', 'nodePort', 'served'],
      v.ports.map((p) => ({
        name: sanitize(p.name ?? '-'),
        port: String(p.port),
        targetPort: sanitize(String(p.targetPort)),
        protocol: sanitize(p.protocol),
        nodePort: p.nodePort !== undefined ? String(p.nodePort) : '-',
        served: p.resolvedTargetPorts.length > 0 ? p.resolvedTargetPorts.join(',') : '-',
      })),
    );
  if (v.group !== 'ExternalName') {
    r.heading(v.endpoints === undefined ? 'Endpoints' : `Endpoints (${v.readyCount ?? 0}/${v.totalCount ?? 0} ready)`);
    if (v.endpoints === undefined) r.line(1, [seg(`${UNKNOWN} EndpointSlices are not visible (RBAC or not listed): readiness unknown`, 'warning')]);
    else if (v.endpoints.length === 0) r.line(1, [seg('no endpoints', 'error')]);
    else for (const e of v.endpoints) endpointLine(r, e);
    r.heading(v.selectedPods === undefined ? 'Pods' : `Pods selected (${v.selectedPods.length})`);
    if (v.selectedPods === undefined) r.line(1, [seg(sel.length === 0 ? 'no selector: endpoints are managed by hand' : `${UNKNOWN} pods not visible`, 'muted')]);
    else if (v.selectedPods.length === 0) r.line(1, [seg(`${BAD} the selector matches no pod`, 'error')]);
    else for (const p of v.selectedPods) podLine(r, a, p);
  }
  r.heading(`Reached by (${v.reachedBy.length})`);
  if (v.reachedBy.length === 0) r.line(1, [seg('no Ingress or Route names this Service', 'muted')]);
  for (const ref of v.reachedBy) r.line(1, [seg(refText(ref), 'accent')], refKey(ref));
}

/** Where the effective class comes from, in words (not the model's enum). */
const CLASS_SOURCE: Record<IngressView['classSource'], string> = {
  field: 'set in spec.ingressClassName',
  annotation: 'set by the legacy kubernetes.io/ingress.class annotation',
  none: 'no class set: the default IngressClass applies, if any',
};

function ingressDetail(r: Rows, a: Analysis, v: IngressView): void {
  r.line(0, [seg('Ingress ', 'heading', true), seg(nsName(v.ref), undefined, true)]);
  r.line(1, [seg('class ', 'muted'), seg(v.className !== undefined ? sanitize(v.className) : '<none>'), seg(`  (${CLASS_SOURCE[v.classSource]})`, 'muted')], v.ingressClass ? `IngressClass//${v.ingressClass.metadata.name}` : undefined);
  const ctl =
    v.controllerPresence === 'present'
      ? seg(`${OK} present`, 'ok')
      : v.controllerPresence === 'absent'
        ? seg(`${BAD} no controller pods found`, 'error')
        : seg(`${UNKNOWN} unknown`, 'warning');
  // without a controller name there is nothing to look for: say why instead of "? unknown"
  const noName = v.className === undefined ? 'none: the Ingress names no class' : `none: no IngressClass ${sanitize(v.className)} says which controller`;
  r.line(1, v.controller !== undefined ? [seg('controller ', 'muted'), seg(sanitize(v.controller)), seg('  '), ctl] : [seg('controller ', 'muted'), seg(noName, 'warning')]);
  for (const p of v.controllerPods) r.line(2, [seg(refText(p), 'accent')], refKey(p));
  r.heading('Addresses');
  if (v.addresses.length === 0) r.line(1, [seg('<none>: no controller has published an address', 'warning')]);
  for (const ad of v.addresses) r.line(1, [seg(sanitize(ad))]);
  r.heading('TLS');
  if (v.tls.length === 0) r.line(1, [seg('none', 'muted')]);
  for (const t of v.tls)
    r.line(1, [seg(t.hosts.map(sanitize).join(', ') || '*'), seg('  secret ', 'muted'), seg(sanitize(t.secretName ?? '<none>'), 'accent')], t.secretName && v.ref.namespace ? `Secret/${v.ref.namespace}/${t.secretName}` : undefined);
  r.heading(`Rules (${v.routes.length})`);
  const rulePaths = ingressRulePaths(a, v);
  v.routes.forEach((rt, i) => {
    const rp = rulePaths[i];
    const where = rt.isDefault ? 'default backend' : `${sanitize(rt.host) || '*'}${sanitize(rt.path) || '/'}`;
    backendDetail(r, 1, rt.backend, [seg(where, undefined, true), seg(rt.pathType ? ` (${sanitize(rt.pathType)})` : '', 'muted'), seg(' ')], rp ? [rp] : []);
  });
}

function routeDetail(r: Rows, a: Analysis, v: RouteView): void {
  r.line(0, [seg(`${v.route.kind} `, 'heading', true), seg(nsName(v.ref), undefined, true)]);
  r.line(1, [seg('hostnames ', 'muted'), seg(v.hostnames.length > 0 ? v.hostnames.map(sanitize).join(', ') : '* (all of the listener)')]);
  r.heading(`Parents (${v.parents.length})`);
  for (const p of v.parents) {
    const acc = p.accepted === true ? seg(`${OK} accepted`, 'ok') : p.accepted === false ? seg(`${BAD} not accepted ${sanitize(p.reason ?? '')}`, 'error') : seg('acceptance not reported', 'muted');
    r.line(1, [seg(`Gateway ${nsName(p.gateway)}`, 'accent'), seg(p.sectionName ? ` / ${sanitize(p.sectionName)}` : ''), seg(`  listeners ${p.listeners.map(sanitize).join(', ') || 'none'}  `), acc], refKey(p.gateway));
  }
  r.heading(`Rules (${v.rules.length})`);
  const paths = routeBackendPaths(a, v);
  v.rules.forEach((rule, ri) => {
    r.line(1, [seg('match ', 'muted'), seg(rule.matches.map((m) => sanitize(m.text)).join(' | '))]);
    rule.backends.forEach((b, bi) => backendDetail(r, 2, b, [], paths[ri]?.[bi] ?? []));
  });
}

function gatewayDetail(r: Rows, v: GatewayView): void {
  r.line(0, [seg('Gateway ', 'heading', true), seg(nsName(v.ref), undefined, true), seg(`  class ${sanitize(v.className)}`), v.classFound === false ? seg(`  ${BAD} class not found`, 'error') : seg('')]);
  r.heading('Addresses');
  if (v.addresses.length === 0) r.line(1, [seg('<none>', 'warning')]);
  for (const ad of v.addresses) r.line(1, [seg(sanitize(ad))]);
  r.heading('Listeners');
  r.table(
    ['name', 'port', 'protocol', 'hostname', 'routes'],
    v.listeners.map((l) => ({ name: sanitize(l.name), port: String(l.port), protocol: sanitize(l.protocol), hostname: sanitize(l.hostname ?? '*'), routes: l.attachedRoutes !== undefined ? String(l.attachedRoutes) : '-' })),
  );
  r.heading(`Routes (${v.routes.length})`);
  for (const ref of v.routes) r.line(1, [seg(refText(ref), 'accent')], refKey(ref));
}

/** The raw object behind a key (graph views first: they hold the object too). */
export function objectFor(a: Analysis, key: string): AnyObject | undefined {
  return a.objects.get(key) ?? a.graph.serviceByKey.get(key)?.service;
}

export function yamlRows(a: Analysis, key: string): ViewRow[] {
  const o = objectFor(a, key);
  if (!o) return [textRow('y0', 0, [seg(`${sanitize(key)}: not in the current snapshot`, 'warning')])];
  const text = sanitizeMultiline(stringify(o, { lineWidth: 0 }));
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l, i) => textRow(`y${i}`, 0, [seg(l)]));
}

/** Whether `p` works here: it needs a probe function, a real cluster (not the DEMO) and a kind that can be probed. */
export type Probing = 'available' | 'demo' | 'unavailable';

export function detailRows(a: Analysis, key: string, mode: DetailMode, probe?: ProbeState, probing: Probing = 'unavailable'): ViewRow[] {
  if (mode === 'yaml') return yamlRows(a, key);
  const r = new Rows();
  const ref = parseKey(key);
  const svc = a.graph.serviceByKey.get(key);
  const ing = ref.kind === 'Ingress' ? a.graph.ingresses.find((i) => i.key === key) : undefined;
  const hr = ref.kind === 'HTTPRoute' || ref.kind === 'GRPCRoute' ? a.graph.routes.find((h) => h.key === key) : undefined;
  const gw = ref.kind === 'Gateway' ? a.graph.gateways.find((g) => g.key === key) : undefined;
  const o = objectFor(a, key);
  if (svc) serviceDetail(r, a, svc);
  else if (ing) ingressDetail(r, a, ing);
  else if (hr) routeDetail(r, a, hr);
  else if (gw) gatewayDetail(r, gw);
  else if (o?.kind === 'Pod') podDetail(r, a, o);
  else if (o?.kind === 'Node') nodeDetail(r, a, o);
  else if (o?.kind === 'Secret') secretDetail(r, a, o);
  else if (o?.kind === 'IngressClass') ingressClassDetail(r, a, o);
  else if (o) genericDetail(r, o);
  else {
    // say "outside the visible scope" only when it is known (the kind is not visible in that namespace)
    const kind = ref.kind as Kind;
    const hidden = (KINDS as readonly string[]).includes(ref.kind) && !isVisible(a.snapshot, kind, ref.namespace);
    const scope = a.snapshot.namespace;
    if (hidden && scope !== undefined && ref.namespace !== undefined && ref.namespace !== scope) {
      // the user narrowed the scope (:ns, -n): the object is elsewhere, not forbidden
      r.line(0, [seg(`${refText(ref)} is in namespace ${sanitize(ref.namespace)}, outside the scope ${sanitize(scope)}`, 'warning')]);
      r.line(1, [seg(`:ns ${sanitize(ref.namespace)} or :ns all shows it; Esc goes back`, 'muted')]);
      return r.out;
    }
    r.line(0, [seg(hidden ? `${refText(ref)} is outside the visible scope (${sanitize(ref.kind)} objects ${ref.namespace ? `in ${sanitize(ref.namespace)} ` : ''}are not visible here)` : `no such ${sanitize(ref.kind)} in the snapshot: ${refText(ref)}`, 'warning')]);
    return r.out;
  }
  findingsSection(r, a.findingsByObject.get(key) ?? []);
  relatedSection(r, a, key);
  pathsSection(r, a.pathsByObject.get(key) ?? []);
  const canProbe = probing === 'available' && probeable(key);
  if (!probe && canProbe) {
    r.heading('Probe');
    r.line(1, [seg('press p to probe this object (opens network connections)', 'muted')]);
  }
  r.line(0, [seg('')]);
  r.line(0, [seg(`↑↓ move between the lines marked ❯ · Enter open · y YAML${canProbe ? ' · p probe' : ''} · Esc back`, 'muted')]);
  if (!probe) return r.out;
  const p = new Rows('p');
  probeSection(p, a, key, probe);
  // after the whole title block (title, selector, class, controller…): before the first section's blank line
  const end = r.out.findIndex((row, i) => i > 0 && row.kind === 'text' && row.depth === 0 && row.segments.every((x) => x.text === ''));
  const at = end < 0 ? r.out.length : end;
  return [...r.out.slice(0, at), ...p.out, ...r.out.slice(at)];
}
