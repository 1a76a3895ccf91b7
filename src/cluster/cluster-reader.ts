// Initial read of every kind, with what could not be seen recorded per kind.
// Order (perf.md §6): Namespaces first (the RBAC fallback needs them), then the kinds the
// exposure graph needs, then Secrets by name; Pods, Events and workloads in a second phase.
import { slim } from '../model/slim.js';
import type { AnyObject, Gateway, Ingress, IngressClass, KindVisibility, ParameterLookup, Secret } from '../model/types.js';
import { isApiError, type ApiClient } from './api-client.js';
import { isServed, type Discovery } from './discovery.js';
import { listAll, type ListResult } from './list-watch.js';
import { lookupParameters } from './parameters.js';
import { AccessChecker, mapLimit } from './rbac.js';
import { CORE_RESOURCES, ENDPOINTS_RESOURCE, type ResourceDef } from './resources.js';
import { fetchSecrets, referencedSecrets } from './secrets.js';

/** One successful LIST: `scope` is its namespace, or '' when cluster-wide. */
export interface ScopedList {
  scope: string;
  namespace?: string;
  result: ListResult;
}

export interface KindRead {
  def: ResourceDef;
  visibility: KindVisibility;
  lists: ScopedList[];
}

export interface ReadContext {
  client: ApiClient;
  discovery: Discovery;
  /** -n: every namespaced list is scoped to it */
  namespace?: string;
  /** the context's namespace: the RBAC fallback's last resort */
  contextNamespace?: string;
  timeoutMs?: number;
  /** list with resourceVersion=0 (servers before 1.31 read unset-RV lists from etcd) */
  anyVersion?: boolean;
}

const LIST_CONCURRENCY = 6;
const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

export class ClusterReader {
  private readonly access: AccessChecker;
  private namespaceNames: string[] | undefined;

  constructor(private readonly ctx: ReadContext) {
    this.access = new AccessChecker(ctx.client);
  }

  /** Namespaces, then the graph kinds (+ Endpoints if slices are not visible). */
  async readPrimary(): Promise<KindRead[]> {
    const defs = [...CORE_RESOURCES.filter((d) => !d.background), ...this.ctx.discovery.gatewayResources];
    const nsDef = defs.find((d) => d.kind === 'Namespace');
    const nsRead = nsDef ? await this.readKind(nsDef) : undefined;
    if (nsRead?.visibility.state === 'visible') this.namespaceNames = nsRead.lists.flatMap((l) => l.result.items.map((o) => o.metadata.name));
    const rest = await mapLimit(
      defs.filter((d) => d !== nsDef),
      LIST_CONCURRENCY,
      (d) => this.readKind(d),
    );
    const reads = nsRead ? [nsRead, ...rest] : rest;
    const slices = reads.find((r) => r.def.kind === 'EndpointSlice');
    const slicesRead = slices?.visibility.state === 'visible' || (this.ctx.namespace !== undefined && slices?.visibility.state === 'partial');
    if (!slicesRead) reads.push(await this.readKind(ENDPOINTS_RESOURCE));
    return reads;
  }

  async readBackground(): Promise<KindRead[]> {
    return mapLimit(
      CORE_RESOURCES.filter((d) => d.background),
      LIST_CONCURRENCY,
      (d) => this.readKind(d),
    );
  }

  /** GET kube-system/kube-proxy (its nodePortAddresses decide which node addresses answer NodePorts). */
  async readKubeProxyConfig(): Promise<{ objects: AnyObject[]; visibility: KindVisibility }> {
    try {
      const raw = await this.ctx.client.getJson('/api/v1/namespaces/kube-system/configmaps/kube-proxy', this.ctx.timeoutMs !== undefined ? { idleTimeoutMs: this.ctx.timeoutMs } : {});
      const o = slim(raw, 'ConfigMap');
      return { objects: o ? [o] : [], visibility: { state: 'visible' } };
    } catch (err) {
      if (isApiError(err, 404)) return { objects: [], visibility: { state: 'visible' } };
      if (isApiError(err, 403)) return { objects: [], visibility: { state: 'forbidden', message: 'get configmaps/kube-proxy in kube-system' } };
      return { objects: [], visibility: { state: 'failed', message: err instanceof Error ? err.message : String(err) } };
    }
  }

