// `check --probe`: probe findings join the report before root causes and paths are computed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeProbeFindings } from '../../../src/cli/check-command.js';
import { buildGraph } from '../../../src/model/graph.js';
import { probeFindings, probeTargets, type ProbeResult } from '../../../src/probe/index.js';
import { deployment, ingress, nginxInstall, node, ofKind, rule, run, service, snap, withSlices } from '../checks/fixtures/build.js';
import { namespace, netpol } from '../checks/fixtures2/objects.js';

const AT = '2026-11-25T12:00:00Z';
const api = (type?: 'NodePort'): ReturnType<typeof deployment> => {
  const d = deployment('pay', 'api', { app: 'api' }, { pods: [{ node: 'node-a' }] });
  return [...d, ...withSlices(service('pay', 'api', { ...(type ? { type } : {}), selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http', ...(type ? { nodePort: 30080 } : {}) }] }), ofKind(d, 'Pod'))];
};

describe('probe findings are linked and judged', () => {
  it("the controller's 502 is a consequence of the NetworkPolicy that blocks it", () => {
    const deny = netpol('pay', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const sameNs = netpol('pay', 'allow-same-namespace', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] });
    const ing = ingress('pay', 'api', { ingressClassName: 'nginx', rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { address: '203.0.113.10' });
    const s = snap([node('node-a'), namespace('pay'), namespace('ingress-nginx'), ...nginxInstall(), ...api(), ing, deny, sameNs]);
    const g = buildGraph(s);
    const base = run(s);
    const http = probeTargets(s, g, { ingress: { kind: 'Ingress', namespace: 'pay', name: 'api' } }).filter((t) => t.kind === 'ingress-http');
    assert.ok(http.length > 0);
    const results: ProbeResult[] = http.map((target) => ({ target, outcome: 'open', http: { status: 502, verdict: 'backend-error' }, at: AT, ms: 12 }));
    const r = mergeProbeFindings(s, g, base, probeFindings(results, s, g));
    const blocked = r.findings.find((f) => f.id === 'netpol.blocks-ingress-controller');
    const bad = r.findings.filter((f) => f.id === 'probe.ingress-http');
    assert.ok(blocked && bad.length > 0);
    for (const f of bad) assert.equal(f.causedBy, blocked.key, f.message);
    assert.deepEqual(r.rootCauses.find((c) => c.root === blocked.key)?.consequences.filter((k) => k.startsWith('probe.')), bad.map((f) => f.key));
    assert.equal(r.summary.error, base.summary.error + bad.length);
  });
  it('a NodePort that times out from here breaks its path', () => {
    const s = snap([node('node-a', { ip: '10.0.0.21' }), ...api('NodePort')]);
    const g = buildGraph(s);
    const base = run(s);
    const entry = (rep: typeof base): string | undefined => rep.paths.find((p) => p.kind === 'nodeport' && p.entry.endsWith(':30080'))?.verdict;
    assert.equal(entry(base), 'ok');
    const np = probeTargets(s, g, {}).filter((t) => t.kind === 'nodeport-tcp');
    assert.ok(np.length > 0);
    const results: ProbeResult[] = np.map((target) => ({ target, outcome: 'timeout', detail: 'ETIMEDOUT', at: AT, ms: 2000 }));
    const r = mergeProbeFindings(s, g, base, probeFindings(results, s, g));
    assert.equal(r.findings.filter((f) => f.id === 'nodeport.unreachable').length, 1);
    assert.equal(entry(r), 'broken');
  });
});
