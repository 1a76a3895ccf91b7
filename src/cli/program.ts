// kexplore command line: the UI by default, `check` for CI, `snapshot` to save a dump.
// Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage/connection/input errors.
import { Command, CommanderError, Option } from 'commander';
import { UserError, type SourceOptions } from '../cluster/source-types.js';
import { sanitize } from '../model/sanitize.js';
import { runCheck } from './check-command.js';
import { runSnapshot } from './snapshot-command.js';
import { runInteractive } from './ui-command.js';
import { VERSION } from './version.js';

export interface CommonFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  snapshot?: string[];
  demo?: boolean;
  grace?: string;
  debug?: boolean;
  requestTimeout?: string;
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

function addCommon(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-n, --namespace <ns>', 'only this namespace')
    .option('-A, --all-namespaces', 'all namespaces (default when the context sets no namespace, as in kubectl)')
    .option('--snapshot <file|dir>', 'read a dump (kubectl get … -o json|yaml, manifests) instead of a cluster; repeatable', collect)
    .option('--demo', 'use the embedded demo cluster')
    .option('--grace <duration>', 'grace period for status written by controllers (e.g. 5m, 90s)', '5m')
    .option('--request-timeout <duration>', 'timeout for each API request', '30s')
    .option('--debug', 'print stack traces on errors');
}

export function parseDuration(v: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new UserError(`invalid ${flag} '${v}'`, 'use a duration like 90s, 5m or 1h');
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}

export function sourceOptions(f: CommonFlags): SourceOptions {
  const o: SourceOptions = {};
  if (f.kubeconfig) o.kubeconfig = f.kubeconfig;
  if (f.context) o.context = f.context;
  if (f.namespace) o.namespace = f.namespace;
  if (f.allNamespaces) o.allNamespaces = true;
  if (f.snapshot) o.snapshots = f.snapshot;
  if (f.demo) o.demo = true;
  if (f.requestTimeout) o.timeoutMs = parseDuration(f.requestTimeout, '--request-timeout');
  const modes = [f.demo ? '--demo' : '', f.snapshot ? '--snapshot' : '', f.kubeconfig || f.context ? '--kubeconfig/--context' : ''].filter(Boolean);
  if (modes.length > 1) throw new UserError(`${modes.join(' and ')} cannot be combined`, 'choose one source: a cluster, a snapshot, or the demo');
  if (f.namespace && f.allNamespaces) throw new UserError('-n and -A cannot be combined');
  return o;
}

export function buildProgram(): Command {
  const program = new Command('kexplore')
    .description('How is each Kubernetes Service exposed, and why does traffic reach its pods or not?')
    .version(VERSION, '-v, --version')
    // usage errors: one line, like every other error (commander prints two by default)
    .configureOutput({ outputError: (str, write) => write(`kexplore: ${sanitize(str.trim().replace(/^error: /, ''))} — run kexplore --help for usage\n`) })
    .enablePositionalOptions()
    .exitOverride();
  addCommon(program).action(async (flags: CommonFlags) => {
    process.exitCode = await runInteractive(flags);
  });
  addCommon(
    program
      .command('check')
      .description('run every check headless; exit 1 on findings at or above --fail-on')
      .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
      .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run').choices(['error', 'warning', 'none']).default('error'))
      .option('--probe', 'also probe NodePorts, Ingress addresses and certificates from this machine, and whether apps listen on their targetPort through the API server proxy (needs get pods/proxy)')
      .option('--verbose', 'list every note and path in text output')
      .addHelpText('after', '\nExit codes:\n  0  no finding at or above --fail-on\n  1  findings at or above --fail-on\n  2  usage, connection or input error, or no Service may be listed'),
  ).action(async (flags: CommonFlags & { output: 'text' | 'json' | 'junit'; failOn: 'error' | 'warning' | 'none'; probe?: boolean; verbose?: boolean }) => {
    process.exitCode = await runCheck(flags);
  });
  addCommon(program.command('snapshot').description('write a dump of what kexplore reads (Secrets reduced to public certificates)').option('-o, --output <file>', 'file to write (default: stdout)')).action(
    async (flags: CommonFlags & { output?: string }) => {
      process.exitCode = await runSnapshot(flags);
    },
  );
  return program;
}

export function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // commander already printed the message
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : 2;
  }
  if (err instanceof UserError) {
    // messages may quote the user's arguments or the cluster's strings: no raw control characters
    process.stderr.write(`kexplore: ${sanitize(err.message)}${err.hint ? ` — ${sanitize(err.hint)}` : ''}\n`);
    if (debug) process.stderr.write(`${err.stack ?? ''}\n${err.cause instanceof Error ? (err.cause.stack ?? '') : ''}\n`);
    return 2;
  }
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kexplore: unexpected error: ${sanitize(msg.split('\n')[0] ?? '')}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && err instanceof Error) process.stderr.write(`${err.stack ?? ''}\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err, debug);
  }
}

