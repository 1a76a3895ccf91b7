// Ingresses and Routes view: a tree, precomputed once per snapshot; the filter keeps or
// drops whole top-level objects (Ingress / HTTPRoute) with their subtree.
import type { BackendView, HTTPRouteView, IngressView } from '../../model/graph-types.js';
import { sanitize } from '../../model/sanitize.js';
import { refKey } from '../../model/types.js';
import { worstFinding } from '../analysis.js';
import { severitySymbol, severityTone } from '../theme.js';
import type { Analysis, Segment, TextRow } from '../types.js';
import { BAD, OK, UNKNOWN, backendSegments, nsName, seg, targetSegments, textRow } from './common.js';
import { filterTerms, matchesTerms } from './filter.js';

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

function backendRows(out: TextRow[], id: string, depth: number, b: BackendView, prefix: Segment[]): void {
  out.push(textRow(id, depth, [...prefix, ...backendSegments(b)], b.service ? refKey(b.service) : undefined));
  b.targets.forEach((t, i) => {
    out.push(textRow(`${id}#t${i}`, depth + 1, targetSegments(t), t.pod ? refKey(t.pod) : undefined));
  });
  if (b.targets.length === 0 && (b.state === 'no-endpoints' || b.state === 'ok')) out.push(textRow(`${id}#none`, depth + 1, [seg('no endpoints', 'error')]));
}

function ingressBlock(a: Analysis, v: IngressView): RouteBlock {
  const rows: TextRow[] = [];
  const ing = v.ingress;
  const cls = v.className !== undefined ? `${sanitize(v.className)}${v.classSource === 'annotation' ? ' (annotation)' : ''}` : '<none>';
  const ctl: Segment =
    v.controllerPresence === 'present'
      ? seg(`${OK} controller ${sanitize(v.controller ?? '')}`.trimEnd(), 'ok')
      : v.controllerPresence === 'absent'
        ? seg(`${BAD} no controller${v.controller ? ` for ${sanitize(v.controller)}` : ''}`, 'error')
        : seg(`${UNKNOWN} controller unknown`, 'warning');
  const addr = v.addresses.length > 0 ? seg(v.addresses.map(sanitize).join(', ')) : seg('<no address>', 'warning');
  const tls = v.tls.length > 0 ? [seg(`  TLS ${v.tls.map((t) => `${t.hosts.map(sanitize).join(',') || '*'}${t.secretName ? `(${sanitize(t.secretName)})` : ''}`).join(' ')}`, 'accent')] : [];
  rows.push(
    textRow(
      v.key,
      0,
      [seg('Ingress ', 'heading', true), seg(nsName(v.ref), undefined, true), seg(`  class ${cls}  `), ctl, seg('  addr '), addr, ...tls, ...worstSegs(a, v.key)],
      v.key,
    ),
  );
  v.routes.forEach((r, i) => {
    const id = `${v.key}#r${i}`;
    const where = r.isDefault ? 'default backend' : `${sanitize(r.host) || '*'}${sanitize(r.path) || '/'}`;
    const pt = r.pathType ? ` (${sanitize(r.pathType)})` : '';
    const tlsMark = r.tlsSecret ? seg(' [TLS]', 'ok') : seg('');
    backendRows(rows, id, 1, r.backend, [seg(where, undefined, true), seg(pt, 'muted'), tlsMark, seg(' ')]);
  });
  if (v.routes.length === 0) rows.push(textRow(`${v.key}#empty`, 1, [seg('no rules and no default backend', 'warning')]));
  const hosts = v.routes.map((r) => r.host);
  const backends = v.routes.map((r) => r.backend.serviceName);
  const labels = Object.entries(ing.metadata.labels ?? {}).map(([k, val]) => `${k}=${val}`);
  return {
    ...(v.ref.namespace !== undefined ? { namespace: v.ref.namespace } : {}),
    search: ['ingress', v.ref.namespace ?? '', v.ref.name, ...hosts, ...backends, ...labels].join(' ').toLowerCase(),
    rows,
  };
}

function routeBlock(a: Analysis, v: HTTPRouteView): RouteBlock {
  const rows: TextRow[] = [];
  rows.push(
    textRow(
      v.key,
      0,
      [
        seg('HTTPRoute ', 'heading', true),
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
    rows.push(textRow(id, 1, [seg('rule ', 'muted'), seg(r.matches.length > 0 ? r.matches.map(sanitize).join(' | ') : 'PathPrefix /')]));
    r.backends.forEach((b, j) => backendRows(rows, `${id}#b${j}`, 2, b, []));
    if (r.backends.length === 0) rows.push(textRow(`${id}#nob`, 2, [seg('no backendRefs', 'warning')]));
  });
  const backends = v.rules.flatMap((r) => r.backends.map((b) => b.serviceName));
  const labels = Object.entries(v.route.metadata.labels ?? {}).map(([k, val]) => `${k}=${val}`);
  return {
    ...(v.ref.namespace !== undefined ? { namespace: v.ref.namespace } : {}),
    search: ['httproute', v.ref.namespace ?? '', v.ref.name, ...v.hostnames, ...backends, ...labels, ...v.parents.map((p) => p.gateway.name)].join(' ').toLowerCase(),
    rows,
  };
}

export function precomputeRoutes(a: Analysis): RouteBlock[] {
  const byName = <T extends { ref: { namespace?: string; name: string } }>(x: T, y: T): number =>
    (x.ref.namespace ?? '').localeCompare(y.ref.namespace ?? '') || x.ref.name.localeCompare(y.ref.name);
  return [...[...a.graph.ingresses].sort(byName).map((v) => ingressBlock(a, v)), ...[...a.graph.httpRoutes].sort(byName).map((v) => routeBlock(a, v))];
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
