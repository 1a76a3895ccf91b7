// Dial the targets from this machine: one attempt each, at most 8 dials at a time (§11.1).
import { X509Certificate } from 'node:crypto';
import type net from 'node:net';
import { probeBackend, type ForbiddenNamespaces } from './backend-probe.js';
import { healthAnswer, httpAnswer, servedCert } from './classify.js';
import { classifyError, connect, errorDetail, get, handshake, hostLiteral } from './dial.js';
import type { Phase, PodProxy, ProbeOptions, ProbeResult, ProbeTarget } from './types.js';

export const MAX_CONCURRENCY = 8;

interface Settings {
  connectMs: number;
  ioMs: number;
  podProxy?: PodProxy;
  forbidden: ForbiddenNamespaces;
}

/** Host header: the rule host, else the address itself (with a non-default port). */
function hostHeader(t: ProbeTarget & { serverName?: string }, defaultPort: number): string {
  if (t.serverName) return t.serverName;
  const h = hostLiteral(t.host);
  return t.port === defaultPort ? h : `${h}:${t.port}`;
}

async function probeOne(t: ProbeTarget, o: Settings, at: string): Promise<ProbeResult> {
  const start = performance.now();
  const done = (r: Omit<ProbeResult, 'target' | 'ms' | 'at'>): ProbeResult => ({ target: t, at, ms: Math.round(performance.now() - start), ...r });
  if (t.kind === 'unprobeable') return done({ outcome: 'not-probed', detail: `${t.protocol} cannot be verified with a TCP probe` });
  // the API server dials the pod, not us: one bounded GET through its proxy
  if (t.kind === 'backend-via-apiserver') return done(await probeBackend(t, o.podProxy, o.ioMs, o.forbidden));
  let phase: Phase = 'connect';
  const sockets: net.Socket[] = [];
  try {
    const sock = await connect(t.host, t.port, o.connectMs);
    sockets.push(sock);
    switch (t.kind) {
      case 'nodeport-tcp':
        return done({ outcome: 'open' });
      case 'healthcheck-nodeport':
        phase = 'http';
        return done({ outcome: 'open', health: healthAnswer(await get(sock, hostHeader(t, 80), '/healthz', o.ioMs)) });
      case 'tls-served-cert': {
        phase = 'tls';
        const ts = await handshake(sock, t.serverName, o.ioMs);
        sockets.push(ts);
        const raw = ts.getPeerCertificate();
        if (!raw.raw) return done({ outcome: 'error', phase, detail: 'no certificate served' });
        return done({ outcome: 'open', cert: servedCert(new X509Certificate(raw.raw), t.ruleHost, t.serverName) });
      }
      case 'ingress-http': {
        let conn: net.Socket = sock;
        if (t.scheme === 'https') {
          phase = 'tls';
          conn = await handshake(sock, t.serverName, o.ioMs);
          sockets.push(conn);
        }
        phase = 'http';
        return done({ outcome: 'open', http: httpAnswer(await get(conn, hostHeader(t, t.scheme === 'https' ? 443 : 80), t.path, o.ioMs)) });
      }
      default: {
        const never: never = t;
        return never;
      }
    }
  } catch (err) {
    return done({ outcome: classifyError(err), phase, detail: errorDetail(err) });
  } finally {
    // outermost first: destroying a socket under a live TLS wrap crashes Node 24 (SIGSEGV)
    for (const s of sockets.reverse()) s.destroy();
  }
}

function isoTime(now: ProbeOptions['now']): string {
  if (now === undefined) return new Date().toISOString();
  return new Date(now).toISOString();
}

/** Results in the order of the targets. */
export async function runProbes(targets: ProbeTarget[], opts: ProbeOptions = {}): Promise<ProbeResult[]> {
  const o: Settings = { connectMs: opts.connectTimeoutMs ?? 2000, ioMs: opts.ioTimeoutMs ?? 5000, forbidden: new Set(), ...(opts.podProxy ? { podProxy: opts.podProxy } : {}) };
  const width = Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(opts.concurrency ?? MAX_CONCURRENCY)));
  const at = isoTime(opts.now);
  const results = new Array<ProbeResult>(targets.length);
  let next = 0;
  // a tiny semaphore: `width` workers pull the next target until none is left
  const worker = async (): Promise<void> => {
    for (let i = next++; i < targets.length; i = next++) {
      const t = targets[i];
      if (t) results[i] = await probeOne(t, o, at);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, targets.length) }, worker));
  return results;
}
