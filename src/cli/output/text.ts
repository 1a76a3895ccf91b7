// Human text for `kexplore check`: findings grouped by root cause, then the broken paths,
// then what could not be checked. Every cluster string is sanitised.
import type { EntryPath, Finding, Report, Severity } from '../../checks/types.js';
import { sanitize } from '../../model/sanitize.js';
import type { ClusterSnapshot, ObjectRef } from '../../model/types.js';

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOR: Style = { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
const id = (s: string): string => s;
export const PLAIN: Style = { red: id, yellow: id, blue: id, green: id, dim: id, bold: id };

export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const ref = (r: ObjectRef): string => sanitize(`${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`);

function sevLabel(sev: Severity, st: Style): string {
  switch (sev) {
    case 'error':
      return st.red('ERROR  ');
    case 'warning':
      return st.yellow('WARNING');
    case 'info':
      return st.blue('INFO   ');
  }
}

function findingLines(f: Finding, st: Style, indent: string): string[] {
  const out = [`${indent}${sevLabel(f.severity, st)} ${st.bold(f.id)}  ${ref(f.object)}`, `${indent}        ${sanitize(f.message)}`];
  // status.* is written by a controller: what to watch, not what to edit
  const fix = (f.fields ?? []).filter((x) => !x.startsWith('status.'));
  const fields = fix.length > 0 ? ` (${fix.map(sanitize).join(', ')})` : '';
  out.push(`${indent}        ${st.dim(`fix${fields}: ${sanitize(f.hint)}`)}`);
  return out;
}

function pathLine(p: EntryPath, st: Style): string {
  const mark = p.verdict === 'broken' ? st.red('✗') : p.verdict === 'unknown' ? st.yellow('?') : st.green('✓');
  const firstBad = p.hops.find((h) => h.verdict === 'broken') ?? p.hops.find((h) => h.verdict === 'unknown');
  const chain = p.hops.map((h) => (h.verdict === 'broken' ? st.red(sanitize(h.label)) : h.verdict === 'unknown' ? st.yellow(sanitize(h.label)) : sanitize(h.label))).join(' → ');
  const why = firstBad ? `\n      ${st.dim(`${sanitize(firstBad.label)}: ${sanitize(firstBad.detail)}${firstBad.field ? ` [${sanitize(firstBad.field)}]` : ''}`)}` : '';
  return `  ${mark} ${sanitize(p.entry)}\n      ${chain}${why}`;
}

export function toText(s: ClusterSnapshot, r: Report, st: Style, opts: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const src = s.source;
  const where =
    src.type === 'demo'
      ? st.bold('DEMO cluster (built in)')
      : src.type === 'snapshot'
        ? `snapshot ${sanitize((src.files ?? []).join(', '))} (taken ${s.takenAt})`
        : `context ${sanitize(src.context ?? '?')} (${sanitize(src.server ?? '')}${src.serverVersion ? `, ${sanitize(src.serverVersion)}` : ''})`;
  lines.push(`kexplore check — ${where} — ${s.namespace ? `namespace ${sanitize(s.namespace)}` : 'all namespaces'}`);
  const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
  const routes = [n(r.summary.httpRoutes, 'HTTPRoute', 'HTTPRoutes'), ...(r.summary.grpcRoutes > 0 ? [n(r.summary.grpcRoutes, 'GRPCRoute', 'GRPCRoutes')] : [])];
  lines.push([n(r.summary.services, 'service', 'services'), n(r.summary.ingresses, 'ingress', 'ingresses'), ...routes].join(', '));
  lines.push('');
  const byKey = new Map(r.findings.map((f) => [f.key, f]));
  const shown = new Set<string>();
  if (r.rootCauses.length > 0) lines.push(st.bold('Problems by root cause'));
  for (const rc of r.rootCauses) {
    const root = byKey.get(rc.root);
    if (!root) continue;
    lines.push(...findingLines(root, st, ''));
    shown.add(root.key);
    for (const k of rc.consequences) {
      const c = byKey.get(k);
      if (!c) continue;
      shown.add(k);
      lines.push(`        ${st.dim('└ consequence:')} ${sevLabel(c.severity, st)} ${c.id}  ${ref(c.object)}: ${sanitize(c.message)}`);
    }
    lines.push('');
  }
  const infos = r.findings.filter((f) => !shown.has(f.key));
  if (infos.length > 0) {
    lines.push(st.bold('Notes'));
    for (const f of opts.verbose ? infos : infos.slice(0, 30)) lines.push(`  ${sevLabel(f.severity, st)} ${f.id}  ${ref(f.object)}: ${sanitize(f.message)}`);
    if (!opts.verbose && infos.length > 30) lines.push(st.dim(`  … ${infos.length - 30} more (use -o json, or --verbose)`));
    lines.push('');
  }
  const bad = r.paths.filter((p) => p.verdict !== 'ok');
  const ok = r.paths.length - bad.length;
  lines.push(st.bold(`Entry points: ${r.paths.length} (${ok} ok, ${r.paths.filter((p) => p.verdict === 'broken').length} broken, ${r.paths.filter((p) => p.verdict === 'unknown').length} unknown)`));
  for (const p of opts.verbose ? r.paths : bad.slice(0, 40)) lines.push(pathLine(p, st));
  if (!opts.verbose && bad.length > 40) lines.push(st.dim(`  … ${bad.length - 40} more`));
  lines.push('');
  const invisible = Object.entries(s.visibility).filter(([, v]) => v.state !== 'visible');
  if (invisible.length > 0) {
    lines.push(st.bold('Not visible'));
    for (const [k, v] of invisible) lines.push(`  ${k}: ${v.state}${v.namespaces ? ` (visible in ${v.namespaces.map(sanitize).join(', ')})` : ''}${v.message ? ` — ${sanitize(v.message)}` : ''}`);
    if (r.skipped.length > 0) lines.push(st.dim(`  ${r.skipped.length} checks skipped: ${[...new Set(r.skipped.map((x) => x.id))].slice(0, 12).join(', ')}${r.skipped.length > 12 ? ', …' : ''}`));
    lines.push('');
  }
  const sum = r.summary;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  lines.push(`${sum.error > 0 ? st.red(count(sum.error, 'error')) : count(sum.error, 'error')}, ${sum.warning > 0 ? st.yellow(count(sum.warning, 'warning')) : count(sum.warning, 'warning')}, ${sum.info} info`);
  return `${lines.join('\n')}\n`;
}
