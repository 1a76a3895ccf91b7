// §11.5 through the API server's pod proxy: is anything listening on the targetPort?
// The API server relays the app's answer unchanged, whatever its status; only its own failures
// come as a Kubernetes Status object, e.g. for a refused dial (kube-apiserver v1.36):
//   503 {"kind":"Status","reason":"ServiceUnavailable","message":"error trying to reach service:
//        dial tcp 192.0.2.2:38081: connect: connection refused","code":503}
import type { BackendTarget, Outcome, PodProxy, ProxyAnswer, ProxyReply } from './types.js';

const MESSAGE_MAX = 200;

interface Status {
  reason?: string;
  message: string;
}

/** The API server's own Status answer (its `code` matches the HTTP status); an app's body is not one. */
function apiserverStatus(status: number, body: string): Status | undefined {
  if (status >= 200 && status < 300) return undefined;
  try {
    const o = JSON.parse(body) as { kind?: unknown; code?: unknown; reason?: unknown; message?: unknown };
    if (o.kind !== 'Status' || o.code !== status) return undefined;
    return { ...(typeof o.reason === 'string' ? { reason: o.reason } : {}), message: typeof o.message === 'string' ? o.message.slice(0, MESSAGE_MAX) : '' };
  } catch {
    return undefined;
  }
}

/** Pure: what a proxy reply means. Any answer from the app, even 404 or 500, means it listens. */
export function classifyProxyReply(reply: ProxyReply): { outcome: Outcome; proxy?: ProxyAnswer; detail?: string } {
  if ('failure' in reply) return { outcome: reply.failure === 'timeout' ? 'timeout' : 'error', detail: reply.message.slice(0, MESSAGE_MAX) };
  const st = apiserverStatus(reply.status, reply.body);
  if (!st) {
    // an error page may come from something between the API server and the pod (an egress proxy):
    // keep its first line so the user can judge who answered
    const first = reply.status >= 400 ? reply.body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) : '';
    return { outcome: 'open', proxy: { verdict: 'listening', status: reply.status, ...(first ? { body: first } : {}) } };
  }
  if (reply.status === 403 && st.reason === 'Forbidden') return { outcome: 'not-probed', proxy: { verdict: 'forbidden', status: 403, message: st.message }, detail: 'forbidden: get pods/proxy' };
  if (/connection refused/i.test(st.message)) return { outcome: 'refused', proxy: { verdict: 'refused', status: reply.status, message: st.message } };
  return { outcome: 'error', proxy: { verdict: 'error', status: reply.status, message: st.message }, detail: st.message };
}

/**
 * Namespaces where pods/proxy was forbidden: later targets there are not sent, so a user
 * without the (powerful, usually denied) permission costs one request per namespace.
 */
export type ForbiddenNamespaces = Set<string>;

export const NO_LIVE_CLIENT = 'no live API server connection (offline snapshot)';
export const SKIPPED_FORBIDDEN = 'not sent: pods/proxy was forbidden in this namespace';

export async function probeBackend(t: BackendTarget, proxy: PodProxy | undefined, timeoutMs: number, forbidden: ForbiddenNamespaces): Promise<{ outcome: Outcome; proxy?: ProxyAnswer; detail?: string }> {
  if (!proxy) return { outcome: 'not-probed', detail: NO_LIVE_CLIENT };
  const ns = t.object.namespace ?? '';
  if (forbidden.has(ns)) return { outcome: 'not-probed', proxy: { verdict: 'forbidden' }, detail: SKIPPED_FORBIDDEN };
  const r = classifyProxyReply(await proxy.get(ns, t.pod, t.port, '/', timeoutMs));
  if (r.proxy?.verdict === 'forbidden') forbidden.add(ns);
  return r;
}
