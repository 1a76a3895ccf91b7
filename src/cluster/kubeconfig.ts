// Find and load the kubeconfig the way kubectl does, with errors a person can act on.
// We do not use client-node's loadFromDefault: it silently falls back to
// http://localhost:8080, throws on a missing file in KUBECONFIG (kubectl skips it),
// lets the LAST file's current-context win and throws on duplicate names (kubectl: first wins).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { UserError } from './source-types.js';

export interface KubeconfigOptions {
  kubeconfig?: string;
  context?: string;
  /** injectable for tests */
  env?: NodeJS.ProcessEnv;
  /** prefix for /var/run/secrets/kubernetes.io/serviceaccount (tests) */
  inClusterRoot?: string;
}

export interface LoadedKubeConfig {
  kc: KubeConfig;
  context: string;
  cluster: Cluster;
  user?: User;
  server: string;
  /** the context's default namespace, if any */
  namespace?: string;
  /** files read, in order (empty for in-cluster) */
  files: string[];
  inCluster: boolean;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const NO_CONFIG_HINT = 'pass --kubeconfig, set KUBECONFIG, or add --demo for the built-in example cluster';

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]?.trim() ?? '';

/** Which files kubectl would read; undefined when none (→ in-cluster or error). */
function configFiles(opts: KubeconfigOptions, env: NodeJS.ProcessEnv): { files: string[]; missing: string[] } {
  if (opts.kubeconfig) return { files: [opts.kubeconfig], missing: [] };
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f !== '');
  if (list.length > 0) {
    // kubectl ignores entries of KUBECONFIG that do not exist.
    return { files: list.filter((f) => existsSync(f)), missing: list.filter((f) => !existsSync(f)) };
  }
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  return existsSync(home) ? { files: [home], missing: [] } : { files: [], missing: [] };
}

