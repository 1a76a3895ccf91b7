// Path verdicts per hop on the demo cluster (realistic objects): each broken hop names the
// field a user fixes, never controller-written status; hops agree with their own detail text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSnapshot } from '../../../src/cluster/demo.js';
import { buildGraph } from '../../../src/model/graph.js';
import { runChecks } from '../../../src/checks/engine.js';
import type { EntryPath } from '../../../src/checks/types.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const s = demoSnapshot(NOW);
const { paths } = runChecks(s, buildGraph(s), { now: NOW.toISOString(), graceMs: 5 * 60_000 });
const pathOf = (kind: EntryPath['kind'], svc: string, entry?: RegExp): EntryPath => {
  const p = paths.find((x) => x.kind === kind && `${x.service?.namespace ?? ''}/${x.service?.name ?? ''}` === svc && (!entry || entry.test(x.entry)));
  assert.ok(p, `${kind} path to ${svc}`);
  return p;
};
const hopsOf = (p: EntryPath): string[] => p.hops.map((h) => `${h.verdict} ${h.label}${h.field ? ` [${h.field}]` : ''}`);

describe('path verdicts', () => {
  it('a healthy Ingress path is ok at every hop', () => {
    const p = pathOf('ingress', 'shop/web', /^https:\/\/store\.example\.com\//);
    assert.equal(p.verdict, 'ok', hopsOf(p).join('\n'));
  });
  it('eTP Local with no ready local endpoint: the NodePort hop itself is broken and says no node answers', () => {
    const p = pathOf('nodeport', 'payments/api');
    const np = p.hops[0];
    assert.equal(np?.verdict, 'broken');
    assert.match(np?.detail ?? '', /no node answers/);
    assert.doesNotMatch(np?.detail ?? '', /answers only on no node/);
  });
  it('eTP Local in front of a VM: the field to fix is spec.externalTrafficPolicy', () => {
    const p = pathOf('nodeport', 'payments/ledger');
    assert.deepEqual(hopsOf(p).slice(0, 2), ['broken NodePort 30610/TCP [spec.externalTrafficPolicy]', 'ok endpoints']);
  });
  it('a NetworkPolicy blocking the controller is its own hop, on the policy, with spec.ingress', () => {
    const p = pathOf('ingress', 'payments/portal');
    const pol = p.hops.find((h) => h.label === 'network policy');
    assert.equal(pol?.verdict, 'broken');
    assert.equal(pol?.field, 'spec.ingress');
    assert.equal(pol?.object?.kind, 'NetworkPolicy');
    assert.equal(p.hops.find((h) => h.label === 'endpoints')?.verdict, 'ok', 'the endpoints are ready; the policy is what breaks');
  });
  it('the policy blocking an Ingress controller is not shown on another entry kind', () => {
    assert.equal(pathOf('loadbalancer', 'payments/gateway').hops.some((h) => h.verdict === 'broken' && h.label === 'network policy'), false);
  });
  it('a pending LoadBalancer asks for the spec field, not the status the controller writes', () => {
    const lb = pathOf('loadbalancer', 'payments/gateway').hops[0];
    assert.equal(lb?.verdict, 'broken');
    assert.equal(lb?.field, 'spec.loadBalancerClass');
  });
  it('no hop anywhere names a status field to fix', () => {
    for (const p of paths) for (const h of p.hops) assert.ok(!h.field?.startsWith('status.'), `${p.entry}: ${h.label} [${h.field ?? ''}]`);
  });
});

describe('the last hop names what the endpoints are', () => {
  it('pods for a Service with a selector, addresses for hand-made endpoints (demo payments/ledger)', () => {
    const s = demoSnapshot(new Date());
    const r = runChecks(s, buildGraph(s), { now: new Date().toISOString(), graceMs: 300_000 });
    const last = (svc: string): string[] => r.paths.filter((p) => p.service?.name === svc && p.kind === 'nodeport').map((p) => p.hops[p.hops.length - 1]?.label ?? '');
    assert.deepEqual(last('ledger'), ['addresses']);
    assert.deepEqual(last('storefront'), ['pods']);
  });
});
