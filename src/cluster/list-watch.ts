// Paginated LIST and resumable WATCH of one resource, with every object projected by
// slim() as it arrives (list items carry no `kind`; the definition supplies it).
import { slim } from '../model/slim.js';
import type { AnyObject } from '../model/types.js';
import { isApiError, type ApiClient } from './api-client.js';
import { LineSplitter, ListSplitter } from './json-stream.js';
import { collectionPath, type ResourceDef } from './resources.js';

export const PAGE_LIMIT = 500;

export interface ListResult {
  items: AnyObject[];
  resourceVersion: string;
  pages: number;
  /** the server sent more than `limit` items in one page (it may ignore limit, perf.md §2.3) */
  ignoredLimit: boolean;
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return q.toString();
}

export interface ListOptions {
  limit?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * resourceVersion=0 ("Any": served from the watch cache, possibly slightly stale, which a
   * following watch corrects). For servers before 1.31, where an unset RV reads from etcd.
   */
  anyVersion?: boolean;
}

/**
 * LIST all pages. By default resourceVersion stays unset: a consistent read, served from the
 * watch cache on ≥1.31 and honouring `limit`. RV=0 may make the server ignore `limit`
 * (perf.md §2.3); pages are parsed incrementally, so even then no huge string is built.
 * An expired continue token (410) restarts the list once from the beginning.
 */
export async function listAll(client: ApiClient, d: ResourceDef, namespace: string | undefined, opts: ListOptions = {}): Promise<ListResult> {
  const limit = opts.limit ?? PAGE_LIMIT;
  for (let attempt = 0; ; attempt++) {
    try {
      return await listPages(client, d, namespace, limit, opts);
    } catch (err) {
      if (attempt === 0 && isApiError(err, 410)) continue;
      throw err;
    }
  }
}

async function listPages(client: ApiClient, d: ResourceDef, namespace: string | undefined, limit: number, opts: ListOptions): Promise<ListResult> {
  const items: AnyObject[] = [];
  let token: string | undefined;
  let resourceVersion = '';
  let pages = 0;
  let ignoredLimit = false;
  const seenTokens = new Set<string>();
  do {
    const path = `${collectionPath(d, namespace)}?${query({ limit: String(limit), continue: token, resourceVersion: opts.anyVersion && token === undefined ? '0' : undefined, fieldSelector: d.fieldSelector })}`;
    const splitter = new ListSplitter((raw) => {
      const o = slim(raw, d.kind);
      if (o) items.push(o);
    });
    const body = await client.stream(path, { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.timeoutMs ? { idleTimeoutMs: opts.timeoutMs } : {}) });
    for await (const chunk of body) splitter.push(chunk as Buffer);
    const env = splitter.end();
    pages++;
    if (splitter.itemCount > limit) ignoredLimit = true;
    resourceVersion = env.metadata?.resourceVersion ?? resourceVersion;
    token = env.metadata?.continue || undefined;
    if (token !== undefined) {
      if (seenTokens.has(token)) throw new Error(`${d.plural}: the server repeated a continue token`);
      seenTokens.add(token);
    }
  } while (token !== undefined);
  return { items, resourceVersion, pages, ignoredLimit };
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchHandlers {
  onEvent(type: WatchEventType, obj: AnyObject): void;
  /** a fresh list replaced the state (after 410 Gone) */
  onRelist(result: ListResult): void;
  /** connected and streaming */
  onConnected(): void;
  /** the connection failed; the watcher retries after `retryInMs` */
  onError(err: unknown, retryInMs: number): void;
}

export interface WatchOptions {
  timeoutSeconds?: number;
  backoffStartMs?: number;
  backoffCapMs?: number;
  /** 0..1, injectable for tests */
  random?: () => number;
  /** list with resourceVersion=0 when relisting (old servers, see ListOptions) */
  anyVersion?: boolean;
}

interface WatchEvent {
  type?: string;
  object?: { metadata?: { resourceVersion?: string }; code?: number; reason?: string; message?: string };
}

