// Dial the targets, from this machine: TCP connect, TLS handshake, HTTP GET without
// redirects or credentials. Bounded concurrency, one attempt per target, direct (no proxy).
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { ProbeTarget } from './targets.js';

export type Outcome = 'open' | 'refused' | 'timeout' | 'unreachable' | 'error';

export interface ProbeResult {
  target: ProbeTarget;
  outcome: Outcome;
  /** HTTP status, when an HTTP request completed */
  status?: number;
  /** served leaf certificate (TLS probes) */
  servedCert?: { subject: string; sans: string[]; validTo: string; fingerprint256: string; fakeIngressCert: boolean; coversHost: boolean };
  /** health-check answer */
  localEndpoints?: number;
  detail?: string;
  ms: number;
}

export interface ProbeOptions {
  connectTimeoutMs?: number;
  ioTimeoutMs?: number;
  concurrency?: number;
}

const FAKE_CN = 'Kubernetes Ingress Controller Fake Certificate';

function classify(err: unknown): Outcome {
  const code = (err as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT' || code === 'KEXPLORE_TIMEOUT') return 'timeout';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'unreachable';
  return 'error';
}

function timeoutError(): Error {
  return Object.assign(new Error('timed out'), { code: 'KEXPLORE_TIMEOUT' });
}

function tcp(host: string, port: number, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(timeoutError());
    }, ms);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.destroy();
      resolve();
    });
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function httpGet(t: ProbeTarget, o: Required<ProbeOptions>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'user-agent': 'kexplore-probe', ...(t.serverName ? { host: t.serverName } : {}) };
    const opts = { host: t.host, port: t.port, path: t.path ?? '/', method: 'GET', headers, agent: false as const, timeout: o.ioTimeoutMs };
    // Certificates are not verified here: this probe classifies answers, the TLS probe judges certificates.
    const req = t.scheme === 'https' ? https.request({ ...opts, rejectUnauthorized: false, ...(t.serverName ? { servername: t.serverName } : {}) }) : http.request(opts);
    const timer = setTimeout(() => req.destroy(timeoutError()), o.connectTimeoutMs + o.ioTimeoutMs);
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < 4096) body += c;
      });
      res.once('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.once('timeout', () => req.destroy(timeoutError()));
    req.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });
}

function servedCert(t: ProbeTarget, ms: number): Promise<NonNullable<ProbeResult['servedCert']>> {
  return new Promise((resolve, reject) => {
    const sock = tls.connect({ host: t.host, port: t.port, ...(t.serverName ? { servername: t.serverName } : {}), rejectUnauthorized: false });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(timeoutError());
    }, ms);
    sock.once('secureConnect', () => {
      clearTimeout(timer);
      const raw = sock.getPeerX509Certificate();
      sock.destroy();
      if (!raw) return reject(new Error('no certificate served'));
      const c = new X509Certificate(raw.raw);
      const sans = (c.subjectAltName ?? '').split(',').map((x) => x.trim()).filter((x) => x.startsWith('DNS:')).map((x) => x.slice(4));
      resolve({ subject: c.subject.replace(/\n/g, ', '), sans, validTo: c.validTo, fingerprint256: c.fingerprint256, fakeIngressCert: c.subject.includes(FAKE_CN), coversHost: t.serverName ? c.checkHost(t.serverName, { subject: 'never' }) !== undefined : true });
    });
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function probeOne(t: ProbeTarget, o: Required<ProbeOptions>): Promise<ProbeResult> {
  const start = performance.now();
  const done = (r: Omit<ProbeResult, 'target' | 'ms'>): ProbeResult => ({ target: t, ms: Math.round(performance.now() - start), ...r });
  try {
    switch (t.kind) {
      case 'nodeport-tcp':
        await tcp(t.host, t.port, o.connectTimeoutMs);
        return done({ outcome: 'open' });
      case 'ingress-http': {
        const r = await httpGet(t, o);
        return done({ outcome: 'open', status: r.status });
      }
      case 'tls-served-cert':
        return done({ outcome: 'open', servedCert: await servedCert(t, o.connectTimeoutMs + o.ioTimeoutMs) });
      case 'healthcheck-nodeport': {
        const r = await httpGet({ ...t, scheme: 'http', path: '/healthz' }, o);
        let local: number | undefined;
        try {
          local = (JSON.parse(r.body) as { localEndpoints?: number }).localEndpoints;
        } catch {
          local = undefined;
        }
        return done({ outcome: 'open', status: r.status, ...(local !== undefined ? { localEndpoints: local } : {}) });
      }
    }
  } catch (err) {
    return done({ outcome: classify(err), detail: err instanceof Error ? err.message : String(err) });
  }
}

export async function runProbes(targets: ProbeTarget[], opts: ProbeOptions = {}): Promise<ProbeResult[]> {
  const o: Required<ProbeOptions> = { connectTimeoutMs: opts.connectTimeoutMs ?? 2000, ioTimeoutMs: opts.ioTimeoutMs ?? 5000, concurrency: opts.concurrency ?? 8 };
  const results: ProbeResult[] = new Array<ProbeResult>(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const i = next++;
      const t = targets[i];
      if (t) results[i] = await probeOne(t, o);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, targets.length) }, worker));
  return results;
}
