// The live cluster as a DataSource: list everything, then watch; snapshots are rebuilt
// lazily from the store and listeners are notified at most every ~250 ms.
import { snapshotFrom } from '../model/snapshot.js';
import { referencedParameters } from '../model/ingress-class.js';
import type { ClusterSnapshot, Gateway, Ingress, IngressClass, Kind, KindVisibility, ParameterLookup, SnapshotSource } from '../model/types.js';
import { ApiClient, isApiError } from './api-client.js';
import { ClusterReader, type KindRead } from './cluster-reader.js';
import { connectionError } from './connection-errors.js';
import { discover, gatewayKinds, prefersAnyVersion, serverVersion, type Discovery } from './discovery.js';
import { loadKubeConfig, listContexts, type LoadedKubeConfig } from './kubeconfig.js';
import { ResourceWatcher, type WatchOptions } from './list-watch.js';
import { ObjectStore } from './object-store.js';
import { referencedSecrets } from './secrets.js';
import { UserError, type DataSource, type SourceOptions } from './source-types.js';

export interface LiveOptions extends SourceOptions {
  /** tests: watch timing */
  watch?: WatchOptions;
  /** notify coalescing window, ms */
  throttleMs?: number;
  /** failing this long turns `reconnecting` into `stale`, ms */
  staleAfterMs?: number;
  /** how often Secrets and IngressClass parameters are read again by name, ms */
  rereadMs?: number;
}

interface Connection {
  loaded: LoadedKubeConfig;
  client: ApiClient;
  discovery: Discovery;
  source: SnapshotSource;
}

/** Load the kubeconfig, reach the server (errors → UserError) and discover its APIs. */
async function connect(opts: SourceOptions): Promise<Connection> {
  const loaded = loadKubeConfig({ ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}), ...(opts.context ? { context: opts.context } : {}) });
  const client = new ApiClient(loaded.kc, loaded.server, opts.timeoutMs);
  const fail = (err: unknown): never => {
    throw connectionError(err, loaded.server, loaded.context) ?? err;
  };
  // /version may be forbidden on locked-down servers; only a connection failure is fatal there.
  const version = await serverVersion(client).catch((err: unknown) => (isApiError(err) && err.code !== 401 ? undefined : fail(err)));
  const discovery = await discover(client).catch((err: unknown) => {
    if (isApiError(err) && err.code !== 401) {
      throw new UserError(`API discovery on ${loaded.server} failed: ${err.message} (HTTP ${err.code})`, `check that context "${loaded.context}" points at a Kubernetes API server your user may read`, { cause: err });
    }
    return fail(err);
  });
  const source: SnapshotSource = { type: 'live', context: loaded.context, cluster: loaded.cluster.name, server: loaded.server };
  if (loaded.user) source.user = loaded.user.name;
  if (version) source.serverVersion = version;
  return { loaded, client, discovery, source };
}

/** The namespace to read, as kubectl picks it: -A, else -n, else the context's namespace. */
function scopeOf(c: Connection, opts: SourceOptions): { namespace?: string } {
  if (opts.allNamespaces) return {};
  const ns = opts.namespace ?? c.loaded.namespace;
  return ns ? { namespace: ns } : {};
}

