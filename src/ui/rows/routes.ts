// Ingresses and Routes view: a tree, precomputed once per snapshot; the filter keeps or
// drops whole top-level objects (Ingress / HTTPRoute) with their subtree. Each rule shows
// the verdict of the engine's path for it (not only whether its backend has endpoints).
import { tlsFindingsFor } from '../../checks/tls-scope.js';
import type { EntryPath, Finding } from '../../checks/types.js';
import type { BackendView, IngressView, RouteView } from '../../model/graph-types.js';
import { sanitize } from '../../model/sanitize.js';
import { refKey } from '../../model/types.js';
import { worstFinding } from '../analysis.js';
import { severitySymbol, severityTone, type Tone } from '../theme.js';
import type { Analysis, Segment, TextRow } from '../types.js';
import { BAD, OK, UNKNOWN, backendSegments, backendStateText, nsName, seg, targetSegments, textRow } from './common.js';
import { filterTerms, matchesTerms } from './filter.js';
import { hopNames, ingressRulePaths, ownHop, routeBackendPaths, worstVerdict } from './rule-paths.js';

export interface RouteBlock {
  namespace?: string;
  search: string;
  rows: TextRow[];
}

function worstSegs(a: Analysis, key: string): Segment[] {
  const f = worstFinding(a, key);
  if (!f) return [];
  return [seg(`  ${severitySymbol(f.severity)} ${sanitize(f.id)}`, severityTone(f.severity))];
}

/** The verdict of the paths through one backend: ✓ ok, or where it fails ("✗ fails at network policy"). */
export function pathStatus(paths: readonly EntryPath[], b: BackendView): Segment[] | undefined {
  const verdict = worstVerdict(paths);
  switch (verdict) {
    case undefined:
      return undefined;
    case 'ok': {
      const st = backendStateText(b.state);
      return b.state === 'ok' ? [seg(`${OK} ok`, 'ok')] : [seg(`${OK} `, 'ok'), seg(st.text, st.tone)];
    }
    case 'broken': {
      // a broken Service hop is a missing Service or port: say which
      const service = b.state === 'service-missing' ? 'Service (not found)' : b.state === 'port-missing' ? 'Service (no such port)' : 'Service';
      const names = hopNames(paths, 'broken').map((n) => (n === 'Service' ? service : sanitize(n)));
      return [{ ...seg(`${BAD} fails at ${names.join(', ')}`, 'error'), nowrap: true }];
    }
    case 'unknown':
      return [{ ...seg(`${UNKNOWN} not known at ${hopNames(paths, 'unknown').map(sanitize).join(', ')}`, 'warning'), nowrap: true }];
    default: {
      const never: never = verdict;
      return never;
    }
  }
}

function backendRows(out: TextRow[], id: string, depth: number, b: BackendView, prefix: Segment[], paths: readonly EntryPath[]): void {
  // the verdict ends the line: wrap rather than cut it off
  out.push({ ...textRow(id, depth, [...prefix, ...backendSegments(b, pathStatus(paths, b))], b.service ? refKey(b.service) : undefined), wrap: 2 });
  b.targets.forEach((t, i) => {
    out.push(textRow(`${id}#t${i}`, depth + 1, targetSegments(t), t.pod ? refKey(t.pod) : undefined));
  });
  if (b.targets.length === 0 && (b.state === 'no-endpoints' || b.state === 'ok')) out.push(textRow(`${id}#none`, depth + 1, [seg('no endpoints', 'error')]));
}

const VERDICT_TONE: Record<EntryPath['verdict'], Tone> = { ok: 'ok', broken: 'error', unknown: 'warning' };

/** "[TLS]" on a rule, toned by the path's TLS hop (red when the certificate is a problem). */
function ruleTlsTag(path: EntryPath | undefined, tlsFindings: readonly Finding[]): Segment {
  const hop = path?.hops.find((h) => h.object?.kind === 'Secret');
  const verdict = hop?.verdict ?? (tlsFindings.some((f) => f.severity === 'error') ? 'broken' : 'ok');
  return seg(verdict === 'ok' ? ' [TLS]' : ` [TLS ${verdict === 'broken' ? BAD : UNKNOWN}]`, VERDICT_TONE[verdict]);
}

