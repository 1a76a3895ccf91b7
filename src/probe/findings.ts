// Probe results → findings (pure). Every message says "from this machine"; the finding sits on
// the Service or Ingress the probe spoke for.
import { finding, nn } from '../checks/check.js';
import type { Finding } from '../checks/types.js';
import type { ClusterSnapshot, ObjectRef } from '../model/types.js';
import { backendFindings } from './backend-findings.js';
import { healthFindings, ingressHttpFindings, tlsFindings } from './findings-entry.js';
import { hostLiteral } from './dial.js';
import type { ProbeGraph } from './targets.js';
import type { NodePortTarget, Outcome, ProbeResult } from './types.js';

const HINT: Partial<Record<Outcome, string>> = {
  timeout: 'open the NodePort range in cloud firewalls / security groups and node firewalls',
  refused: 'check kube-proxy (or its replacement) on the refusing nodes, and its nodePortAddresses',
  unreachable: 'this machine has no route to those node addresses (VPN, private network): probe from inside that network',
};

const WORD: Record<Outcome, string> = { 'open': 'is open', 'refused': 'is refused', 'timeout': 'times out', 'unreachable': 'is unreachable', 'error': 'fails', 'not-probed': 'is not probed' };

/** §11.2: Kubernetes state says these nodes should answer, and from here they do not. */
function nodePortFindings(results: ProbeResult[]): Finding[] {
  const groups = new Map<string, { t: NodePortTarget; r: ProbeResult }[]>();
  for (const r of results) {
    const t = r.target;
    if (t.kind !== 'nodeport-tcp') continue;
    const k = `${t.object.kind}/${t.object.namespace ?? ''}/${t.object.name}|${t.port}`;
    groups.set(k, [...(groups.get(k) ?? []), { t, r }]);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const failing = g.filter((x) => x.t.expect === 'open' && x.r.outcome !== 'open');
    const first = g[0];
    if (!first || failing.length === 0) continue;
    const open = g.filter((x) => x.r.outcome === 'open');
    const at = (x: { t: NodePortTarget; r: ProbeResult }): string => `${x.t.node} (${hostLiteral(x.t.host)})`;
    const where = failing.map((x) => `${WORD[x.r.outcome]} on ${at(x)}`).join(', ');
    const also = open.length > 0 ? `; it is open on ${open.map(at).join(', ')}` : '';
    const hints = [...new Set(failing.map((x) => HINT[x.r.outcome] ?? 'check kube-proxy and firewalls between this machine and the nodes'))];
    out.push(
      finding('nodeport.unreachable', open.length === 0 ? 'error' : 'warning', first.t.object, `From this machine, NodePort ${first.t.port} of ${nn(first.t.object)} ${where}, although it has ready endpoints that should answer there${also}.`, hints.join('; '), {
        fields: [`spec.ports[${first.t.portIndex}].nodePort`],
        related: failing.map((x): ObjectRef => ({ kind: 'Node', name: x.t.node })),
        discriminator: String(first.t.port),
      }),
    );
  }
  return out;
}

/** Same key as the object check, so the two are merged when both run. */
function unprobeableFindings(results: ProbeResult[]): Finding[] {
  return results.flatMap((r) => {
    const t = r.target;
    if (t.kind !== 'unprobeable') return [];
    return [finding('nodeport.unprobeable-protocol', 'info', t.object, `Port ${t.port}/${t.protocol} of Service ${nn(t.object)} cannot be verified with a TCP probe; its reachability is unknown.`, `test it with a client that speaks ${t.protocol} (e.g. dig @<node> -p ${t.port})`, { fields: [`spec.ports[${t.portIndex}].protocol`], discriminator: `${t.servicePort}/${t.protocol}` })];
  });
}

export function probeFindings(results: ProbeResult[], _s: ClusterSnapshot, g: ProbeGraph): Finding[] {
  return [...nodePortFindings(results), ...unprobeableFindings(results), ...ingressHttpFindings(results, g), ...tlsFindings(results), ...healthFindings(results), ...backendFindings(results)];
}