function readerFor(c: Connection, opts: SourceOptions): ClusterReader {
  return new ClusterReader({
    client: c.client,
    discovery: c.discovery,
    ...scopeOf(c, opts),
    ...(c.loaded.namespace ? { contextNamespace: c.loaded.namespace } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(prefersAnyVersion(c.source.serverVersion) ? { anyVersion: true } : {}),
  });
}

/** Visibility of kinds no read covered: Gateway API not installed, Endpoints not needed. */
function baseVisibility(c: Connection, reads: readonly KindRead[]): Partial<Record<Kind, KindVisibility>> {
  const v: Partial<Record<Kind, KindVisibility>> = {};
  const served = new Set(c.discovery.gatewayResources.map((d) => d.kind));
  for (const k of gatewayKinds()) if (!served.has(k)) v[k] = { state: 'not-installed', message: 'gateway.networking.k8s.io is not served by this cluster' };
  if (!reads.some((r) => r.def.kind === 'Endpoints')) v.Endpoints = { state: 'absent', message: 'not read: EndpointSlices are visible' };
  for (const r of reads) v[r.def.kind] = r.visibility;
  return v;
}

const itemsOf = <T>(reads: readonly KindRead[], kind: Kind): T[] => reads.filter((r) => r.def.kind === kind).flatMap((r) => r.lists.flatMap((l) => l.result.items)) as T[];

/** One-shot snapshot (lists only) for `kexplore check` and `kexplore snapshot`. */
export async function loadLiveSnapshot(opts: SourceOptions): Promise<ClusterSnapshot> {
  const c = await connect(opts);
  const reader = readerFor(c, opts);
  let reads: KindRead[];
  let sec: Awaited<ReturnType<ClusterReader['readSecrets']>>;
  let proxy: Awaited<ReturnType<ClusterReader['readKubeProxyConfig']>>;
  let parameterLookups: ParameterLookup[];
  try {
    const [primary, background] = await Promise.all([reader.readPrimary(), reader.readBackground()]);
    reads = [...primary, ...background];
    sec = await reader.readSecrets(itemsOf<Ingress>(reads, 'Ingress'), itemsOf<Gateway>(reads, 'Gateway'));
    proxy = await reader.readKubeProxyConfig();
    parameterLookups = await reader.readIngressClassParameters(itemsOf<IngressClass>(reads, 'IngressClass'));
  } finally {
    c.client.destroy();
  }
  const visibility = { ...baseVisibility(c, reads), Secret: sec.visibility, ConfigMap: proxy.visibility };
  const objects = [...reads.flatMap((r) => r.lists.flatMap((l) => l.result.items)), ...sec.secrets, ...proxy.objects];
  const ns = scopeOf(c, opts);
  return snapshotFrom(objects, { ...c.source, state: 'live' }, new Date().toISOString(), { visibility, parameterLookups, ...ns });
}

export async function openLiveSource(opts: LiveOptions): Promise<DataSource> {
  const c = await connect(opts);
  const src = new LiveSource(c, opts);
  await src.start();
  return src;
}

class LiveSource implements DataSource {
  readonly type = 'live' as const;
  private readonly store = new ObjectStore();
  private visibility: Partial<Record<Kind, KindVisibility>> = {};
  private watchers: ResourceWatcher[] = [];
  private readonly failing = new Map<ResourceWatcher, number>();
  private readonly listeners = new Set<(s: ClusterSnapshot) => void>();
  private state: NonNullable<SnapshotSource['state']> = 'connecting';
  private metaVersion = 0;
  private cached: { version: string; snap: ClusterSnapshot } | undefined;
  private notifyTimer: NodeJS.Timeout | undefined;
  private staleTimer: NodeJS.Timeout | undefined;
  /** pending "references may have changed" re-reads, by what they read */
  private readonly refTimers = new Map<'secrets' | 'parameters', NodeJS.Timeout>();
  private rereadTimer: NodeJS.Timeout | undefined;
  /** kinds whose list failed (5xx, timeout): read again with backoff until one succeeds */
  private readonly retryTimers = new Map<Kind, NodeJS.Timeout>();
  private secretRefs = '';
  private parameterLookups: ParameterLookup[] = [];
  private parameterRefs = '';
  private generation = 0;
  private closed = false;

  constructor(
    private readonly c: Connection,
    private readonly opts: LiveOptions,
  ) {}

  /** Resolves once the graph kinds are in; Pods/Events/workloads follow in the background. */
  async start(): Promise<void> {
    const gen = ++this.generation;
    const reader = readerFor(this.c, this.opts);
    const primary = await reader.readPrimary();
    if (gen !== this.generation) return;
    this.visibility = baseVisibility(this.c, primary);
    for (const kind of ['Pod', 'Event', 'Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'] as const) this.visibility[kind] = { state: 'absent', message: 'loading' };
    this.apply(primary);
    await this.loadSecrets(reader);
    await this.loadParameters(reader);
    this.rereadByName();
    const proxy = await reader.readKubeProxyConfig();
    this.store.replace('ConfigMap', '', proxy.objects);
    this.visibility.ConfigMap = proxy.visibility;
    const background = reader.readBackground().then((reads) => {
      if (gen !== this.generation || this.closed) return;
      this.apply(reads);
      this.setState('live');
      this.updateConnState();
    });
    this.pending = background.catch(() => undefined);
  }

  /** the background phase (tests and refresh() wait on it) */
  pending: Promise<void> = Promise.resolve();

  current(): ClusterSnapshot {
    const version = `${this.store.version}/${this.metaVersion}`;
    if (this.cached?.version !== version) {
      const source: SnapshotSource = { ...this.c.source, state: this.state };
      const since = this.staleSince();
      if (this.state === 'stale' && since !== undefined) source.staleSince = new Date(since).toISOString();
      const ns = scopeOf(this.c, this.opts);
      this.cached = { version, snap: snapshotFrom(this.store.all(), source, new Date().toISOString(), { visibility: this.visibility, parameterLookups: this.parameterLookups, ...ns }) };
    }
    return this.cached.snap;
  }

  subscribe(listener: (s: ClusterSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async refresh(): Promise<void> {
    // Only start over when the API server answers: while it is down, the running watches keep
    // what was read and reconnect by themselves; wiping the store first would lose everything.
    await serverVersion(this.c.client).catch((err: unknown) => {
      // a locked-down /version (403/404) is an answer; 5xx, 401 and connection errors are not
      if (isApiError(err) && (err.code === 403 || err.code === 404)) return undefined;
      throw connectionError(err, this.c.loaded.server, this.c.loaded.context) ?? err;
    });
    await this.stopWatchers();
    for (const k of Object.keys(this.visibility) as Kind[]) this.store.clear(k);
    this.setState('connecting');
    await this.start();
    await this.pending;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.generation++;
    for (const t of [this.notifyTimer, this.staleTimer, ...this.refTimers.values(), ...this.retryTimers.values()]) if (t) clearTimeout(t);
    if (this.rereadTimer) clearInterval(this.rereadTimer);
    this.listeners.clear();
    await this.stopWatchers();
    this.c.client.destroy();
  }

  contexts(): string[] {
    return listContexts(this.opts.kubeconfig ? { kubeconfig: this.opts.kubeconfig } : {}).contexts;
  }

  // ------------------------------------------------------------------ internals

  private apply(reads: readonly KindRead[]): void {
    for (const r of reads) {
      this.visibility[r.def.kind] = r.visibility;
      if (r.visibility.state === 'failed') this.retryFailed(r.def, 0);
      for (const l of r.lists) {
        this.store.replace(r.def.kind, l.scope, l.result.items);
        this.watch(r, l.scope, l.namespace, l.result.resourceVersion);
      }
    }
    this.changed();
  }

  /** A kind whose first list failed has no watch yet: list it again, with backoff, until it works. */
  private retryFailed(def: KindRead['def'], attempt: number): void {
    const gen = this.generation;
    const start = this.opts.watch?.backoffStartMs ?? 1000;
    const cap = Math.max(this.opts.watch?.backoffCapMs ?? 30_000, start);
    const delay = Math.min(start * 2 ** attempt, cap) * (0.75 + Math.random() / 2);
    const t = setTimeout(() => {
      this.retryTimers.delete(def.kind);
      if (gen !== this.generation || this.closed) return;
      void readerFor(this.c, this.opts)
        .readKind(def)
        .then((again) => {
          if (gen !== this.generation || this.closed) return;
          if (again.visibility.state === 'failed') this.retryFailed(def, attempt + 1);
          else this.apply([again]);
        });
    }, delay);
    t.unref();
    clearTimeout(this.retryTimers.get(def.kind));
    this.retryTimers.set(def.kind, t);
  }

  private watch(r: KindRead, scope: string, namespace: string | undefined, rv: string): void {
    const kind = r.def.kind;
    const w: ResourceWatcher = new ResourceWatcher(
      this.c.client,
      r.def,
      namespace,
      rv,
      {
        onEvent: (type, o) => {
          if (type === 'DELETED') this.store.remove(kind, scope, o);
          else this.store.upsert(kind, scope, o);
          if (kind === 'Ingress' || kind === 'Gateway') this.refsMayHaveChanged('secrets', () => this.secretRefsNow(), () => this.secretRefs, (r) => this.loadSecrets(r));
          if (kind === 'IngressClass') this.refsMayHaveChanged('parameters', () => this.parameterRefsNow(), () => this.parameterRefs, (r) => this.loadParameters(r));
          this.changed();
        },
        onRelist: (res) => {
          this.store.replace(kind, scope, res.items);
          this.changed();
        },
        onConnected: () => {
          if (this.failing.delete(w)) this.updateConnState();
        },
        onError: () => {
          if (!this.failing.has(w)) this.failing.set(w, Date.now());
          this.updateConnState();
        },
      },
      { ...this.opts.watch, ...(prefersAnyVersion(this.c.source.serverVersion) ? { anyVersion: true } : {}) },
    );
    this.watchers.push(w);
  }

  private async stopWatchers(): Promise<void> {
    const ws = this.watchers;
    this.watchers = [];
    this.failing.clear();
    await Promise.all(ws.map((w) => w.stop()));
  }

  private async loadSecrets(reader: ClusterReader): Promise<void> {
    const ingresses = this.store.list('Ingress') as Ingress[];
    const gateways = this.store.list('Gateway') as Gateway[];
    this.secretRefs = this.secretRefsNow();
    const res = await reader.readSecrets(ingresses, gateways);
    this.store.replace('Secret', '', res.secrets);
    this.visibility.Secret = res.visibility;
    this.changed();
  }

  private secretRefsNow(): string {
    return JSON.stringify(referencedSecrets(this.store.list('Ingress') as Ingress[], this.store.list('Gateway') as Gateway[]));
  }

  private parameterRefsNow(): string {
    return JSON.stringify([...referencedParameters(this.store.list('IngressClass') as IngressClass[]).keys()]);
  }

  /**
   * Secrets and IngressClass parameters are fetched by name, not watched: when the objects that
   * name them change, read them again if the set of names changed (at most once a second).
   */
  private refsMayHaveChanged(what: 'secrets' | 'parameters', now: () => string, last: () => string, load: (r: ClusterReader) => Promise<void>): void {
    if (this.refTimers.has(what)) return;
    const t = setTimeout(() => {
      this.refTimers.delete(what);
      if (this.closed || now() === last()) return;
      load(readerFor(this.c, this.opts)).catch(() => undefined);
    }, 1000);
    this.refTimers.set(what, t);
  }

  private async loadParameters(reader: ClusterReader): Promise<void> {
    const classes = this.store.list('IngressClass') as IngressClass[];
    this.parameterRefs = this.parameterRefsNow();
    this.parameterLookups = await reader.readIngressClassParameters(classes);
    this.metaVersion++;
    this.changed();
  }

  /**
   * Secrets and IngressClass parameters are read by name, not watched (never list Secrets):
   * read them again every rereadMs while live, so a deleted Secret or a created parameters
   * object shows up without `r`. A few GETs per period.
   */
  private rereadByName(): void {
    if (this.rereadTimer || this.closed) return;
    this.rereadTimer = setInterval(() => {
      if (this.closed || this.state !== 'live') return;
      const reader = readerFor(this.c, this.opts);
      this.loadSecrets(reader)
        .then(() => this.loadParameters(reader))
        .catch(() => undefined);
    }, this.opts.rereadMs ?? 30_000);
    this.rereadTimer.unref();
  }

  private staleSince(): number | undefined {
    return this.failing.size > 0 ? Math.min(...this.failing.values()) : undefined;
  }

  /** reconnecting while watches fail; stale once that lasts longer than staleAfterMs */
  private updateConnState(): void {
    if (this.state === 'connecting') return;
    const since = this.staleSince();
    if (since === undefined) return this.setState('live');
    const staleAfter = this.opts.staleAfterMs ?? 30_000;
    if (Date.now() - since >= staleAfter) return this.setState('stale');
    this.setState('reconnecting');
    if (!this.staleTimer) {
      this.staleTimer = setTimeout(() => {
        this.staleTimer = undefined;
        this.updateConnState();
      }, staleAfter - (Date.now() - since));
    }
  }

  private setState(s: NonNullable<SnapshotSource['state']>): void {
    if (this.state === s) return;
    this.state = s;
    this.metaVersion++;
    this.changed();
  }

  /** Coalesce changes: listeners get at most one snapshot per throttle window. */
  private changed(): void {
    this.metaVersion++;
    if (this.notifyTimer || this.closed || this.listeners.size === 0) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      const snap = this.current();
      for (const l of this.listeners) l(snap);
    }, this.opts.throttleMs ?? 250);
  }
}
