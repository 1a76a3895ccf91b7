// Detail of the objects behind a Service: a Pod (phase, readiness, containers, node), a Node
// (conditions with since when, addresses, the Service endpoints on it), a Secret (type and the
// public certificate: subject, SANs, validity — never key material), and the findings of
// other objects that name this one.
import { parseTlsCrt } from '../../checks/catalog/support/certs.js';
import { nodeReady } from '../../model/nodes.js';
import { notReadyReason } from '../../model/pods.js';
import { sanitize } from '../../model/sanitize.js';
import type { AnyObject, Node, ObjectRef, Pod, Secret } from '../../model/types.js';
import { refKey } from '../../model/types.js';
import type { Analysis, Segment } from '../types.js';
import { BAD, OK, UNKNOWN, findingSegments, nsName, refText, seg } from './common.js';
import type { Rows } from './detail-rows.js';

/** Conditions as the API sends them; the snapshot keeps these fields though the model does not type them all. */
interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

const refOfObject = (o: AnyObject): ObjectRef => ({ kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) });

/** "4 min", "3 h", "12 d" between two instants; '' when either is unknown. */
export function age(fromIso: string | undefined, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso ?? '');
  if (!Number.isFinite(ms) || ms < 0) return '';
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${min} min`;
  if (min < 48 * 60) return `${Math.floor(min / 60)} h`;
  return `${Math.floor(min / 1440)} d`;
}

/** "since 2026-11-25 09:37 UTC (4 min before the snapshot)". */
function since(iso: string | undefined, now: string): Segment[] {
  const d = new Date(iso ?? '');
  if (Number.isNaN(d.getTime())) return [];
  const when = `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const ago = age(iso, now);
  return [seg(`  since ${when}${ago ? ` (${ago} ago)` : ''}`, 'muted')];
}

/** Healthy is False for the problem conditions (MemoryPressure, NetworkUnavailable…), True for the others (Ready…). */
function conditionOk(c: Condition): boolean {
  return /Pressure$|Unavailable$/.test(c.type) ? c.status === 'False' : c.status === 'True';
}

function conditionLine(r: Rows, c: Condition, now: string): void {
  const ok = conditionOk(c);
  r.line(1, [
    ok ? seg(OK, 'ok') : c.status === 'Unknown' ? seg(UNKNOWN, 'warning') : seg(BAD, 'error'),
    seg(` ${sanitize(c.type)} `, undefined, !ok),
    seg(sanitize(c.status), ok ? 'muted' : undefined),
    ...(c.reason ? [seg(`  ${sanitize(c.reason)}`, ok ? 'muted' : 'warning')] : []),
    ...(ok ? [] : since(c.lastTransitionTime, now)),
    ...(c.message && !ok ? [seg(`  ${sanitize(c.message)}`)] : []),
  ]);
}

function nodeOf(a: Analysis, name: string | undefined): Node | undefined {
  const o = name ? a.objects.get(refKey({ kind: 'Node', name })) : undefined;
  return o?.kind === 'Node' ? o : undefined;
}

export function podStatus(p: Pod, node?: Node): { ready: boolean; reason: string } {
  const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return { ready, reason: ready ? '' : sanitize(notReadyReason(p, node ? nodeReady(node) : undefined)) };
}

export function podLine(r: Rows, a: Analysis, ref: ObjectRef): void {
  const key = refKey(ref);
  const o = a.objects.get(key);
  if (!o || o.kind !== 'Pod') {
    r.line(1, [seg(`${UNKNOWN} pod ${nsName(ref)}`, 'warning'), seg('  not visible', 'muted')], key);
    return;
  }
  const st = podStatus(o, nodeOf(a, o.spec.nodeName));
  const nodeInReason = st.reason.includes(`node ${sanitize(o.spec.nodeName ?? '')}`);
  r.line(
    1,
    [
      st.ready ? seg(OK, 'ok') : seg(BAD, 'error'),
      seg(` ${sanitize(o.metadata.name)}`),
      seg(`  ${sanitize(o.status?.podIP ?? '')}`, 'muted'),
      ...(nodeInReason ? [] : [seg(`  node ${sanitize(o.spec.nodeName ?? '<unscheduled>')}`, 'muted')]),
      ...(st.ready ? [] : [seg(`  ${st.reason}`, 'error')]),
    ],
    key,
  );
}

