// The three network operations probes may perform (§11.1): TCP connect, TLS handshake, one HTTP
// GET. Each step has its own timeout so a result can say where it stopped. Sockets are opened
// here, so no agent and no HTTP_PROXY/NODE_USE_ENV_PROXY can route them elsewhere.
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Outcome } from './types.js';

export class ProbeError extends Error {
  constructor(
    readonly outcome: Outcome,
    message: string,
  ) {
    super(message);
  }
}

/** Socket error → outcome (§11.2). Anything unexpected is 'error', never a guess. */
export function classifyError(err: unknown): Outcome {
  if (err instanceof ProbeError) return err.outcome;
  const code = (err as { code?: unknown } | null | undefined)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'unreachable';
    default:
      return 'error';
  }
}

export function errorDetail(err: unknown): string {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.message : String(err);
}

/** Run `start`, fail with a timeout after `ms`; `cleanup` releases the socket either way on timeout. */
function withTimeout<T>(ms: number, what: string, cleanup: () => void, start: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new ProbeError('timeout', `${what} timed out after ${ms} ms`));
    }, ms);
    start(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        cleanup();
        reject(e);
      },
    );
  });
}

export function connect(host: string, port: number, ms: number): Promise<net.Socket> {
  const sock = net.connect({ host, port });
  return withTimeout(ms, 'connect', () => sock.destroy(), (resolve, reject) => {
    sock.once('connect', () => {
      sock.removeAllListeners('error');
      sock.on('error', () => undefined); // later errors surface through the next step
      resolve(sock);
    });
    sock.once('error', reject);
  });
}

/**
 * Handshake over a connected socket. The certificate is deliberately not verified: probes
 * classify what is served, and judge it separately (§11.3, §11.4).
 */
export function handshake(sock: net.Socket, serverName: string | undefined, ms: number): Promise<tls.TLSSocket> {
  // SNI must be a DNS name: IPs (and empty) are not sent, as browsers do
  const sni = serverName && net.isIP(serverName) === 0 ? { servername: serverName } : {};
  const t = tls.connect({ socket: sock, rejectUnauthorized: false, ...sni });
  return withTimeout(ms, 'TLS handshake', () => t.destroy(), (resolve, reject) => {
    t.once('secureConnect', () => {
      t.removeAllListeners('error');
      t.on('error', () => undefined);
      resolve(t);
    });
    t.once('error', reject);
  });
}

export interface RawAnswer {
  status: number;
  location?: string;
  /** at most the first `keep` bytes of the body */
  head: string;
}

/**
 * One GET over an open (TLS or plain) socket: no redirects followed, no credentials, no
 * cookies; at most `keep` bytes of the body are read, then the connection is closed.
 */
export function get(sock: net.Socket, hostHeader: string, path: string, ms: number, keep = 512): Promise<RawAnswer> {
  const req = http.request({ createConnection: () => sock, method: 'GET', path, headers: { host: hostHeader, 'user-agent': 'kexplore-probe', accept: '*/*', connection: 'close' } });
  return withTimeout(ms, 'HTTP answer', () => req.destroy(), (resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let head = '';
      const finish = (): void => {
        res.destroy();
        const loc = res.headers.location;
        resolve({ status: res.statusCode ?? 0, head, ...(loc ? { location: loc.slice(0, 200) } : {}) });
      };
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        head += c;
        if (head.length >= keep) {
          head = head.slice(0, keep);
          finish();
        }
      });
      res.once('end', finish);
      res.once('error', finish);
    });
    req.end();
  });
}

/** "10.0.0.5", "[fd00::5]" — IPv6 literals in brackets wherever a port or path follows. */
export function hostLiteral(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}
