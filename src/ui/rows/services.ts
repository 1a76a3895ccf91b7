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
import type { ColumnSpec } from './columns.js';
import { filterTerms, matchesTerms } from './filter.js';

export type ServiceCol = 'namespace' | 'name' | 'clusterIP' | 'external' | 'ports' | 'ready' | 'reachedBy' | 'finding';

export const SERVICE_COLUMNS: readonly ColumnSpec<ServiceCol>[] = [
  { id: 'namespace', title: 'NAMESPACE', min: 6, soft: 10, max: 20, priority: 2, essential: true },
  { id: 'name', title: 'NAME', min: 10, soft: 20, max: 40, priority: 0, essential: true },
  { id: 'clusterIP', title: 'CLUSTER-IP', min: 9, soft: 15, max: 39, priority: 6 },
  { id: 'external', title: 'EXTERNAL', min: 10, soft: 16, max: 40, priority: 3 },
  { id: 'ports', title: 'PORTS', min: 8, soft: 12, max: 30, priority: 4 },
  { id: 'ready', title: 'READY', min: 5, soft: 5, max: 7, priority: 1, essential: true, align: 'right' },
  { id: 'reachedBy', title: 'REACHED BY', min: 8, soft: 14, max: 30, priority: 5 },
  { id: 'finding', title: 'WORST FINDING', min: 10, soft: 14, max: 40, priority: 1, essential: true },
];

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
  cells: Record<ServiceCol, string>;
  readyTone?: Tone;
  findingTone?: Tone;
  /** lower-case name, namespace, hosts, addresses, labels */
  search: string;
}

export interface ServicesPre {
  rows: ServiceRowData[];
  /** widest cell per column (for the layout) */
  widths: Record<ServiceCol, number>;
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

/** External addresses, one entry per distinct host (node:nodePort collapse to "node:p1,p2"), "+N" past three. */
export function externalCell(addresses: ExposureAddress[]): string {
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
  if (parts.length > 3) return `${parts.slice(0, 3).join(', ')} +${parts.length - 3}`;
  return parts.join(', ');
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
  const k = kind === 'Ingress' ? 'ing' : kind === 'HTTPRoute' ? 'route' : kind.toLowerCase();
  return `${k}/${ns !== undefined && ns !== own ? `${sanitize(ns)}/` : ''}${sanitize(name)}`;
}

export function findingCell(f: Finding | undefined, count: number): string {
  if (!f) return '';
  return `${severitySymbol(f.severity)} ${sanitize(f.id)}${count > 1 ? ` +${count - 1}` : ''}`;
}

/** Hostnames each Ingress / HTTPRoute serves, by key. */
function hostIndex(a: Analysis): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const i of a.graph.ingresses) m.set(i.key, i.routes.map((r) => r.host).filter((h) => h !== ''));
  for (const h of a.graph.httpRoutes) m.set(h.key, h.hostnames);
  return m;
}

export function precomputeServices(a: Analysis): ServicesPre {
  const rows: ServiceRowData[] = [];
  const hostsBy = hostIndex(a);
  const widths: Record<ServiceCol, number> = { namespace: 0, name: 0, clusterIP: 0, external: 0, ports: 0, ready: 0, reachedBy: 0, finding: 0 };
  for (const group of SERVICE_GROUPS) {
    const views = [...a.graph.byGroup[group]].sort((x, y) => (x.ref.namespace ?? '').localeCompare(y.ref.namespace ?? '') || x.ref.name.localeCompare(y.ref.name));
    for (const v of views) {
      const svc = v.service;
      const ns = v.ref.namespace ?? '';
      const findings = a.findingsByObject.get(v.key) ?? [];
      const worst = worstFinding(a, v.key);
      const ready = readyCell(v);
      const clusterIP = group === 'ExternalName' ? '-' : group === 'Headless' ? 'None' : sanitize(svc.spec.clusterIP ?? '');
      const cells: Record<ServiceCol, string> = {
        namespace: sanitize(ns),
        name: sanitize(v.ref.name),
        clusterIP,
        external: externalCell(v.addresses),
        ports: v.ports.map(formatPort).join(', '),
        ready: ready.text,
        reachedBy: v.reachedBy.map((r) => shortRef(r.kind, r.namespace, r.name, ns)).join(', '),
        finding: findingCell(worst, findings.length),
      };
      const hosts = v.reachedBy.flatMap((r) => hostsBy.get(refKey(r)) ?? []);
      const labels = Object.entries(svc.metadata.labels ?? {}).map(([k, val]) => `${k}=${val}`);
      const search = [ns, v.ref.name, cells.external, ...hosts, ...labels].join(' ').toLowerCase();
      for (const k of Object.keys(cells) as ServiceCol[]) {
        const w = textWidth(cells[k]);
        if (w > widths[k]) widths[k] = w;
      }
      rows.push({
        id: v.key,
        group,
        namespace: ns,
        cells,
        ...(ready.tone ? { readyTone: ready.tone } : {}),
        ...(worst ? { findingTone: severityTone(worst.severity) } : {}),
        search,
      });
    }
  }
  return { rows, widths };
}

export type ServiceListRow =
  | (RowMeta & { kind: 'group'; group: ServiceGroup; count: number; collapsed: boolean })
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
  for (const group of SERVICE_GROUPS) {
    const list = byGroup.get(group) ?? [];
    if (list.length === 0 && terms.length > 0) continue;
    const collapsed = opts.collapsed.includes(group);
    out.push({ kind: 'group', id: `group:${group}`, group, count: list.length, collapsed });
    if (!collapsed) for (const data of list) out.push({ kind: 'service', id: data.id, target: data.id, data });
  }
  return out;
}