export function podDetail(r: Rows, a: Analysis, p: Pod): void {
  const now = a.snapshot.takenAt;
  const node = nodeOf(a, p.spec.nodeName);
  const st = podStatus(p, node);
  const ref = refOfObject(p);
  r.line(0, [seg('Pod ', 'heading', true), seg(nsName(ref), undefined, true), seg('  '), st.ready ? seg(`${OK} Ready`, 'ok') : seg(`${BAD} not ready: ${st.reason}`, 'error')]);
  r.line(1, [seg('phase ', 'muted'), seg(sanitize(p.status?.phase ?? '?')), seg('  IP ', 'muted'), seg(sanitize(p.status?.podIP ?? '-'))]);
  const nodeState = node ? (nodeReady(node) ? seg(`  ${OK} Ready`, 'ok') : seg(`  ${BAD} NotReady`, 'error')) : seg('');
  r.line(1, [seg('node ', 'muted'), seg(sanitize(p.spec.nodeName ?? '<unscheduled>'), 'accent'), nodeState], p.spec.nodeName ? refKey({ kind: 'Node', name: p.spec.nodeName }) : undefined);
  const readyCond = (p.status?.conditions as readonly Condition[] | undefined)?.find((c) => c.type === 'Ready');
  if (readyCond && readyCond.status !== 'True') r.line(1, [seg('Ready ', 'muted'), seg(sanitize(readyCond.status), 'error'), ...(readyCond.reason ? [seg(`  ${sanitize(readyCond.reason)}`)] : []), ...since(readyCond.lastTransitionTime, now), ...(readyCond.message ? [seg(`  ${sanitize(readyCond.message)}`)] : [])]);
  r.heading('Containers');
  for (const c of p.spec.containers) {
    const cs = p.status?.containerStatuses?.find((s) => s.name === c.name);
    const ports = (c.ports ?? []).map((cp) => `${cp.name ? `${sanitize(cp.name)}:` : ''}${cp.containerPort}/${sanitize(cp.protocol ?? 'TCP')}`).join(' ');
    const waiting = cs?.state?.waiting;
    const state = cs === undefined ? seg('no status', 'muted') : cs.ready ? seg(`${OK} ready`, 'ok') : seg(`${BAD} ${sanitize(waiting?.reason ?? cs.state?.terminated?.reason ?? (cs.state?.running ? 'running, not ready' : 'not ready'))}`, 'error');
    const last = cs?.lastState?.terminated;
    r.line(1, [
      seg(sanitize(c.name), undefined, true),
      seg('  '),
      state,
      seg(`  restarts ${cs?.restartCount ?? 0}`, (cs?.restartCount ?? 0) > 0 ? 'warning' : 'muted'),
      ...(last?.reason ? [seg(`  last exit ${sanitize(last.reason)}${last.exitCode !== undefined ? ` (code ${last.exitCode})` : ''}`, 'muted')] : []),
      seg(`  ports ${ports || '-'}`, 'muted'),
    ]);
    if (waiting?.message) r.line(2, [seg(sanitize(waiting.message), 'muted')], undefined, 0);
  }
  r.heading('Conditions');
  for (const c of (p.status?.conditions ?? []) as readonly Condition[]) conditionLine(r, c, now);
  const key = refKey(ref);
  const services = a.graph.services.filter((s) => s.selectedPods?.some((x) => refKey(x) === key) || s.endpoints?.some((e) => e.pod && refKey(e.pod) === key));
  r.heading(`Services (${services.length})`);
  for (const s of services) r.line(1, [seg(refText(s.ref), 'accent')], s.key);
}

