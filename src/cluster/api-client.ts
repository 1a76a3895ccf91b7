// Raw HTTP(S) requests to the API server over the kubeconfig's auth (client-node computes
// headers, client certificates, exec/OIDC tokens and the agent; we issue the request).
// Why not the generated APIs: they buffer whole bodies into one string, turn timestamps into
// Date and walk every object through ObjectSerializer (perf.md §3.2). Bodies stay streams here.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { KubeConfig } from '@kubernetes/client-node';

/** A non-2xx answer from the API server, with the Status object's reason when there was one. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The kubeconfig's credentials could not be prepared (exec plugin failed, cert file missing …). */
export class AuthSetupError extends Error {
  /** Which credential failed, so the hint can name what to fix. */
  readonly via: 'exec' | 'oidc' | 'other';
  readonly issuer: string | undefined;
  constructor(message: string, options?: { cause?: unknown; via?: 'exec' | 'oidc' | 'other'; issuer?: string }) {
    super(message, options);
    this.name = 'AuthSetupError';
    this.via = options?.via ?? 'other';
    this.issuer = options?.issuer;
  }
}

export const isApiError = (err: unknown, code?: number): err is ApiError => err instanceof ApiError && (code === undefined || err.code === code);

export interface RequestOptions {
  /** abort when no byte arrives for this long (ms) */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
}

// The only non-GET requests kexplore may send: creating access reviews, which
// `kubectl auth can-i` does too and which change nothing in the cluster.
const REVIEW_PATH = /^\/apis\/authorization\.k8s\.io\/v1\/self(subjectaccessreviews|subjectrulesreviews)$/;

const LOOPBACK = /^(127\.|\[?::1\]?$|localhost$)/;

export class ApiClient {
  readonly server: string;
  private readonly gzip: boolean;
  private readonly agents = new Map<string, https.Agent>();

  constructor(
    private readonly kc: KubeConfig,
    server: string,
    private readonly defaultTimeoutMs = 30_000,
  ) {
    this.server = server.replace(/\/+$/, '');
    // gzip pays off over real networks; on loopback it only costs CPU on both sides.
    this.gzip = !LOOPBACK.test(new URL(this.server).hostname);
  }

  /** GET a path and return the (decompressed) body stream; rejects with ApiError on non-2xx. */
  async stream(path: string, opts: RequestOptions = {}): Promise<Readable> {
    return this.send('GET', path, undefined, opts);
  }

  async getJson(path: string, opts: RequestOptions = {}): Promise<unknown> {
    return parseJson(await readAll(await this.stream(path, opts)), path);
  }

  /** POST a SelfSubjectAccessReview / SelfSubjectRulesReview (read-only in effect). */
  async createReview(path: string, body: unknown, opts: RequestOptions = {}): Promise<unknown> {
    if (!REVIEW_PATH.test(path)) throw new Error(`refusing non-GET request to ${path}`);
    return parseJson(await readAll(await this.send('POST', path, JSON.stringify(body), opts)), path);
  }

