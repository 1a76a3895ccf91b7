// Root-cause grouping (diagnostics.md Appendix C): the order of the roots, and which findings
// may explain which (a fix of the cause must be able to make the consequence go away).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toJson } from '../../../src/cli/output/json.js';
import { PLAIN, toText } from '../../../src/cli/output/text.js';
import { deployment, ids, ingress, nginxInstall, node, ofKind, pod, rule, run, service, snap, withSlices, type Raw } from './fixtures/build.js';
import { namespace, netpol } from './fixtures2/objects.js';

const api = (spec: Raw = {}): Raw[] => {
  const d = deployment('pay', 'api', { app: 'api' }, { pods: [{ node: 'node-a' }] });
  return [...d, ...withSlices(service('pay', 'api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec }), ofKind(d, 'Pod'))];
};
// only pods of the namespace may connect: no ipBlock for node or client addresses
const inClusterOnly = netpol('pay', 'allow-same-namespace', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] });
const metallb = (): Raw => pod('metallb-system', 'controller-6b8c5f-abcde', { app: 'metallb', component: 'controller' }, { image: 'quay.io/metallb/controller:v0.14.8' });

describe('root causes are listed in the Appendix C order', () => {
  // a warning early in the chain (no Ingress class) and an error late in it (no pods)
  const docs = deployment('shop', 'docs', { app: 'docs' });
  const s = snap([
    node('node-a'),
    ...nginxInstall(),
    ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }), []),
    ingress('shop', 'docs', { rules: [rule('docs.example.com', [['/', 'docs', 80]])] }),
    ...docs,
    ...withSlices(service('shop', 'docs', { selector: { app: 'docs' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }), ofKind(docs, 'Pod')),
  ]);
  const r = run(s);
  const rootIds = (): string[] => r.rootCauses.map((c) => r.findings.find((f) => f.key === c.root)?.id ?? '');
  it('entry point (step 2) before backends (step 6), even when the later one is more severe', () => {
    assert.equal(ids(r, 'ing.class-none')[0]?.severity, 'warning');
    assert.equal(ids(r, 'svc.selector-no-pods')[0]?.severity, 'error');
    const order = rootIds();
    assert.ok(order.indexOf('ing.class-none') !== -1 && order.indexOf('ing.class-none') < order.indexOf('svc.selector-no-pods'), order.join(', '));
  });
  it('the same order in -o json and in text', () => {
    const json = JSON.parse(toJson(s, r)) as { rootCauses: { root: string }[] };
    assert.deepEqual(json.rootCauses.map((c) => c.root), r.rootCauses.map((c) => c.root));
    const text = toText(s, r, PLAIN);
    assert.ok(text.indexOf('ing.class-none') < text.indexOf('svc.selector-no-pods'));
  });
});

describe('cause links follow the catalog', () => {
  it('an unclaimed loadBalancerClass explains lb.pending, not netpol.external-traffic-blocked', () => {
    const r = run(snap([node('node-a'), metallb(), namespace('pay'), ...api({ type: 'LoadBalancer', loadBalancerClass: 'example.com/edge-lb' }), inClusterOnly]));
    const [unclaimed] = ids(r, 'lb.class-unclaimed');
    const [blocked] = ids(r, 'netpol.external-traffic-blocked');
    assert.ok(unclaimed && blocked, 'both fire');
    assert.equal(ids(r, 'lb.pending')[0]?.causedBy, unclaimed.key);
    assert.equal(blocked.causedBy, undefined, 'the policy blocks external clients whatever the LB does');
    assert.ok(r.rootCauses.some((c) => c.root === blocked.key));
  });
  it('a missing TLS Secret of the Ingress does not explain a policy that blocks its controller', () => {
    const ing = ingress('pay', 'api', { ingressClassName: 'nginx', tls: [{ hosts: ['pay.example.com'], secretName: 'pay-tls' }], rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { address: '203.0.113.10' });
    const r = run(snap([node('node-a'), namespace('pay'), namespace('ingress-nginx'), ...nginxInstall(), ...api(), ing, inClusterOnly]));
    assert.equal(ids(r, 'tls.secret-missing').length, 1);
    const [blocked] = ids(r, 'netpol.blocks-ingress-controller');
    assert.ok(blocked);
    assert.equal(blocked.causedBy, undefined);
  });
});