  /** Look up the objects IngressClass spec.parameters name (discovery, then GET by name). */
  async readIngressClassParameters(classes: readonly IngressClass[]): Promise<ParameterLookup[]> {
    return lookupParameters(this.ctx.client, classes, this.ctx.discovery.groupVersions, this.ctx.timeoutMs);
  }

  /** GET the Secrets that the listed Ingresses and Gateways name. */
  async readSecrets(ingresses: readonly Ingress[], gateways: readonly Gateway[]): Promise<{ secrets: Secret[]; visibility: KindVisibility }> {
    return fetchSecrets(this.ctx.client, referencedSecrets(ingresses, gateways), this.ctx.timeoutMs);
  }

  async readKind(d: ResourceDef): Promise<KindRead> {
    if (!isServed(d, this.ctx.discovery)) return { def: d, visibility: { state: 'not-installed', message: `${d.group || 'core'}/${d.version} is not served` }, lists: [] };
    const ns = d.namespaced ? this.ctx.namespace : undefined;
    try {
      const lists = [await this.list(d, ns)];
      // -n reads one namespace: objects elsewhere (a Gateway in gateway-infra, a backend in
      // another namespace) are unknown, never "does not exist"
      if (ns !== undefined) return { def: d, visibility: { state: 'partial', namespaces: [ns], message: `listed in namespace ${ns} only (-n)` }, lists };
      return { def: d, visibility: { state: 'visible' }, lists };
    } catch (err) {
      if (isApiError(err, 403)) return d.namespaced && ns === undefined ? this.readPerNamespace(d, err.message) : { def: d, visibility: { state: 'forbidden', message: err.message }, lists: [] };
      if (isApiError(err, 404)) return { def: d, visibility: { state: 'not-installed', message: err.message }, lists: [] };
      return { def: d, visibility: { state: 'failed', message: firstLine(err) }, lists: [] };
    }
  }

  private async list(d: ResourceDef, namespace: string | undefined): Promise<ScopedList> {
    const result = await listAll(this.ctx.client, d, namespace, { ...(this.ctx.timeoutMs ? { timeoutMs: this.ctx.timeoutMs } : {}), ...(this.ctx.anyVersion ? { anyVersion: true } : {}) });
    return namespace === undefined ? { scope: '', result } : { scope: namespace, namespace, result };
  }

  /** Cluster-wide LIST was forbidden: list in each namespace the user may read. */
  private async readPerNamespace(d: ResourceDef, forbiddenMessage: string): Promise<KindRead> {
    const candidates = this.namespaceNames ?? [this.ctx.contextNamespace ?? 'default'];
    const allowed = (await mapLimit(candidates, 8, async (ns) => ((await this.access.canList(d, ns)) ? ns : undefined))).filter((ns): ns is string => ns !== undefined);
    const lists: ScopedList[] = [];
    await mapLimit(allowed, LIST_CONCURRENCY, async (ns) => {
      try {
        lists.push(await this.list(d, ns));
      } catch {
        // a review that said yes but a list that fails: that namespace stays unseen
      }
    });
    if (lists.length === 0) return { def: d, visibility: { state: 'forbidden', message: forbiddenMessage }, lists: [] };
    const namespaces = lists.map((l) => l.scope).sort();
    const of = this.namespaceNames ? ` of ${this.namespaceNames.length}` : '';
    return { def: d, visibility: { state: 'partial', namespaces, message: `cluster-wide list forbidden; listed in ${namespaces.length}${of} namespaces` }, lists };
  }
}
