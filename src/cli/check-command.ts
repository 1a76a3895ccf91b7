// `kexplore check`: headless run for CI. Text, JSON or JUnit; exit 1 when a finding reaches --fail-on.
import { mergeProbeFindings } from '../checks/engine.js';
import { scopeReport } from '../checks/scope.js';
import type { Report, Severity } from '../checks/types.js';
import { UserError } from '../cluster/source-types.js';
import type { SourceOptions } from '../cluster/source-types.js';
import { sanitize } from '../model/sanitize.js';
import type { ExposureGraph } from '../model/graph-types.js';
import type { ClusterSnapshot } from '../model/types.js';
import { analyse } from './analyse.js';
import { toJson } from './output/json.js';
import { toJunit } from './output/junit.js';
import { COLOR, PLAIN, toText, useColor } from './output/text.js';
import { parseDuration, sourceOptions, type CommonFlags } from './program.js';
import { runProbesWithNotes } from './run-probes.js';
import { loadOnce } from './sources.js';
import { writeAll } from './write.js';

export interface CheckFlags extends CommonFlags {
  output: 'text' | 'json' | 'junit';
  failOn: 'error' | 'warning' | 'none';
  probe?: boolean;
  verbose?: boolean;
}

export function failingSeverities(failOn: CheckFlags['failOn']): Severity[] {
  return failOn === 'none' ? [] : failOn === 'warning' ? ['error', 'warning'] : ['error'];
}

async function withProbes(s: ClusterSnapshot, r: Report, graph: ExposureGraph, opts: SourceOptions): Promise<{ report: Report; probes: unknown[]; lines: string[] }> {
  const probe = await import('../probe/index.js');
  const [{ results, notes }, dns] = await Promise.all([runProbesWithNotes(s, graph, {}, opts), probe.resolveTargets([...probe.dnsTargets(graph), ...probe.lbHostnameTargets(graph)])]);
  const extra = [...probe.probeFindings(results, s, graph), ...probe.dnsFindings(dns)];
  return {
    report: mergeProbeFindings(s, graph, r, extra),
    probes: results,
    lines: [...probe.formatProbeResults(results), ...notes, ...dns.map((d) => `From this machine, ${d.target.host} ${d.error ? `does not resolve (${d.error})` : `resolves to ${d.addresses.join(', ')}`} (published: ${d.target.published.join(', ')}).`)],
  };
}

export async function runCheck(flags: CheckFlags): Promise<number> {
  const opts = sourceOptions(flags);
  const graceMs = parseDuration(flags.grace ?? '5m', '--grace');
  // -n on a dump or the demo scopes what is reported, not what is analysed: the controllers,
  // ReferenceGrants and Gateway proxies of other namespaces are in the file and still count.
  // (On a live cluster -n reads that namespace only: what the user asked for, and may read.)
  const scope = !opts.allNamespaces && opts.namespace !== undefined && (opts.demo || (opts.snapshots?.length ?? 0) > 0) ? opts.namespace : undefined;
  const s = await loadOnce(scope !== undefined ? { ...opts, namespace: undefined } : opts);
  const shown: ClusterSnapshot = scope !== undefined ? { ...s, namespace: scope } : s;
  const { graph, report: base } = analyse(s, graceMs);
  let report = base;
  let probes: unknown[] | undefined;
  let probeLines: string[] = [];
  if (flags.probe) {
    if (s.source.type === 'demo') throw new UserError('--probe needs a real cluster: the DEMO cluster\'s addresses are examples', 'run kexplore check --probe against your kubeconfig context');
    const p = await withProbes(s, base, graph, opts);
    report = p.report;
    probes = p.probes;
    probeLines = p.lines;
  }
  if (scope !== undefined) report = scopeReport(report, s, scope);
  const fail = failingSeverities(flags.failOn);
  let out: string;
  switch (flags.output) {
    case 'json':
      out = toJson(shown, report, probes ? { probes } : {});
      break;
    case 'junit':
      out = toJunit(shown, report, fail);
      break;
    case 'text': {
      const st = useColor(process.stdout) ? COLOR : PLAIN;
      out = toText(shown, report, st, flags.verbose ? { verbose: true } : {});
      if (probeLines.length > 0) out += `\nProbes (from this machine)\n${probeLines.map((l) => `  ${sanitize(l)}`).join('\n')}\n`;
      break;
    }
  }
  await writeAll(process.stdout, out);
  // A token that may read no Service checked nothing: that must not pass a CI job as "clean".
  // The report above still says what was visible; the exit code says the check could not run.
  const svc = s.visibility.Service;
  if (svc.state === 'forbidden') {
    process.stderr.write(`kexplore: nothing was checked: this user may not list Services (${sanitize(svc.message?.split('\n')[0] ?? 'forbidden')}) — pass -n NAMESPACE for a namespace it may read\n`);
    return 2;
  }
  if (svc.state === 'failed') {
    process.stderr.write(`kexplore: nothing was checked: listing Services failed (${sanitize(svc.message?.split('\n')[0] ?? 'error')}) — retry, or check the API server's health (kubectl get --raw /readyz)\n`);
    return 2;
  }
  return report.findings.some((f) => fail.includes(f.severity)) ? 1 : 0;
}