/** An ERROR event in the watch stream (e.g. 410 Expired: resourceVersion too old). */
class WatchStatusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * WATCH from a resourceVersion, forever, until stop(): bookmarks advance the RV on quiet
 * resources, the server ends each watch after timeoutSeconds (with jitter, so watches do not
 * reconnect in lockstep) and we resume from the last RV; 410 → relist; other failures →
 * reconnect with exponential backoff capped at 8 s.
 */
export class ResourceWatcher {
  private stopped = false;
  private abort = new AbortController();
  private sleepTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: ApiClient,
    private readonly d: ResourceDef,
    private readonly namespace: string | undefined,
    private rv: string,
    private readonly h: WatchHandlers,
    private readonly opts: WatchOptions = {},
  ) {
    this.done = this.run();
  }

  get resourceVersion(): string {
    return this.rv;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    const start = this.opts.backoffStartMs ?? 1000;
    // capped at 8 s: after an API server restart the UI should be live again within seconds
    const cap = this.opts.backoffCapMs ?? 8_000;
    let backoff = start;
    while (!this.stopped) {
      try {
        const progressed = await this.watchOnce();
        // A clean end after events or a long connection is the server's timeout: resume now.
        if (progressed) {
          backoff = start;
          continue;
        }
        throw new Error('watch closed without events');
      } catch (err) {
        if (this.stopped) return;
        if (isApiError(err, 410) || (err instanceof WatchStatusError && err.code === 410)) {
          try {
            const fresh = await listAll(this.client, this.d, this.namespace, { signal: this.abort.signal, ...(this.opts.anyVersion ? { anyVersion: true } : {}) });
            this.rv = fresh.resourceVersion;
            this.h.onRelist(fresh);
            backoff = start;
            continue;
          } catch (listErr) {
            if (this.stopped) return;
            err = listErr;
          }
        }
        const wait = Math.round(backoff * (0.8 + 0.4 * (this.opts.random ?? Math.random)()));
        this.h.onError(err, wait);
        await this.sleep(wait);
        backoff = Math.min(backoff * 2, cap);
      }
    }
  }

  /** One watch request; true when it made progress (events, or it lasted a while). */
  private async watchOnce(): Promise<boolean> {
    const base = this.opts.timeoutSeconds ?? 300;
    const timeoutSeconds = Math.round(base * (0.9 + 0.2 * (this.opts.random ?? Math.random)()));
    const q = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true', timeoutSeconds: String(timeoutSeconds), resourceVersion: this.rv });
    if (this.d.fieldSelector) q.set('fieldSelector', this.d.fieldSelector);
    const started = Date.now();
    const body = await this.client.stream(`${collectionPath(this.d, this.namespace)}?${q.toString()}`, {
      signal: this.abort.signal,
      idleTimeoutMs: (timeoutSeconds + 30) * 1000,
    });
    this.h.onConnected();
    let events = 0;
    const lines = new LineSplitter((v) => {
      this.handle(v as WatchEvent);
      events++;
    });
    try {
      for await (const chunk of body) lines.push(chunk as Buffer);
      lines.end();
    } finally {
      body.destroy();
    }
    return events > 0 || Date.now() - started > 5000;
  }

  private handle(ev: WatchEvent): void {
    const obj = ev.object;
    switch (ev.type) {
      case 'ADDED':
      case 'MODIFIED':
      case 'DELETED': {
        const o = slim(obj, this.d.kind);
        if (o?.metadata.resourceVersion) this.rv = o.metadata.resourceVersion;
        if (o) this.h.onEvent(ev.type, o);
        return;
      }
      case 'BOOKMARK': {
        const rv = obj?.metadata?.resourceVersion;
        if (rv) this.rv = rv;
        return;
      }
      case 'ERROR':
        throw new WatchStatusError(obj?.code ?? 500, obj?.message ?? 'watch error');
      default:
        return;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    });
  }
}
