// runProbes mechanics: error classification, the concurrency cap, result order, evaluation time.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { httpVerdict } from '../../../src/probe/classify.js';
import { classifyError, hostLiteral, ProbeError } from '../../../src/probe/dial.js';
import { MAX_CONCURRENCY, runProbes, type ProbeTarget } from '../../../src/probe/index.js';
import { close, closedPort, listen } from './net-helpers.js';

describe('classification', () => {
  it('socket errors → outcomes (§11.2)', () => {
    const c = (code: string): string => classifyError(Object.assign(new Error(code), { code }));
    assert.deepEqual(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ENOTFOUND'].map(c), ['refused', 'timeout', 'unreachable', 'unreachable', 'error', 'error']);
    assert.equal(classifyError(new ProbeError('timeout', 'connect timed out')), 'timeout');
    assert.equal(classifyError('weird'), 'error');
  });

  it('HTTP status → §11.3 verdicts', () => {
    const v = (s: number, loc?: string): string => httpVerdict(s, loc);
    assert.deepEqual([v(200), v(204), v(401), v(403), v(404), v(503), v(502), v(504), v(308, 'https://a/'), v(301, 'HTTPS://a/'), v(301, '/login'), v(302, 'https://a/'), v(500), v(400)], ['reachable', 'reachable', 'reachable', 'reachable', 'no-rule-matched', 'no-endpoints', 'backend-error', 'backend-error', 'ssl-redirect', 'ssl-redirect', 'redirect', 'redirect', 'other', 'other']);
  });

  it('IPv6 literals in brackets', () => {
    assert.deepEqual([hostLiteral('fd00::5'), hostLiteral('10.0.0.5'), hostLiteral('lb.example.com')], ['[fd00::5]', '10.0.0.5', 'lb.example.com']);
  });
});

describe('runProbes', () => {
  let inFlight = 0;
  let peak = 0;
  // each answer waits a little, so parallel requests overlap at the server
  const slow = http.createServer((_req, res) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(200).end();
    }, 150);
  });
  let port = 0;
  before(async () => {
    port = await listen(slow);
  });
  after(() => close(slow));
  const targets = (n: number, p = port): ProbeTarget[] => Array.from({ length: n }, (_, i) => ({ kind: 'ingress-http', object: { kind: 'Ingress', namespace: 'x', name: `i${i}` }, host: '127.0.0.1', port: p, scheme: 'http', path: `/${i}`, via: 'ingress-status' }));

  it('never more than the requested number of dials at once', async () => {
    peak = 0;
    const rs = await runProbes(targets(12), { concurrency: 3 });
    assert.equal(peak, 3);
    assert.deepEqual(rs.map((r) => r.target.object.name), targets(12).map((t) => t.object.name), 'results keep the order of the targets');
    assert.ok(rs.every((r) => r.outcome === 'open' && r.http?.status === 200));
  });

  it(`at most ${MAX_CONCURRENCY}, whatever is asked`, async () => {
    peak = 0;
    await runProbes(targets(20), { concurrency: 50 });
    assert.equal(peak, MAX_CONCURRENCY);
  });

  it('no targets, no dials; one attempt per target', async () => {
    assert.deepEqual(await runProbes([]), []);
    const closed = await closedPort();
    const rs = await runProbes(targets(2, closed));
    assert.deepEqual(rs.map((r) => `${r.outcome} ${r.phase ?? ''} ${r.detail ?? ''}`), ['refused connect ECONNREFUSED', 'refused connect ECONNREFUSED']);
  });

  it('records the evaluation time it was given', async () => {
    const [r] = await runProbes(targets(1), { now: '2030-01-02T03:04:05Z' });
    assert.equal(r?.at, '2030-01-02T03:04:05.000Z');
  });
});
