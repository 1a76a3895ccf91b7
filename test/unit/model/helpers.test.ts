import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatewayHostMatches, gatewayHostsIntersect, ingressHostMatches, sanCovers } from '../../../src/model/hostnames.js';
import { editDistance, mapSelects, nearMiss, selectorMatches } from '../../../src/model/labels.js';
import { cidrContains } from '../../../src/model/netpol.js';
import { notReadyReason, resolveTargetPort, resolvesOnlyInSidecar } from '../../../src/model/pods.js';
import { sanitize, sanitizeMultiline } from '../../../src/model/sanitize.js';
import type { Pod } from '../../../src/model/types.js';

const pod = (over: Partial<Pod['spec']> = {}, status: Pod['status'] = {}): Pod => ({
  kind: 'Pod',
  metadata: { name: 'web-7d9f8-abcde', namespace: 'shop', labels: { app: 'web' } },
  spec: { nodeName: 'node-a', containers: [{ name: 'web', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }], ...over },
  status,
});

describe('H3 targetPort resolution (FindPort)', () => {
  it('uses a numeric targetPort as-is, even when no container declares it', () => {
    assert.equal(resolveTargetPort({ port: 80, targetPort: 9999 }, pod()), 9999);
  });
  it('defaults targetPort to port', () => {
    assert.equal(resolveTargetPort({ port: 8080 }, pod()), 8080);
  });
  it('resolves a name by name AND protocol', () => {
    assert.equal(resolveTargetPort({ port: 80, targetPort: 'http' }, pod()), 8080);
    assert.equal(resolveTargetPort({ port: 53, targetPort: 'dns', protocol: 'UDP' }, pod()), 53);
    assert.equal(resolveTargetPort({ port: 53, targetPort: 'dns', protocol: 'TCP' }, pod()), undefined);
  });
  it('finds names on native sidecars (restartable init containers) only', () => {
    const p = pod({ initContainers: [{ name: 'proxy', restartPolicy: 'Always', ports: [{ name: 'admin', containerPort: 15000 }] }, { name: 'init', ports: [{ name: 'setup', containerPort: 1 }] }] });
    assert.equal(resolveTargetPort({ port: 80, targetPort: 'admin' }, p), 15000);
    assert.equal(resolvesOnlyInSidecar({ port: 80, targetPort: 'admin' }, p), true);
    assert.equal(resolveTargetPort({ port: 80, targetPort: 'setup' }, p), undefined);
  });
  it('explains why a pod is not ready', () => {
    const crashing = pod({}, { phase: 'Running', containerStatuses: [{ name: 'web', ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } }] });
    assert.equal(notReadyReason(crashing), 'CrashLoopBackOff (7 restarts)');
    assert.equal(notReadyReason(pod(), false), 'node node-a NotReady');
  });
});

describe('H7 hostname semantics', () => {
  it('Ingress wildcard matches exactly one label', () => {
    assert.equal(ingressHostMatches('*.foo.com', 'bar.foo.com'), true);
    assert.equal(ingressHostMatches('*.foo.com', 'baz.bar.foo.com'), false);
    assert.equal(ingressHostMatches('*.foo.com', 'foo.com'), false);
  });
  it('Gateway wildcard is a suffix match, never the apex', () => {
    assert.equal(gatewayHostMatches('*.example.com', 'foo.test.example.com'), true);
    assert.equal(gatewayHostMatches('*.example.com', 'example.com'), false);
    assert.equal(gatewayHostsIntersect('*.example.com', 'shop.example.com'), true);
    assert.equal(gatewayHostsIntersect('shop.example.com', 'www.example.com'), false);
  });
  it('certificate SAN wildcard covers one label; an Ingress wildcard host needs the same wildcard SAN', () => {
    assert.equal(sanCovers('*.example.com', 'shop.example.com'), true);
    assert.equal(sanCovers('*.example.com', 'a.shop.example.com'), false);
    assert.equal(sanCovers('www.example.com', 'shop.example.com'), false);
    assert.equal(sanCovers('*.example.com', '*.example.com'), true);
    assert.equal(sanCovers('shop.example.com', '*.example.com'), false);
  });
});

describe('selectors', () => {
  it('Service map selector needs every key and an empty selector selects nothing', () => {
    assert.equal(mapSelects({ app: 'web', tier: 'fe' }, { app: 'web', tier: 'fe', x: 'y' }), true);
    assert.equal(mapSelects({ app: 'web', tier: 'fe' }, { app: 'web' }), false);
    assert.equal(mapSelects({}, { app: 'web' }), false);
  });
  it('LabelSelector honours matchExpressions and empty selects all', () => {
    assert.equal(selectorMatches({}, { a: 'b' }), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, { env: 'dev' }), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, { app: 'x' }), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, {}), true);
  });
  it('CIDR containment', () => {
    assert.equal(cidrContains('10.0.0.0/8', '10.2.3.4'), true);
    assert.equal(cidrContains('10.0.0.0/8', '11.0.0.1'), false);
    assert.equal(cidrContains('0.0.0.0/0', '203.0.113.9'), true);
  });
});

describe('sanitize', () => {
  it('makes escape sequences and control characters visible', () => {
    assert.equal(sanitize('\u001b[31mevil\u001b[0m'), '^[[31mevil^[[0m');
    assert.equal(sanitize('a\nb\rc\u0007'), 'a^Jb^Mc^G');
    assert.equal(sanitize('ok\u202eevil'), 'ok\\u{202e}evil');
    assert.equal(sanitizeMultiline('a: 1\n\tb: \u001b]0;x\u0007'), 'a: 1\n  b: ^[]0;x^G');
  });
});

describe('nearMiss (selector typos)', () => {
  it('finds the label one typo away, prefers a typo over a bare mismatch, and says nothing for an unrelated single-label selector', () => {
    assert.equal(editDistance('chekout', 'checkout'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('teir', 'tier'), 1, 'a swap is one edit');
    const pods = [{ app: 'checkout', tier: 'web' }, { app: 'checkout', tier: 'web' }, { app: 'cart', tier: 'web' }];
    assert.deepEqual(nearMiss({ app: 'chekout' }, pods), { missing: 'app=chekout', instead: 'app=checkout', pods: 2 });
    assert.deepEqual(nearMiss({ app: 'Checkout', tier: 'web' }, pods), { missing: 'app=Checkout', instead: 'app=checkout', pods: 2 });
    assert.deepEqual(nearMiss({ app: 'checkout', teir: 'web' }, pods), { missing: 'teir=web', instead: 'tier=web', pods: 2 });
    assert.equal(nearMiss({ app: 'billing' }, pods), undefined);
    assert.deepEqual(nearMiss({ app: 'cart', tier: 'api' }, pods), { missing: 'tier=api', pods: 1 });
  });
});
