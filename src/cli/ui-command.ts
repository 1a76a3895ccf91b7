// `kexplore` with no subcommand: the terminal UI. With no cluster configured it opens the demo.
import { UserError, type DataSource, type SourceOptions } from '../cluster/source-types.js';
import { analyse } from './analyse.js';
import { parseDuration, sourceOptions, type CommonFlags } from './program.js';
import { runProbesFor } from './run-probes.js';
import { clusterConfigured, openSource } from './sources.js';

export async function runInteractive(flags: CommonFlags): Promise<number> {
  const opts: SourceOptions = sourceOptions(flags);
  const graceMs = parseDuration(flags.grace ?? '5m', '--grace');
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new UserError('the interactive UI needs a terminal', 'use `kexplore check` (text, -o json or -o junit) in scripts and CI');
  }
  let notice: string | undefined;
  if (!opts.demo && !opts.snapshots && !clusterConfigured(opts)) {
    opts.demo = true;
    notice = 'No kubeconfig found (KUBECONFIG unset, ~/.kube/config missing): showing the built-in DEMO cluster.';
  }
  const { runUi } = await import('../ui/run.js');
  const live = !opts.demo && !opts.snapshots;
  // client-node takes most of the start-up time: the demo and dump files never load it, and a
  // live cluster loads it while the first frame already says "connecting"
  let kubeconfig: typeof import('../cluster/kubeconfig.js') | undefined;
  const connectingLabel = `connecting to ${opts.context ? `context ${opts.context}` : "the kubeconfig's current context"}…`;
  // after the first frame: the kubeconfig module (and client-node) load while the screen says so
  const openFirst = async (): Promise<DataSource> => {
    kubeconfig = await import('../cluster/kubeconfig.js');
    return openSource(opts);
  };
  let source: DataSource | undefined;
  let error: unknown;
  if (!live) {
    try {
      source = await openSource(opts);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      error = err;
    }
  }
  // what `r` on the error screen retries: the last thing tried (a failed :ctx, not the start context)
  let attempt = opts;
  const switchContext = async (context: string): Promise<DataSource> => {
    attempt = { ...opts, context };
    return openSource(attempt);
  };
  const openDemo = async (): Promise<DataSource> => openSource({ demo: true });
  const code = await runUi({
    ...(source ? { source } : {}),
    ...(error instanceof UserError ? { error: { message: error.message, ...(error.hint ? { hint: error.hint } : {}) } } : {}),
    ...(notice ? { notice } : {}),
    ...(live ? { open: { label: connectingLabel, run: openFirst } } : {}),
    graceMs,
    analyse: (s, grace) => analyse(s, grace),
    onSwitchContext: switchContext,
    onOpenDemo: openDemo,
    onRetry: () => openSource(attempt),
    // the context picker works on the error screen too, when no source could be opened
    kubeconfigContexts: () => (kubeconfig ? kubeconfig.listContexts(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}).contexts : []),
    onProbe: async (target) => {
      const probe = await import('../probe/index.js');
      const { buildGraph } = await import('../model/graph.js');
      const s = target.snapshot;
      if (s.source.type === 'demo') return { lines: ["The DEMO cluster's addresses are examples: probes need a real cluster."] };
      const select = target.select.kind === 'Ingress' ? { ingress: target.select } : { service: target.select };
      const graph = buildGraph(s);
      const results = await runProbesFor(s, graph, select, opts);
      return { lines: probe.formatProbeResults(results), findings: probe.probeFindings(results, s, graph) };
    },
  });
  await source?.close();
  return code;
}