export function nodeDetail(r: Rows, a: Analysis, n: Node): void {
  const now = a.snapshot.takenAt;
  const conditions = (n.status?.conditions ?? []) as readonly Condition[];
  const ready = conditions.find((c) => c.type === 'Ready');
  const isReady = nodeReady(n);
  const state = isReady ? seg(`${OK} Ready`, 'ok') : seg(`${BAD} NotReady${ready?.reason ? ` (${sanitize(ready.reason)})` : ''}`, 'error');
  r.line(0, [seg('Node ', 'heading', true), seg(sanitize(n.metadata.name), undefined, true), seg('  '), state, ...(isReady ? [] : since(ready?.lastTransitionTime, now))]);
  if (!isReady && ready?.message) r.line(1, [seg(sanitize(ready.message), 'warning')]);
  const addresses = (n.status?.addresses ?? []).map((ad) => `${sanitize(ad.type)} ${sanitize(ad.address)}`);
  r.line(1, [seg('addresses ', 'muted'), seg(addresses.length > 0 ? addresses.join(', ') : '<none>')]);
  const taints = (n.spec?.taints ?? []).map((t) => `${sanitize(t.key)}${t.value ? `=${sanitize(t.value)}` : ''}:${sanitize(t.effect)}`);
  if (taints.length > 0) r.line(1, [seg('taints ', 'muted'), seg(taints.join(', '), 'warning')]);
  if (n.spec?.unschedulable) r.line(1, [seg('unschedulable (cordoned)', 'warning')]);
  if (n.status?.nodeInfo?.kubeletVersion) r.line(1, [seg('kubelet ', 'muted'), seg(sanitize(n.status.nodeInfo.kubeletVersion))]);
  r.heading('Conditions');
  if (conditions.length === 0) r.line(1, [seg('none reported', 'muted')]);
  for (const c of conditions) conditionLine(r, c, now);
  // the Services that send traffic to this node: their endpoints here, ready or not
  const services = a.graph.services.map((s) => ({ s, here: (s.endpoints ?? []).filter((e) => e.nodeName === n.metadata.name) })).filter((x) => x.here.length > 0);
  const affected = services.filter((x) => x.here.some((e) => !e.ready));
  r.heading(`Service endpoints on this node (${services.length} Service${services.length === 1 ? '' : 's'}${affected.length > 0 ? `, ${affected.length} affected` : ''})`);
  if (services.length === 0) r.line(1, [seg('no Service endpoint runs here', 'muted')]);
  for (const { s, here } of [...affected, ...services.filter((x) => !affected.includes(x))]) {
    const notReady = here.filter((e) => !e.ready).length;
    r.line(1, [notReady > 0 ? seg(BAD, 'error') : seg(OK, 'ok'), seg(` ${refText(s.ref)}`, 'accent'), seg(`  ${here.length - notReady}/${here.length} ready here`, notReady > 0 ? 'error' : 'muted'), seg(`  ${s.readyCount ?? '?'}/${s.totalCount ?? '?'} ready in all`, 'muted')], s.key);
    for (const e of here) if (e.pod) r.line(2, [e.ready ? seg(OK, 'ok') : seg(BAD, 'error'), seg(` pod ${sanitize(e.pod.name)}  ${sanitize(e.address)}`), ...(e.ready ? [] : [seg(`  ${sanitize(e.notReadyReason ?? 'not ready')}`, 'error')])], refKey(e.pod));
  }
}

/** Certificate facts from the Secret's public tls.crt: subject, issuer, SANs, validity against the snapshot time. */
function certificateLines(r: Rows, pem: string | undefined, now: string): void {
  const parsed = parseTlsCrt(pem);
  if (!parsed.ok) {
    r.line(1, [seg(`${UNKNOWN} ${sanitize(parsed.why)}`, 'warning')]);
    return;
  }
  const c = parsed.cert;
  const at = Date.parse(now);
  const validity = at > c.notAfter ? seg(`${BAD} expired`, 'error') : at < c.notBefore ? seg(`${BAD} not yet valid`, 'error') : seg(`${OK} valid`, 'ok');
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  r.line(1, [seg('subject ', 'muted'), seg(sanitize(c.leaf.subject.replace(/\n/g, ', ')))]);
  r.line(1, [seg('issuer ', 'muted'), seg(sanitize(c.leaf.issuer.replace(/\n/g, ', ')))]);
  r.line(1, [seg('SANs ', 'muted'), seg(c.dnsSans.length > 0 ? c.dnsSans.map(sanitize).join(', ') : '<none>', c.dnsSans.length > 0 ? undefined : 'warning')]);
  r.line(1, [seg('valid ', 'muted'), seg(`${day(c.notBefore)} → ${day(c.notAfter)}  `), validity]);
  if (c.chain.length > 0) r.line(1, [seg('chain ', 'muted'), seg(`${c.chain.length} more certificate${c.chain.length === 1 ? '' : 's'}`)]);
}

