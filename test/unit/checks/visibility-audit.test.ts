// A kind kexplore may not read never passes for "nothing wrong": on the demo cluster (every
// headline problem present), forbidding one kind at a time must leave every finding that goes
// quiet listed as skipped or partly checked, and must not invent an error or a warning.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSnapshot } from '../../../src/cluster/demo.js';
import { runChecks } from '../../../src/checks/engine.js';
import { buildGraph } from '../../../src/model/graph.js';
import { allObjects, snapshotFrom } from '../../../src/model/snapshot.js';
import type { Kind } from '../../../src/model/types.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const ctx = { now: NOW.toISOString(), graceMs: 5 * 60_000 };
const base = demoSnapshot(NOW);
const full = runChecks(base, buildGraph(base), ctx);
const fullIds = new Set(full.findings.map((f) => f.id));
const KINDS: Kind[] = ['Event', 'Node', 'Pod', 'EndpointSlice', 'Endpoints', 'IngressClass', 'Namespace', 'NetworkPolicy', 'Secret', 'Ingress', 'Gateway', 'HTTPRoute', 'GatewayClass', 'ReferenceGrant'];

describe('forbidding one kind at a time (the demo cluster)', () => {
  it('the demo has the findings this audit relies on', () => {
    for (const id of ['lb.class-unclaimed', 'nodeport.etp-local-no-endpoints', 'ing.not-admitted', 'netpol.blocks-ingress-controller', 'route.backend-crossns-no-grant']) assert.ok(fullIds.has(id), id);
  });
  for (const kind of KINDS) {
    it(`${kind} forbidden: what goes quiet is listed as skipped, nothing new above info`, () => {
      const vis = { ...base.visibility, [kind]: { state: 'forbidden' as const, message: `${kind.toLowerCase()}s is forbidden` } };
      const s = snapshotFrom(allObjects(base).filter((o) => o.kind !== kind), base.source, base.takenAt, { visibility: vis, ...(base.parameterLookups ? { parameterLookups: base.parameterLookups } : {}) });
      const r = runChecks(s, buildGraph(s), ctx);
      const got = new Set(r.findings.map((f) => f.id));
      const skipped = new Map(r.skipped.map((x) => [x.id, x.reason]));
      const quiet = [...fullIds].filter((id) => !got.has(id) && !skipped.has(id));
      assert.deepEqual(quiet, [], `went quiet without a word: ${quiet.join(', ')}`);
      for (const [id, reason] of skipped) if (!got.has(id) && fullIds.has(id)) assert.match(reason, new RegExp(`${kind} forbidden by RBAC`), id);
      const invented = r.findings.filter((f) => f.severity !== 'info' && !full.findings.some((x) => x.key === f.key));
      assert.deepEqual(invented.map((f) => f.key), [], 'a forbidden kind invents no error or warning');
    });
  }
});
