// A small stand-in for kube-apiserver on 127.0.0.1, speaking the real response shapes:
// Lists with metadata.resourceVersion/continue, Status objects for errors, watch streams
// of {type, object} lines with BOOKMARKs. It tests client logic, not Kubernetes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Json = Record<string, unknown>;

export interface WatchConn {
  plural: string;
  namespace?: string;
  query: URLSearchParams;
  send(type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR', object: Json): void;
  end(): void;
}

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
}

const GROUPS = ['apps/v1', 'discovery.k8s.io/v1', 'networking.k8s.io/v1', 'authorization.k8s.io/v1'];

export function status(code: number, reason: string, message: string): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export class FakeApiServer {
  readonly server: http.Server;
  url = '';
  rv = 100;
  /** items per plural; namespaced items carry metadata.namespace */
  readonly items = new Map<string, Json[]>();
  /** group versions served besides the defaults (e.g. gateway.networking.k8s.io/v1) */
  gatewayVersions: Record<string, string[]> = {};
  /** plurals whose cluster-wide LIST is forbidden */
  readonly forbiddenClusterWide = new Set<string>();
  /** "plural" or "plural/namespace" forbidden entirely */
  readonly forbidden = new Set<string>();
  /** SelfSubjectRulesReview answers per namespace */
  readonly rules = new Map<string, ResourceRule[]>();
  readonly secrets = new Map<string, Json>();
  readonly forbiddenSecrets = new Set<string>();
  /** answer this many items per page even when limit is larger/smaller (undefined: honour limit) */
  pageSizeOverride: number | undefined;
  /** continue tokens that answer 410 Expired once */
  readonly expireTokens = new Set<string>();
  /** called for each watch request; default: keep it open */
  onWatch: (w: WatchConn) => void = () => undefined;
  /** plural → how many more LISTs of it answer 500 (an etcd timeout, say) */
  readonly failingLists = new Map<string, number>();
  /** answer every request with this status (e.g. 401) */
  failAll: { code: number; reason: string } | undefined;
  readonly log: string[] = [];
  gitVersion = 'v1.34.1';
  /** TCP connections accepted (keep-alive check) */
  connections = 0;
  private readonly open = new Set<http.ServerResponse>();

  /** with `tls`, serve HTTPS with that certificate (PEM) */
  constructor(private readonly tls?: { key: string; cert: string }) {
    this.server = tls ? https.createServer(tls, (req, res) => this.handle(req, res)) : http.createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<this> {
    this.server.on(this.tls ? 'secureConnection' : 'connection', () => this.connections++);
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const r of this.open) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  add(plural: string, obj: Json): Json {
    const meta = (obj.metadata ?? {}) as Json;
    meta.resourceVersion = String(++this.rv);
    meta.uid ??= `uid-${String(meta.namespace ?? '')}-${String(meta.name)}`;
    obj.metadata = meta;
    const list = this.items.get(plural) ?? [];
    list.push(obj);
    this.items.set(plural, list);
    return obj;
  }

  /** Write a kubeconfig pointing at this server; returns its path. HTTPS: trusts `ca` if given. */
  kubeconfig(opts: { ca?: string } = {}): string {
    const tlsLines = !this.tls ? 'insecure-skip-tls-verify: true' : opts.ca ? `certificate-authority-data: ${Buffer.from(opts.ca).toString('base64')}` : 'tls-server-name: 127.0.0.1';
    const dir = mkdtempSync(join(tmpdir(), 'kx-kc-'));
    const file = join(dir, 'config');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: ${this.url}
    ${tlsLines}
users:
- name: dev
  user:
    token: secret-token
contexts:
- name: fake
  context: {cluster: fake, user: dev}
current-context: fake
`,
    );
    return file;
  }

  private json(res: http.ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.log.push(`${req.method ?? ''} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== 'Bearer secret-token') return this.json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    if (this.failAll) return this.json(res, this.failAll.code, status(this.failAll.code, this.failAll.reason, this.failAll.reason));
    if (req.method === 'POST') return this.review(req, res, url.pathname);
    if (req.method !== 'GET') return this.json(res, 405, status(405, 'MethodNotAllowed', 'no'));
    const p = url.pathname;
    if (p === '/version') return this.json(res, 200, { major: '1', minor: '34', gitVersion: this.gitVersion });
    if (p === '/apis') return this.json(res, 200, this.groupList());
    const gw = /^\/apis\/gateway\.networking\.k8s\.io\/(\w+)$/.exec(p);
    if (gw) {
      const names = this.gatewayVersions[gw[1] ?? ''];
      if (!names) return this.json(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return this.json(res, 200, { kind: 'APIResourceList', groupVersion: `gateway.networking.k8s.io/${gw[1] ?? ''}`, resources: names.map((name) => ({ name, namespaced: name !== 'gatewayclasses' })) });
    }
    const sec = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(p);
    if (sec) {
      const key = `${sec[1] ?? ''}/${sec[2] ?? ''}`;
      if (this.forbiddenSecrets.has(key)) return this.json(res, 403, status(403, 'Forbidden', `secrets "${sec[2] ?? ''}" is forbidden: User "dev" cannot get resource "secrets" in API group "" in the namespace "${sec[1] ?? ''}"`));
      const s = this.secrets.get(key);
      return s ? this.json(res, 200, s) : this.json(res, 404, status(404, 'NotFound', `secrets "${sec[2] ?? ''}" not found`));
    }
    const m = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(p);
    if (!m) return this.json(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const ns = m[1];
    const plural = m[2] ?? '';
    if (this.forbidden.has(plural) || (ns && this.forbidden.has(`${plural}/${ns}`)) || (!ns && this.forbiddenClusterWide.has(plural))) {
      return this.json(res, 403, status(403, 'Forbidden', `${plural} is forbidden: User "dev" cannot list resource "${plural}" at the cluster scope`));
    }
    if (url.searchParams.get('watch') === 'true') return this.watch(res, plural, ns, url.searchParams);
    const failing = this.failingLists.get(plural) ?? 0;
    if (failing > 0) {
      this.failingLists.set(plural, failing - 1);
      return this.json(res, 500, status(500, 'InternalError', 'etcdserver: request timed out'));
    }
    this.list(res, plural, ns, url.searchParams);
  }

  private groupList(): Json {
    const groups = new Map<string, string[]>();
    for (const gv of GROUPS) {
      const [g = '', v = ''] = gv.split('/');
      groups.set(g, [...(groups.get(g) ?? []), v]);
    }
    if (Object.keys(this.gatewayVersions).length > 0) groups.set('gateway.networking.k8s.io', Object.keys(this.gatewayVersions));
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, vs]) => ({ name, versions: vs.map((version) => ({ groupVersion: `${name}/${version}`, version })), preferredVersion: { groupVersion: `${name}/${vs[0] ?? ''}`, version: vs[0] } })),
    };
  }

  private list(res: http.ServerResponse, plural: string, ns: string | undefined, q: URLSearchParams): void {
    let all = (this.items.get(plural) ?? []).filter((o) => ns === undefined || (o.metadata as Json).namespace === ns);
    if (q.get('fieldSelector') === 'type!=Normal') all = all.filter((o) => o.type !== 'Normal');
    const token = q.get('continue') ?? '';
    if (token && this.expireTokens.delete(token)) {
      return this.json(res, 410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'));
    }
    const offset = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
    const limit = this.pageSizeOverride ?? (Number(q.get('limit') ?? '0') || all.length);
    const page = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
    // Real list items carry no kind/apiVersion.
    const items = page.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
    this.json(res, 200, { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv), ...(next ? { continue: next, remainingItemCount: all.length - offset - limit } : {}) }, items });
  }

  private watch(res: http.ServerResponse, plural: string, ns: string | undefined, query: URLSearchParams): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    const conn: WatchConn = {
      plural,
      query,
      send: (type, object) => res.write(`${JSON.stringify({ type, object })}\n`),
      end: () => res.end(),
    };
    if (ns !== undefined) conn.namespace = ns;
    this.onWatch(conn);
  }

  private review(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = JSON.parse(body) as { kind: string; spec: { namespace?: string; resourceAttributes?: { namespace: string; resource: string } } };
      if (path.endsWith('/selfsubjectrulesreviews')) {
        const rules = this.rules.get(r.spec.namespace ?? '') ?? [];
        return this.json(res, 201, { ...r, status: { resourceRules: rules, nonResourceRules: [], incomplete: false } });
      }
      if (path.endsWith('/selfsubjectaccessreviews')) return this.json(res, 201, { ...r, status: { allowed: false } });
      this.json(res, 404, status(404, 'NotFound', 'no'));
    });
  }
}

export const meta = (name: string, namespace?: string, extra: Json = {}): Json => ({ name, ...(namespace ? { namespace } : {}), ...extra });
