// Services view rows: precomputed once per snapshot (every cluster string sanitised, one
// search string per service), then filtered and grouped per keystroke in O(n) without
// formatting; cells are fitted to column widths only for the visible rows.
import type { Finding } from '../../checks/types.js';
import { SERVICE_GROUPS, type ExposureAddress, type PortView, type ServiceGroup, type ServiceView } from '../../model/graph-types.js';
import { sanitize } from '../../model/sanitize.js';
import { refKey } from '../../model/types.js';
import { worstFinding } from '../analysis.js';
import { severitySymbol, severityTone, type Tone } from '../theme.js';
import { textWidth } from '../text.js';
import type { Analysis, RowMeta } from '../types.js';
import { fitFinding, findingText, fitList, listCompactWidth, listText, type FindingCell } from './cells.js';
import type { ColumnMeasure, ColumnSpec, ShrinkStep } from './columns.js';
import { filterTerms, matchesTerms } from './filter.js';

export type ServiceCol = 'namespace' | 'name' | 'clusterIP' | 'external' | 'ports' | 'ready' | 'reachedBy' | 'finding';

export const SERVICE_COLUMNS: readonly ColumnSpec<ServiceCol>[] = [
  // spare space goes to the worst finding first, then ports, then name (`grow`)
  { id: 'namespace', title: 'NAMESPACE', min: 4, priority: 5 },
  { id: 'name', title: 'NAME', min: 8, priority: 0, grow: 2 },
  { id: 'clusterIP', title: 'CLUSTER-IP', min: 7, priority: 6 },
  { id: 'external', title: 'EXTERNAL', min: 8, priority: 2, grow: 3 },
  { id: 'ports', title: 'PORTS', min: 6, priority: 3, grow: 1 },
  { id: 'ready', title: 'READY', min: 5, priority: 4, align: 'right' },
  { id: 'reachedBy', title: 'REACHED BY', min: 6, priority: 7 },
  { id: 'finding', title: 'WORST FINDING', min: 8, priority: 1, grow: 0 },
];

/**
 * How the table gets narrower: reached-by, cluster IP and namespace give way first; lists
 * keep whole items ("+N"); name, worst finding, external address (its first one whole, with
 * its port, and "+N"), ports and ready stay as long as possible. An address is never cut
 * mid-way: EXTERNAL keeps its compact form (a hostname is capped at its end) or goes.
 * Across namespaces NAMESPACE outranks PORTS; scoped to one, NAMESPACE is not shown.
 */
export const SERVICE_SHRINK: readonly ShrinkStep<ServiceCol>[] = [
  { col: 'reachedBy', to: 'compact' },
  { col: 'ports', to: 'compact' },
  { col: 'external', to: 'compact' },
  { col: 'namespace', to: 12 },
  { col: 'reachedBy', to: 'drop' },
  { col: 'clusterIP', to: 'drop' },
  { col: 'namespace', to: 9 },
  // a long hostname is cut at its end; an IP (with its port) is at most 21 cells and stays whole
  { col: 'external', to: 24 },
  { col: 'name', to: 28 },
  { col: 'name', to: 24 },
  { col: 'name', to: 20 },
  // the finding's "+N" goes before ports do ('compact' = the widest symbol and id, kept whole)
  { col: 'finding', to: 'compact' },
  { col: 'name', to: 18 },
  { col: 'external', to: 22 },
  { col: 'name', to: 16 },
  { col: 'external', to: 21 },
  // the finding id is cut between words, its "+N" kept (the detail and Problems say it whole)
  { col: 'finding', to: 28 },
  { col: 'finding', to: 24 },
  { col: 'finding', to: 20 },
  { col: 'name', to: 14 },
  // across namespaces, NAMESPACE outranks PORTS: two "web"s must be told apart in the list,
  // and the detail shows the ports (scoped to one namespace, the column is not there at all)
  { col: 'namespace', to: 6 },
  { col: 'ports', to: 'drop' },
  { col: 'finding', to: 16 },
  { col: 'finding', to: 14 },
  { col: 'name', to: 12 },
  { col: 'namespace', to: 'drop' },
  { col: 'external', to: 'drop' },
];

/** Columns whose cells are lists: they shrink item by item. */
const LIST_COLS = ['external', 'ports', 'reachedBy'] as const;
type ListCol = (typeof LIST_COLS)[number];

export const GROUP_TITLES: Record<ServiceGroup, string> = {
  ClusterIP: 'ClusterIP',
  Headless: 'Headless',
  NodePort: 'NodePort',
  LoadBalancer: 'LoadBalancer',
  ExternalName: 'ExternalName',
};

