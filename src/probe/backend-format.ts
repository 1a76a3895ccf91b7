// Lines for the §11.5 probe: "from this machine, through the API server proxy". Skipped targets
// (no permission, no live connection) fold into one line per reason, not one per Service port.
import { nn } from '../checks/check.js';
import { NO_LIVE_CLIENT } from './backend-probe.js';
import type { BackendTarget, ProbeResult } from './types.js';

const HEAD = 'From this machine, through the API server proxy';

export const portLabel = (t: BackendTarget): string => `port ${t.servicePort}${t.portName ? ` (${t.portName})` : ''}`;

const of = (t: BackendTarget): string => `the targetPort of ${portLabel(t)} of Service ${nn(t.object)}`;

export function formatBackendResult(r: ProbeResult, t: BackendTarget): string {
  const where = `pod ${t.pod} port ${t.port}, ${of(t)}`;
  const p = r.proxy;
  switch (r.outcome) {
    case 'open':
      return `${HEAD}, pod ${t.pod} answers on port ${t.port} (HTTP ${p?.status ?? '?'}${p?.body ? `: "${p.body}"` : ''}): ${p?.body ? 'something listens' : 'the app listens'} on ${of(t)}${p?.body ? ' — if that text is not your app\'s, a proxy between the API server and the pod answered' : ''}.`;
    case 'refused':
      return `${HEAD}: pod ${t.pod} does not listen on port ${t.port} (connection refused through the API server proxy), ${of(t)}.`;
    case 'timeout':
      return `${HEAD}, ${where}: no answer in time; whether the app listens is unknown.`;
    case 'not-probed':
      return `${HEAD}, ${where} was not probed: ${skipReason(r, [t.object.namespace ?? ''])}; whether the app listens is unknown.`;
    default:
      return `${HEAD}, ${where}: the API server could not tell (${p?.message ?? r.detail ?? 'failed'}); whether the app listens is unknown.`;
  }
}

function skipReason(r: ProbeResult, namespaces: string[]): string {
  if (r.proxy?.verdict === 'forbidden') return `your user may not get pods/proxy in namespace${namespaces.length > 1 ? 's' : ''} ${namespaces.join(', ')} (a powerful permission, usually denied)`;
  return r.detail === NO_LIVE_CLIENT ? 'this is an offline snapshot, there is no API server to proxy through' : (r.detail ?? 'skipped');
}

/** One line per skip reason: "… 3 backend ports (shop/web, shop/api, …) not probed: …". */
export function foldSkipped(skipped: ProbeResult[]): string[] {
  const groups = new Map<string, ProbeResult[]>();
  for (const r of skipped) {
    const k = r.proxy?.verdict === 'forbidden' ? 'forbidden' : (r.detail ?? '');
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].flatMap((rs) => {
    const first = rs[0];
    if (!first) return [];
    const services = [...new Set(rs.map((r) => nn(r.target.object)))];
    const shown = services.slice(0, 3).join(', ') + (services.length > 3 ? `, and ${services.length - 3} more` : '');
    const namespaces = [...new Set(rs.map((r) => r.target.object.namespace ?? ''))];
    const n = rs.length === 1 ? '1 backend port' : `${rs.length} backend ports`;
    return [`${HEAD}: ${n} (${shown}) not probed: ${skipReason(first, namespaces)}; whether ${rs.length === 1 ? 'the app listens' : 'the apps listen'} is unknown.`];
  });
}
