// The WORST FINDING column names the root cause when an object has several errors: a pending
// LoadBalancer whose class nobody implements shows lb.class-unclaimed, not its consequence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse } from '../../src/cli/analyse.js';
import { demoSnapshot } from '../../src/cluster/demo.js';
import { analyseWith, worstFinding } from '../../src/ui/analysis.js';

const NOW = new Date('2026-11-25T12:00:00Z');

test('worst finding: highest severity, then the earliest link of the root-cause chain', () => {
  const a = analyseWith((s, grace) => analyse(s, grace, NOW), demoSnapshot(NOW), 5 * 60_000);
  const ids = (a.findingsByObject.get('Service/payments/gateway') ?? []).map((f) => f.id);
  assert.ok(ids.includes('lb.pending') && ids.includes('lb.class-unclaimed'), ids.join(', '));
  assert.equal(worstFinding(a, 'Service/payments/gateway')?.id, 'lb.class-unclaimed');
  assert.equal(worstFinding(a, 'Service/shop/checkout')?.id, 'svc.selector-no-pods');
});