/** tls.* findings about one Secret of the Ingress (a finding naming no Secret is about all of them). */
/** One line per spec.tls entry, its worst tls.* finding, and the whole text of each error or warning (wrapped). */
function tlsRows(rows: TextRow[], v: IngressView, findings: readonly Finding[]): void {
  v.tls.forEach((t, i) => {
    const own = tlsFindingsFor(findings, t.secretName, t.hosts.length > 0 ? t.hosts : undefined);
    const worst = own[0];
    const mark = worst ? seg(`  ${severitySymbol(worst.severity)} ${sanitize(worst.id)}`, severityTone(worst.severity)) : seg(`  ${OK}`, 'ok');
    const secret = t.secretName && v.ref.namespace ? `Secret/${v.ref.namespace}/${t.secretName}` : undefined;
    rows.push(textRow(`${v.key}#tls${i}`, 1, [seg('TLS ', 'muted'), seg(t.hosts.map(sanitize).join(', ') || '*'), seg('  secret ', 'muted'), seg(sanitize(t.secretName ?? '<none>'), 'accent'), mark], secret));
    own
      .filter((f) => f.severity !== 'info')
      .forEach((f, j) => rows.push({ ...textRow(`${v.key}#tls${i}f${j}`, 2, [seg(`${severitySymbol(f.severity)} `, severityTone(f.severity)), seg(sanitize(f.message))]), wrap: 2 }));
  });
}

function ingressBlock(a: Analysis, v: IngressView): RouteBlock {
  const rows: TextRow[] = [];
  const ing = v.ingress;
  const findings = a.findingsByObject.get(v.key) ?? [];
  const paths = ingressRulePaths(a, v);
  // the Ingress itself is broken when the engine says its class/controller hop is
  const own = paths.map((p) => (p ? ownHop(p) : undefined)).filter((h) => h !== undefined);
  const classBroken = own.some((h) => h.verdict === 'broken');
  const cls = v.className !== undefined ? `${sanitize(v.className)}${v.classSource === 'annotation' ? ' (annotation)' : ''}` : '<none>';
  const classMissing = classBroken && v.className !== undefined && !v.ingressClass;
  const ctl: Segment =
    v.controllerPresence === 'present'
      ? seg(`${OK} controller ${sanitize(v.controller ?? '')}`.trimEnd(), 'ok')
      : v.controllerPresence === 'absent'
        ? seg(`${BAD} no controller${v.controller ? ` for ${sanitize(v.controller)}` : ''}`, 'error')
        : seg(`${UNKNOWN} controller unknown`, 'warning');
  const addr: Segment = { ...seg(`addr ${v.addresses.length > 0 ? v.addresses.map(sanitize).join(', ') : '<no address>'}`, v.addresses.length > 0 ? undefined : 'warning'), nowrap: true };
  rows.push({
    ...textRow(
      v.key,
      0,
      [
        // marked when its class hop is broken, or any of its rules' paths is
        ...(classBroken || paths.some((p) => p?.verdict === 'broken') ? [seg(`${BAD} `, 'error', true)] : []),
        seg('Ingress ', 'heading', true),
        seg(nsName(v.ref), undefined, true),
        ...worstSegs(a, v.key),
        seg('  class '),
        seg(cls, classBroken ? 'error' : undefined),
        ...(classMissing ? [seg(' (no such IngressClass)', 'error')] : []),
        seg('  '),
        ctl,
        seg('  '),
        addr,
      ],
      v.key,
    ),
    wrap: 4,
  });
  tlsRows(rows, v, findings);
  v.routes.forEach((r, i) => {
    const id = `${v.key}#r${i}`;
    const where = r.isDefault ? 'default backend' : `${sanitize(r.host) || '*'}${sanitize(r.path) || '/'}`;
    const pt = r.pathType ? ` (${sanitize(r.pathType)})` : '';
    const path = paths[i];
    const tlsTag = r.tlsSecret ? ruleTlsTag(path, tlsFindingsFor(findings, r.tlsSecret, [r.host])) : seg('');
    backendRows(rows, id, 1, r.backend, [seg(where, undefined, true), seg(pt, 'muted'), tlsTag, seg(' ')], path ? [path] : []);
  });
  if (v.routes.length === 0) rows.push(textRow(`${v.key}#empty`, 1, [seg('no rules and no default backend', 'warning')]));
  const hosts = v.routes.map((r) => r.host);
  const backends = v.routes.map((r) => r.backend.serviceName);
  const secrets = v.tls.map((t) => t.secretName ?? '');
  const labels = Object.entries(ing.metadata.labels ?? {}).map(([k, val]) => `${k}=${val}`);
  return {
    ...(v.ref.namespace !== undefined ? { namespace: v.ref.namespace } : {}),
    search: ['ingress', v.ref.namespace ?? '', v.ref.name, ...hosts, ...backends, ...secrets, ...labels].join(' ').toLowerCase(),
    rows,
  };
}