export interface ServiceRowData {
  id: string;
  group: ServiceGroup;
  namespace: string;
  /** every cell at full width */
  cells: Record<ServiceCol, string>;
  lists: Record<ListCol, string[]>;
  finding?: FindingCell;
  readyTone?: Tone;
  findingTone?: Tone;
  /** lower-case name, namespace, hosts, addresses, labels */
  search: string;
}

export interface ServicesPre {
  rows: ServiceRowData[];
}

export function formatAddress(a: ExposureAddress): string {
  switch (a.kind) {
    case 'clusterIP':
      return sanitize(a.host);
    case 'nodePort':
      return `${sanitize(a.host || a.node)}:${a.port ?? '?'}`;
    case 'loadBalancer':
      return a.pending || a.host === '' ? '<pending>' : sanitize(a.host);
    case 'externalIP':
      return sanitize(a.host);
    case 'externalName':
      return sanitize(a.host);
    default: {
      const never: never = a.kind;
      return never;
    }
  }
}

/** External addresses, one entry per distinct address, load balancers first. */
export function externalItems(addresses: ExposureAddress[]): string[] {
  const parts: string[] = [];
  const seen = new Set<string>();
  const rank: Record<ExposureAddress['kind'], number> = { loadBalancer: 0, externalIP: 1, externalName: 2, nodePort: 3, clusterIP: 4 };
  const sorted = [...addresses].sort((x, y) => rank[x.kind] - rank[y.kind]);
  for (const a of sorted) {
    if (a.kind === 'clusterIP') continue;
    const s = formatAddress(a);
    if (!seen.has(s)) {
      seen.add(s);
      parts.push(s);
    }
  }
  return parts;
}

/** External addresses as shown at full width: three at most, then "+N". */
export function externalCell(addresses: ExposureAddress[]): string {
  return listText(externalItems(addresses));
}

export function formatPort(p: PortView): string {
  const target = typeof p.targetPort === 'string' ? sanitize(p.targetPort) : String(p.targetPort);
  const proto = p.protocol === 'TCP' ? '' : `/${sanitize(p.protocol)}`;
  const node = p.nodePort !== undefined ? `:${p.nodePort}` : '';
  return `${p.port}→${target}${node}${proto}`;
}

function readyCell(v: ServiceView): { text: string; tone?: Tone } {
  if (v.group === 'ExternalName') return { text: '-' };
  if (v.endpoints === undefined || v.readyCount === undefined || v.totalCount === undefined) return { text: '?', tone: 'muted' };
  const text = `${v.readyCount}/${v.totalCount}`;
  if (v.readyCount === 0) return { text, tone: 'error' };
  if (v.readyCount < v.totalCount) return { text, tone: 'warning' };
  return { text, tone: 'ok' };
}

function shortRef(kind: string, ns: string | undefined, name: string, own: string): string {
  const k = kind === 'Ingress' ? 'ing' : kind === 'HTTPRoute' ? 'route' : kind === 'GRPCRoute' ? 'grpcroute' : kind.toLowerCase();
  return `${k}/${ns !== undefined && ns !== own ? `${sanitize(ns)}/` : ''}${sanitize(name)}`;
}

function findingOf(f: Finding | undefined, count: number): FindingCell | undefined {
  return f ? { symbol: severitySymbol(f.severity), id: sanitize(f.id), others: Math.max(0, count - 1) } : undefined;
}

export function findingCell(f: Finding | undefined, count: number): string {
  const cell = findingOf(f, count);
  return cell ? findingText(cell) : '';
}

/** Hostnames each Ingress / route serves, by key. */
function hostIndex(a: Analysis): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const i of a.graph.ingresses) m.set(i.key, i.routes.map((r) => r.host).filter((h) => h !== ''));
  for (const h of a.graph.routes) m.set(h.key, h.hostnames);
  return m;
}

