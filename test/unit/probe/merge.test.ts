// `check --probe`: probe findings join the report before root causes and paths are computed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeProbeFindings } from '../../../src/checks/engine.js';
import { buildGraph } from '../../../src/model/graph.js';
import { backendTargets, probeFindings, probeTargets, type ProbeResult } from '../../../src/probe/index.js';
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
  it('what a request from here got is the last hop of that rule: a 502 breaks it, with the rules as the field', () => {
    const ing = ingress('pay', 'api', { ingressClassName: 'nginx', rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { address: '203.0.113.10' });
    const s = snap([node('node-a'), ...nginxInstall(), ...api(), ing]);
    const g = buildGraph(s);
    const base = run(s);
    const http = probeTargets(s, g, { ingress: { kind: 'Ingress', namespace: 'pay', name: 'api' } }).filter((t) => t.kind === 'ingress-http');
    const last = (rep: typeof base): { label: string; verdict: string; field?: string } | undefined => rep.paths.find((p) => p.entry === 'http://pay.example.com/')?.hops.at(-1);
    assert.notEqual(last(base)?.label, 'request from this machine', 'no probe, no observed hop');
    const bad = mergeProbeFindings(s, g, base, probeFindings(http.map((target) => ({ target, outcome: 'open', http: { status: 502, verdict: 'backend-error' }, at: AT, ms: 9 })), s, g));
    assert.deepEqual(last(bad), { ...last(bad), label: 'request from this machine', verdict: 'broken', field: 'spec.rules' });
    // a connection that fails from here is not proof the path is broken (a firewall between): unknown
    const cut = mergeProbeFindings(s, g, base, probeFindings(http.map((target) => ({ target, outcome: 'timeout', detail: 'ETIMEDOUT', at: AT, ms: 2000 })), s, g));
    assert.equal(last(cut)?.verdict, 'unknown');
  });
  it('a refused dial to the pod through the API server breaks the pods hop of that Service port', () => {
    const s = snap([node('node-a'), ...api('NodePort')]);
    const g = buildGraph(s);
    const base = run(s);
    const targets = backendTargets(s, {});
    assert.ok(targets.length > 0);
    const r = mergeProbeFindings(s, g, base, probeFindings(targets.map((target) => ({ target, outcome: 'refused', detail: 'ECONNREFUSED', at: AT, ms: 3 })), s, g));
    const pods = r.paths.find((p) => p.kind === 'nodeport')?.hops.find((h) => h.label === 'pods');
    assert.equal(pods?.verdict, 'broken');
    assert.equal(pods?.field, 'spec.ports[0].targetPort');
  });
  it('without Secret access, the certificate served for the host decides its TLS hop', () => {
    const ing = ingress('pay', 'api', { ingressClassName: 'nginx', tls: [{ hosts: ['pay.example.com'], secretName: 'pay-tls' }], rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { address: '203.0.113.10' });
    const s = snap([node('node-a'), ...nginxInstall(), ...api(), ing], { Secret: { state: 'forbidden', message: 'forbidden: pay/pay-tls' } });
    const g = buildGraph(s);
    const base = run(s);
    const tlsHop = (rep: typeof base): { verdict: string } | undefined => rep.paths.find((p) => p.entry === 'https://pay.example.com/')?.hops.find((h) => h.label === 'TLS secret pay-tls');
    assert.equal(tlsHop(base)?.verdict, 'unknown', 'the Secret is unreadable');
    const tls = probeTargets(s, g, { ingress: { kind: 'Ingress', namespace: 'pay', name: 'api' } }).filter((t) => t.kind === 'tls-served-cert');
    assert.ok(tls.length > 0);
    const fake = { subject: 'O=Acme Co\nCN=Kubernetes Ingress Controller Fake Certificate', cn: 'Kubernetes Ingress Controller Fake Certificate', dnsSans: ['ingress.local'], notBefore: '2026-11-01T00:00:00Z', notAfter: '2027-11-01T00:00:00Z', fingerprint256: 'AA:BB', fake: true, coversHost: false };
    const r = mergeProbeFindings(s, g, base, probeFindings(tls.map((target) => ({ target, outcome: 'open', cert: fake, at: AT, ms: 5 })), s, g));
    assert.equal(tlsHop(r)?.verdict, 'broken');
  });
});