function readOne(file: string): KubeConfig | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read kubeconfig ${file}: ${code ?? firstLine(err)}`, 'check the path and its permissions', { cause: err });
  }
  if (text.trim() === '') return undefined; // kubectl treats an empty file as an empty config
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
    kc.makePathsAbsolute(join(file, '..'));
  } catch (err) {
    throw new UserError(`invalid kubeconfig ${file}: ${firstLine(err)}`, 'fix the file or pass another one with --kubeconfig', { cause: err });
  }
  if (kc.clusters.length === 0 && kc.contexts.length === 0 && kc.users.length === 0 && !kc.currentContext) {
    throw new UserError(`invalid kubeconfig ${file}: no clusters, users or contexts`, 'fix the file or pass another one with --kubeconfig');
  }
  return kc;
}

/** Merge like kubectl: the first file that defines a name (or current-context) wins. */
function merge(configs: KubeConfig[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current = '';
  for (const c of configs) {
    for (const x of c.clusters) if (!clusters.has(x.name)) clusters.set(x.name, x);
    for (const x of c.users) if (!users.has(x.name)) users.set(x.name, x);
    for (const x of c.contexts) if (!contexts.has(x.name)) contexts.set(x.name, x);
    if (!current && c.currentContext) current = c.currentContext;
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext: current });
  return kc;
}

function inClusterConfig(opts: KubeconfigOptions, env: NodeJS.ProcessEnv): KubeConfig | undefined {
  const root = opts.inClusterRoot ?? '';
  if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT || !existsSync(`${root}${SA_DIR}/token`)) return undefined;
  const kc = new KubeConfig();
  // loadFromCluster reads process.env itself; pass what we were given.
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
  process.env.KUBERNETES_SERVICE_HOST = env.KUBERNETES_SERVICE_HOST;
  process.env.KUBERNETES_SERVICE_PORT = env.KUBERNETES_SERVICE_PORT;
  try {
    kc.loadFromCluster(root);
  } finally {
    restoreEnv('KUBERNETES_SERVICE_HOST', saved.host);
    restoreEnv('KUBERNETES_SERVICE_PORT', saved.port);
  }
  return kc;
}

function restoreEnv(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

/** The merged kubeconfig without choosing a context. */
export function readKubeConfig(opts: KubeconfigOptions = {}): { kc: KubeConfig; files: string[]; inCluster: boolean } {
  const env = opts.env ?? process.env;
  const { files, missing } = configFiles(opts, env);
  if (files.length > 0) {
    const configs = files.map(readOne).filter((c): c is KubeConfig => c !== undefined);
    return { kc: merge(configs), files, inCluster: false };
  }
  const ic = inClusterConfig(opts, env);
  if (ic) return { kc: ic, files: [], inCluster: true };
  const why = missing.length > 0 ? `KUBECONFIG files missing: ${missing.join(', ')}` : 'KUBECONFIG unset, ~/.kube/config missing';
  throw new UserError(`no kubeconfig found (${why})`, NO_CONFIG_HINT);
}

/** Contexts of the kubeconfig and the current one (for a context picker). */
export function listContexts(opts: KubeconfigOptions = {}): { contexts: string[]; current?: string } {
  const { kc } = readKubeConfig(opts);
  const contexts = kc.getContexts().map((c) => c.name);
  const current = kc.getCurrentContext();
  return current ? { contexts, current } : { contexts };
}

/**
 * The server URL as client-go reads it: no scheme means https when TLS is configured, else
 * http; a plain-http server (kubectl proxy) is allowed, which client-node refuses unless
 * skipTLSVerify is set — harmless on a connection that has no TLS to verify.
 */
function normaliseServer(kc: KubeConfig, cluster: Cluster, user: User | undefined): Cluster {
  let server = cluster.server?.trim() ?? '';
  if (!server) throw new UserError(`cluster "${cluster.name}" has no server address`, 'set clusters[].cluster.server in the kubeconfig');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(server)) {
    const tls = !!(cluster.caFile || cluster.caData || cluster.skipTLSVerify || user?.certFile || user?.certData);
    server = `${tls ? 'https' : 'http'}://${server}`;
  }
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UserError(`cluster "${cluster.name}" has an invalid server address "${cluster.server}"`, 'set clusters[].cluster.server to a URL such as https://host:6443');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(`cluster "${cluster.name}" has server "${cluster.server}": only https:// and http:// are supported`, 'fix clusters[].cluster.server in the kubeconfig');
  const fixed: Cluster = { ...cluster, server, ...(url.protocol === 'http:' ? { skipTLSVerify: true } : {}) };
  if (fixed.server === cluster.server && fixed.skipTLSVerify === cluster.skipTLSVerify) return cluster;
  kc.clusters = kc.clusters.map((c) => (c.name === cluster.name ? fixed : c));
  return fixed;
}

/** Load the kubeconfig and select the context (--context, else current-context). */
export function loadKubeConfig(opts: KubeconfigOptions = {}): LoadedKubeConfig {
  const { kc, files, inCluster } = readKubeConfig(opts);
  const names = kc.getContexts().map((c) => c.name);
  const available = names.length > 0 ? `available: ${names.join(', ')}` : 'the kubeconfig defines no contexts';
  const where = files.length > 0 ? files.join(', ') : 'in-cluster config';
  const name = opts.context ?? kc.getCurrentContext();
  if (!name) throw new UserError(`kubeconfig has no current-context (${where})`, `pass --context (${available})`);
  const ctx = kc.getContextObject(name);
  if (!ctx) throw new UserError(`context "${name}" not found in ${where}`, available);
  kc.setCurrentContext(name);
  const declared = kc.getCluster(ctx.cluster);
  if (!declared) throw new UserError(`context "${name}" refers to cluster "${ctx.cluster}", which is not defined in ${where}`, 'fix the kubeconfig or choose another --context');
  const user = kc.getUser(ctx.user) ?? undefined;
  const cluster = normaliseServer(kc, declared, user);
  const out: LoadedKubeConfig = { kc, context: name, cluster, server: cluster.server, files, inCluster };
  if (user) out.user = user;
  const ns = ctx.namespace?.trim();
  if (ns) out.namespace = ns;
  return out;
}
