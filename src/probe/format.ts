// One line per probe result, always "from this machine" (§11.1): VPNs, proxies and firewalls
// between this machine and the cluster change what it sees.
import { nn } from '../checks/check.js';
import { foldSkipped, formatBackendResult } from './backend-format.js';
import { hostLiteral } from './dial.js';
import type { HttpVerdict, NodePortTarget, Outcome, ProbeResult } from './types.js';

export const VERDICT_TEXT: Record<HttpVerdict, string> = {
  'reachable': 'reachable',
  'no-rule-matched': 'controller reached, no rule matched: class not claimed, or host/path mismatch',
  'no-endpoints': 'backend has no endpoints',
  'backend-error': 'controller cannot reach or parse the backend: wrong targetPort/protocol, NetworkPolicy, app down',
  'ssl-redirect': 'redirect to https (ssl-redirect)',
  'redirect': 'redirect',
  'other': 'answered',
};

/** "open on", "refused on", … as used after "NodePort 30080 of X is …" */
const OUTCOME_ON: Record<Outcome, string> = { 'open': 'open on', 'refused': 'refused on', 'timeout': 'timing out on', 'unreachable': 'unreachable (no route from this machine) on', 'error': 'failing on', 'not-probed': 'not probed on' };

const onNode = (t: { node?: string; host: string }): string => (t.node ? `${t.node} (${hostLiteral(t.host)})` : hostLiteral(t.host));

function failure(r: ProbeResult): string {
  const what = r.outcome === 'refused' ? 'connection refused' : r.outcome === 'unreachable' ? 'no route from this machine' : r.outcome === 'timeout' ? 'timed out' : (r.detail ?? 'failed');
  switch (r.phase) {
    case 'tls':
      return `connected, but the TLS handshake failed (${r.outcome === 'timeout' ? 'timed out' : (r.detail ?? r.outcome)})`;
    case 'http':
      return r.outcome === 'timeout' ? 'connected, but no HTTP answer came in time' : `connected, but the HTTP exchange failed (${r.detail ?? r.outcome})`;
    default:
      return what;
  }
}

/** What Kubernetes state predicted, when it helps read the outcome. */
function expectNote(t: NodePortTarget, outcome: Outcome): string {
  const open = outcome === 'open';
  switch (t.expect) {
    case 'open':
      return open ? '' : ' (expected open: ready endpoints exist)';
    case 'dropped':
      return open ? ' (unexpected: no local endpoint on this node)' : ' (expected: no local endpoint on this node)';
    case 'refused':
      return open ? ' (unexpected: no ready endpoints)' : ' (expected: no ready endpoints)';
    case 'unknown':
      return '';
  }
}

function withPort(host: string, port: number, defaultPort: number): string {
  return port === defaultPort ? hostLiteral(host) : `${hostLiteral(host)}:${port}`;
}

export function formatProbeResult(r: ProbeResult): string {
  const t = r.target;
  switch (t.kind) {
    case 'nodeport-tcp':
      return `From this machine, NodePort ${t.port} of ${nn(t.object)} is ${OUTCOME_ON[r.outcome]} ${onNode(t)}${expectNote(t, r.outcome)}.`;
    case 'unprobeable':
      return `From this machine, NodePort ${t.port}/${t.protocol} of ${nn(t.object)} was not probed: ${t.protocol} cannot be verified with a TCP probe.`;
    case 'ingress-http': {
      const def = t.scheme === 'https' ? 443 : 80;
      const url = `${t.scheme}://${t.serverName ?? withPort(t.host, t.port, def)}${t.path}`;
      const via = `${t.node ? `${t.node} ` : ''}${withPort(t.host, t.port, def)}${t.via === 'ingress-status' ? '' : t.via === 'controller-lb' ? " (the controller Service's load balancer)" : " (the controller Service's node port)"}`;
      if (r.outcome !== 'open' || !r.http) return `From this machine, GET ${url} via ${via} failed: ${failure(r)}.`;
      const loc = r.http.location ? ` to ${r.http.location}` : '';
      const meaning = r.http.verdict === 'no-rule-matched' && r.http.defaultBackend ? "the controller's default backend: no rule matched" : VERDICT_TEXT[r.http.verdict];
      return `From this machine, GET ${url} via ${via} returned ${r.http.status} (${meaning}${loc}).`;
    }
    case 'tls-served-cert': {
      const at = withPort(t.host, t.port, 443);
      if (r.outcome !== 'open' || !r.cert) return `From this machine, the TLS handshake with ${at} for ${t.serverName} failed: ${failure(r)}.`;
      const c = r.cert;
      const notes = [c.fake ? "the ingress controller's default Fake Certificate" : '', c.coversHost ? '' : 'it does not cover the host'].filter((x) => x !== '');
      return `From this machine, ${at} serves '${c.cn ?? c.subject}' (valid until ${c.notAfter.slice(0, 10)}) for ${t.serverName}${notes.length ? ` — ${notes.join('; ')}` : ''}.`;
    }
    case 'backend-via-apiserver':
      return formatBackendResult(r, t);
    case 'healthcheck-nodeport': {
      const head = `From this machine, health-check node port ${t.port} of ${nn(t.object)} on ${onNode(t)}`;
      if (r.outcome !== 'open' || !r.health) return `${head} failed: ${failure(r)}.`;
      const h = r.health;
      const eps = t.localEndpoints !== undefined ? ` (EndpointSlices: ${t.localEndpoints})` : '';
      if (h.localEndpoints === undefined) return `${head} answered ${h.status} without the kube-proxy health-check JSON.`;
      return `${head} answered ${h.status} with ${h.localEndpoints} local endpoints${eps}.`;
    }
  }
}

const SKIPPED_BACKENDS = '\0skipped-backends';

/**
 * Node-port results folded into one line per Service port, e.g. "… is open on n1 (…), refused
 * on n2 (…)"; backend probes that were not sent into one line per reason.
 */
export function formatProbeResults(results: ProbeResult[]): string[] {
  const out: string[] = [];
  const groups = new Map<string, ProbeResult[]>();
  const skipped = results.filter((r) => r.target.kind === 'backend-via-apiserver' && r.outcome === 'not-probed');
  for (const r of results) {
    if (r.target.kind === 'backend-via-apiserver' && r.outcome === 'not-probed') {
      if (r === skipped[0]) out.push(SKIPPED_BACKENDS);
      continue;
    }
    if (r.target.kind !== 'nodeport-tcp') {
      out.push(formatProbeResult(r));
      continue;
    }
    const k = `${r.target.object.kind}/${r.target.object.namespace ?? ''}/${r.target.object.name}|${r.target.port}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else {
      groups.set(k, [r]);
      out.push(k); // placeholder keeps the order of first appearance
    }
  }
  return out.flatMap((line) => {
    if (line === SKIPPED_BACKENDS) return foldSkipped(skipped);
    const g = groups.get(line);
    const first = g?.[0];
    if (!g || first?.target.kind !== 'nodeport-tcp') return line;
    const parts = g.map((r) => (r.target.kind === 'nodeport-tcp' ? `${OUTCOME_ON[r.outcome]} ${onNode(r.target)}${expectNote(r.target, r.outcome)}` : ''));
    return `From this machine, NodePort ${first.target.port} of ${nn(first.target.object)} is ${parts.join(', ')}.`;
  });
}