function routeBlock(a: Analysis, v: RouteView): RouteBlock {
  const rows: TextRow[] = [];
  const paths = routeBackendPaths(a, v);
  rows.push(
    textRow(
      v.key,
      0,
      [
        seg(`${v.route.kind} `, 'heading', true),
        seg(nsName(v.ref), undefined, true),
        seg(`  hosts ${v.hostnames.length > 0 ? v.hostnames.map(sanitize).join(', ') : '*'}`),
        ...worstSegs(a, v.key),
      ],
      v.key,
    ),
  );
  v.parents.forEach((p, i) => {
    const found = p.gatewayFound === false ? seg(`  ${BAD} gateway not found`, 'error') : p.gatewayFound === undefined ? seg(`  ${UNKNOWN} gateway not visible`, 'warning') : seg('');
    const listeners = p.listeners.length > 0 ? seg(`  listeners ${p.listeners.map(sanitize).join(', ')}`) : seg(`  ${BAD} no listener admits the route`, 'error');
    const acc =
      p.accepted === true
        ? seg(`  ${OK} accepted`, 'ok')
        : p.accepted === false
          ? seg(`  ${BAD} not accepted${p.reason ? `: ${sanitize(p.reason)}` : ''}`, 'error')
          : seg('  acceptance not reported', 'muted');
    rows.push(
      textRow(
        `${v.key}#p${i}`,
        1,
        [seg('parent ', 'muted'), seg(`Gateway ${nsName(p.gateway)}${p.sectionName ? ` / ${sanitize(p.sectionName)}` : ''}`, 'accent'), found, listeners, acc],
        refKey(p.gateway),
      ),
    );
  });
  v.rules.forEach((r, i) => {
    const id = `${v.key}#r${i}`;
    rows.push(textRow(id, 1, [seg('rule ', 'muted'), seg(r.matches.map((m) => sanitize(m.text)).join(' | '))]));
    r.backends.forEach((b, j) => backendRows(rows, `${id}#b${j}`, 2, b, [], paths[i]?.[j] ?? []));
    if (r.backends.length === 0) rows.push(textRow(`${id}#nob`, 2, [seg('no backendRefs', 'warning')]));
  });
  const backends = v.rules.flatMap((r) => r.backends.map((b) => b.serviceName));
  const labels = Object.entries(v.route.metadata.labels ?? {}).map(([k, val]) => `${k}=${val}`);
  return {
    ...(v.ref.namespace !== undefined ? { namespace: v.ref.namespace } : {}),
    search: [v.route.kind.toLowerCase(), v.ref.namespace ?? '', v.ref.name, ...v.hostnames, ...backends, ...labels, ...v.parents.map((p) => p.gateway.name)].join(' ').toLowerCase(),
    rows,
  };
}

export function precomputeRoutes(a: Analysis): RouteBlock[] {
  const byName = <T extends { ref: { namespace?: string; name: string } }>(x: T, y: T): number =>
    (x.ref.namespace ?? '').localeCompare(y.ref.namespace ?? '') || x.ref.name.localeCompare(y.ref.name);
  return [...[...a.graph.ingresses].sort(byName).map((v) => ingressBlock(a, v)), ...[...a.graph.routes].sort(byName).map((v) => routeBlock(a, v))];
}

export function routeRows(blocks: readonly RouteBlock[], opts: { scope?: string; filter: string }): TextRow[] {
  const terms = filterTerms(opts.filter);
  const out: TextRow[] = [];
  for (const b of blocks) {
    if (opts.scope !== undefined && b.namespace !== undefined && b.namespace !== opts.scope) continue;
    if (!matchesTerms(b.search, terms)) continue;
    for (const r of b.rows) out.push(r);
  }
  return out;
}