export function precomputeServices(a: Analysis): ServicesPre {
  const rows: ServiceRowData[] = [];
  const hostsBy = hostIndex(a);
  for (const group of SERVICE_GROUPS) {
    const views = [...a.graph.byGroup[group]].sort((x, y) => (x.ref.namespace ?? '').localeCompare(y.ref.namespace ?? '') || x.ref.name.localeCompare(y.ref.name));
    for (const v of views) {
      const svc = v.service;
      const ns = v.ref.namespace ?? '';
      const findings = a.findingsByObject.get(v.key) ?? [];
      const worst = worstFinding(a, v.key);
      const ready = readyCell(v);
      const clusterIP = group === 'ExternalName' ? '-' : group === 'Headless' ? 'None' : sanitize(svc.spec.clusterIP ?? '');
      const lists: Record<ListCol, string[]> = {
        external: externalItems(v.addresses),
        ports: v.ports.map(formatPort),
        reachedBy: v.reachedBy.map((r) => shortRef(r.kind, r.namespace, r.name, ns)),
      };
      const finding = findingOf(worst, findings.length);
      const cells: Record<ServiceCol, string> = {
        namespace: sanitize(ns),
        name: sanitize(v.ref.name),
        clusterIP,
        external: listText(lists.external),
        ports: listText(lists.ports, Infinity),
        ready: ready.text,
        reachedBy: listText(lists.reachedBy, Infinity),
        finding: finding ? findingText(finding) : '',
      };
      const hosts = v.reachedBy.flatMap((r) => hostsBy.get(refKey(r)) ?? []);
      const labels = Object.entries(svc.metadata.labels ?? {}).map(([k, val]) => `${k}=${val}`);
      // `/app=cart` finds a Service by its selector as well as by its own labels
      const selector = Object.entries(svc.spec.selector ?? {}).map(([k, val]) => `${k}=${val}`);
      const search = [ns, v.ref.name, cells.external, ...hosts, ...labels, ...selector].join(' ').toLowerCase();
      rows.push({
        id: v.key,
        group,
        namespace: ns,
        cells,
        lists,
        ...(finding ? { finding } : {}),
        ...(ready.tone ? { readyTone: ready.tone } : {}),
        ...(worst ? { findingTone: severityTone(worst.severity) } : {}),
        search,
      });
    }
  }
  return { rows };
}

export type ServiceListRow =
  | (RowMeta & { kind: 'group'; group: ServiceGroup; count: number; collapsed: boolean; worst?: { symbol: string; tone: Tone; services: number } })
  | (RowMeta & { kind: 'service'; data: ServiceRowData });

export interface ServiceRowOptions {
  scope?: string;
  filter: string;
  collapsed: readonly ServiceGroup[];
}

export function serviceRows(pre: ServicesPre, opts: ServiceRowOptions): ServiceListRow[] {
  const out: ServiceListRow[] = [];
  const byGroup = new Map<ServiceGroup, ServiceRowData[]>();
  const terms = filterTerms(opts.filter);
  for (const r of pre.rows) {
    if (opts.scope !== undefined && r.namespace !== opts.scope) continue;
    if (!matchesTerms(r.search, terms)) continue;
    const list = byGroup.get(r.group);
    if (list) list.push(r);
    else byGroup.set(r.group, [r]);
  }
  // the whole cluster shows every group (the taxonomy); a scope or a filter shows only groups with matches
  const narrowed = terms.length > 0 || opts.scope !== undefined;
  for (const group of SERVICE_GROUPS) {
    const list = byGroup.get(group) ?? [];
    if (list.length === 0 && narrowed) continue;
    // a filter opens folded groups (as a vim search opens folds): a match must never hide
    const collapsed = opts.collapsed.includes(group) && terms.length === 0;
    // a folded group still says that something in it is broken: the worst severity and how many Services have it
    const tone = (['error', 'warning'] as const).find((t) => list.some((d) => d.findingTone === t));
    const worst = collapsed && tone ? { symbol: list.find((d) => d.findingTone === tone)?.finding?.symbol ?? '', tone, services: list.filter((d) => d.findingTone === tone).length } : undefined;
    out.push({ kind: 'group', id: `group:${group}`, group, count: list.length, collapsed, ...(worst ? { worst } : {}) });
    if (!collapsed) for (const data of list) out.push({ kind: 'service', id: data.id, target: data.id, data });
  }
  return out;
}

/** Natural and compact widths of each column over the rows shown (after scope and filter). */
export function measureServices(rows: readonly ServiceListRow[]): Record<ServiceCol, ColumnMeasure> {
  const m = {} as Record<ServiceCol, ColumnMeasure>;
  for (const c of SERVICE_COLUMNS) m[c.id] = { natural: 0, compact: 0 };
  for (const r of rows) {
    if (r.kind !== 'service') continue;
    for (const c of SERVICE_COLUMNS) {
      const w = textWidth(r.data.cells[c.id]);
      const cm = m[c.id];
      if (w > cm.natural) cm.natural = w;
      const f = r.data.finding;
      const compact = (LIST_COLS as readonly string[]).includes(c.id) ? listCompactWidth(r.data.lists[c.id as ListCol]) : c.id === 'finding' && f ? textWidth(`${f.symbol} ${f.id}`) : w;
      if (compact > (cm.compact ?? 0)) cm.compact = compact;
    }
  }
  return m;
}

/** A cell's text for a column `width` cells wide (lists and findings shrink without losing meaning). */
export function cellText(d: ServiceRowData, col: ServiceCol, width: number): string {
  switch (col) {
    case 'external':
      return fitList(d.lists.external, width);
    case 'ports':
    case 'reachedBy':
      return fitList(d.lists[col], width, Infinity);
    case 'finding':
      return d.finding ? fitFinding(d.finding, width) : '';
    default:
      return d.cells[col];
  }
}