export function secretDetail(r: Rows, a: Analysis, s: Secret): void {
  const ref = refOfObject(s);
  r.line(0, [seg('Secret ', 'heading', true), seg(nsName(ref), undefined, true), seg(`  ${sanitize(s.type ?? 'Opaque')}`, 'accent')]);
  const has = (b: boolean): Segment => (b ? seg('present', 'ok') : seg('missing', 'warning'));
  r.line(1, [seg('tls.crt ', 'muted'), has(s.hasTlsCrt), seg('  tls.key ', 'muted'), has(s.hasTlsKey), seg('  ca.crt ', 'muted'), seg(s.hasCaCrt ? 'present' : '-', 'muted')]);
  if (s.keyMatchesCert !== undefined) r.line(1, [seg('key matches the certificate ', 'muted'), s.keyMatchesCert ? seg(`${OK} yes`, 'ok') : seg(`${BAD} no`, 'error')]);
  if (s.hasTlsCrt || s.tlsCrt) {
    r.heading('Certificate (tls.crt)');
    certificateLines(r, s.tlsCrt, a.snapshot.takenAt);
  }
  const users = a.graph.ingresses.filter((i) => i.ref.namespace === s.metadata.namespace && i.tls.some((t) => t.secretName === s.metadata.name));
  r.heading(`Used by (${users.length})`);
  if (users.length === 0) r.line(1, [seg('no Ingress in this namespace names it in spec.tls', 'muted')]);
  for (const u of users) r.line(1, [seg(refText(u.ref), 'accent'), seg(`  hosts ${u.tls.filter((t) => t.secretName === s.metadata.name).flatMap((t) => t.hosts).map(sanitize).join(', ') || '*'}`, 'muted')], u.key);
}

export function genericDetail(r: Rows, o: AnyObject): void {
  r.line(0, [seg(`${sanitize(o.kind)} `, 'heading', true), seg(nsName(refOfObject(o)), undefined, true)]);
  const labels = Object.entries(o.metadata.labels ?? {});
  r.line(1, [seg('labels ', 'muted'), seg(labels.length > 0 ? labels.map(([k, v]) => `${sanitize(k)}=${sanitize(v)}`).join(', ') : '<none>')]);
}

/** Findings of other objects that name this one (finding.related): "why is this object mentioned?". */
export function relatedSection(r: Rows, a: Analysis, key: string): void {
  const related = a.relatedFindings.get(key) ?? [];
  if (related.length === 0) return;
  r.heading(`Related findings (${related.length}) — about other objects, naming this one`);
  for (const f of related) {
    r.line(1, findingSegments(f).slice(0, 3), refKey(f.object));
    r.line(2, [seg(sanitize(f.message))], undefined, 0);
  }
}

/** An IngressClass: which controller it names, whether that runs, whether it is the default, who uses it. */
export function ingressClassDetail(r: Rows, a: Analysis, c: AnyObject & { spec?: { controller?: string; parameters?: { kind?: string; name?: string; namespace?: string } } }): void {
  r.line(0, [seg('IngressClass ', 'heading', true), seg(sanitize(c.metadata.name), undefined, true)]);
  const users = a.graph.ingresses.filter((i) => i.ingressClass?.metadata.name === c.metadata.name);
  const presence = users[0]?.controllerPresence;
  const state: Segment[] = presence === 'present' ? [seg(`  ${OK} running`, 'ok')] : presence === 'absent' ? [seg(`  ${BAD} not running`, 'error')] : presence === 'unknown' ? [seg(`  ${UNKNOWN} unknown`, 'warning')] : [];
  r.line(1, [seg('controller ', 'muted'), seg(sanitize(c.spec?.controller ?? '<none>')), ...state]);
  if (c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true') r.line(1, [seg('default class: Ingresses without a class get it when they are created', 'muted')]);
  const p = c.spec?.parameters;
  if (p?.name) r.line(1, [seg('parameters ', 'muted'), seg(`${sanitize(p.kind ?? '')} ${p.namespace ? `${sanitize(p.namespace)}/` : ''}${sanitize(p.name)}`)]);
  r.heading(`Used by (${users.length})`);
  if (users.length === 0) r.line(1, [seg('no Ingress names this class', 'muted')]);
  for (const u of users) r.line(1, [seg(refText(u.ref), 'accent'), seg(`  ${u.routes.length} rule path${u.routes.length === 1 ? '' : 's'}`, 'muted')], u.key);
}