  /**
   * client-node's https.Agent does not keep connections alive, so every page of a list
   * would pay a new TLS handshake. Same TLS material as client-node computed, pooled;
   * keyed by that material so rotated exec-plugin client certificates get a new pool.
   */
  private keepAliveAgent(o: https.RequestOptions): https.Agent {
    const key = JSON.stringify([o.ca, o.cert, o.key, o.pfx, o.passphrase, o.rejectUnauthorized, o.servername].map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new https.Agent({ keepAlive: true, ca: o.ca, cert: o.cert, key: o.key, pfx: o.pfx, passphrase: o.passphrase, servername: o.servername, ...(o.rejectUnauthorized !== undefined ? { rejectUnauthorized: o.rejectUnauthorized } : {}) });
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** Close pooled connections (live source close). */
  destroy(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }

  /**
   * GET a path and return its status with at most `maxBytes` of the body, whatever the status
   * (the pod proxy relays the app's own 404 or 500). Rejects only when no answer came in
   * `timeoutMs` (code ETIMEDOUT) or the connection failed.
   */
  async peek(path: string, opts: { maxBytes: number; timeoutMs: number }): Promise<{ status: number; body: string }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(Object.assign(new Error(`no answer from ${this.server} within ${opts.timeoutMs} ms`), { code: 'ETIMEDOUT' })), opts.timeoutMs);
    try {
      const res = await this.open('GET', path, undefined, { idleTimeoutMs: opts.timeoutMs, signal: abort.signal });
      // an app may stream forever: read the head, then hang up
      const body = await readHead(res.body, opts.maxBytes).catch(() => '');
      res.body.destroy();
      return { status: res.status, body };
    } catch (err) {
      throw abort.signal.aborted ? abort.signal.reason : err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(method: 'GET' | 'POST', path: string, body: string | undefined, opts: RequestOptions): Promise<Readable> {
    const res = await this.open(method, path, body, opts);
    if (res.status >= 200 && res.status < 300) return res.body;
    let text: string;
    try {
      text = await readAll(res.body, 64 * 1024);
    } catch {
      throw new ApiError(res.status, undefined, `${method} ${path}: HTTP ${res.status}`);
    }
    throw statusError(res.status, text, method, path);
  }

  /** Issue the request; resolve with the status and the (decompressed) body stream, any status. */
  private async open(method: 'GET' | 'POST', path: string, body: string | undefined, opts: RequestOptions, retried = false): Promise<{ status: number; body: Readable }> {
    const base: https.RequestOptions = {};
    try {
      await this.kc.applyToHTTPSOptions(base); // per request: exec/OIDC tokens refresh themselves
    } catch (err) {
      const user = this.kc.getCurrentUser();
      const oidc = user?.authProvider?.name === 'oidc';
      const via = user?.exec ? 'exec' : oidc ? 'oidc' : 'other';
      const issuer = oidc ? (user?.authProvider?.config?.['idp-issuer-url'] as string | undefined) : undefined;
      throw new AuthSetupError((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '', { cause: err, via, ...(issuer ? { issuer } : {}) });
    }
    const url = new URL(this.server + path);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'kexplore' };
    for (const [k, v] of Object.entries(base.headers ?? {})) if (typeof v === 'string') headers[k] = v;
    if (this.gzip) headers['Accept-Encoding'] = 'gzip';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const mod = url.protocol === 'http:' ? http : https;
    if (mod === https && !this.kc.getCurrentCluster()?.proxyUrl) base.agent = this.keepAliveAgent(base);
    const idle = opts.idleTimeoutMs ?? this.defaultTimeoutMs;
    return new Promise<{ status: number; body: Readable }>((resolve, reject) => {
      const req = mod.request(url, { ...base, method, headers, ...(opts.signal ? { signal: opts.signal } : {}) }, (res) => {
        const decoded: Readable = res.headers['content-encoding'] === 'gzip' ? res.pipe(createGunzip()) : res;
        if (decoded !== res) res.on('error', (e) => decoded.destroy(e));
        resolve({ status: res.statusCode ?? 0, body: decoded });
      });
      req.setTimeout(idle, () => req.destroy(Object.assign(new Error(`no response from ${this.server} within ${idle} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A pooled connection the server closed while idle: retry once on a fresh one (Node docs' pattern).
        if (req.reusedSocket && err.code === 'ECONNRESET' && !retried) resolve(this.open(method, path, body, opts, true));
        else reject(err);
      });
      req.end(body);
    });
  }
}

/** Build an ApiError from a Kubernetes Status body (or plain text). */
function statusError(code: number, text: string, method: string, path: string): ApiError {
  try {
    const s = JSON.parse(text) as { reason?: unknown; message?: unknown };
    const reason = typeof s.reason === 'string' ? s.reason : undefined;
    const msg = typeof s.message === 'string' ? s.message : `HTTP ${code}`;
    return new ApiError(code, reason, msg);
  } catch {
    return new ApiError(code, undefined, `${method} ${path}: HTTP ${code} ${text.slice(0, 200).trim()}`);
  }
}

/** Read a whole (small) stream as text; `cap` bounds memory for error bodies. */
export async function readAll(stream: Readable, cap = Infinity): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    if (n < cap) parts.push(b);
    n += b.length;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The first `max` bytes of a stream as text; stops reading there. */
async function readHead(stream: Readable, max: number): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    parts.push(b);
    n += b.length;
    if (n >= max) break;
  }
  return Buffer.concat(parts).subarray(0, max).toString('utf8');
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`invalid JSON from ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
