// A Service whose pods sit on a NotReady node, with a long finding and a long path hop: for
// the detail view (wrapping, node and pod details, related findings).
import type { Finding, Report } from '../../src/checks/types.js';
import { buildGraph } from '../../src/model/graph.js';
import type { AnyObject } from '../../src/model/types.js';
import type { Analyse } from '../../src/ui/types.js';
import { ns, pod, slice, snapshotOf, svc } from './fixtures.js';
import { node } from './wide-fixtures.js';

export const LONG_MESSAGE =
  'Service payments/api has no ready endpoint: it has 2 endpoints but none is ready: api-1 (node node-c NotReady), api-2 (node node-c NotReady), so every connection fails.';
export const LONG_HOP = '0/2 ready; not ready: api-1 (node node-c NotReady), api-2 (node node-c NotReady); the answer comes from no pod at all';

export function detailObjects(): AnyObject[] {
  const api = svc('payments', 'api', { selector: { app: 'api' }, clusterIP: '10.96.0.29' });
  const pods = [pod('payments', 'api-1', { app: 'api' }, false, '10.244.3.12', 'node-c'), pod('payments', 'api-2', { app: 'api' }, false, '10.244.3.13', 'node-c')];
  return [ns('payments'), node('node-a', '203.0.113.11'), node('node-c', '203.0.113.13', false), api, ...pods, slice(api, pods)];
}

const API = { kind: 'Service', namespace: 'payments', name: 'api' } as const;

export function detailReport(): Report {
  const f: Finding = {
    id: 'eps.no-ready',
    severity: 'error',
    object: API,
    message: LONG_MESSAGE,
    hint: 'fix the readiness of the pods shown',
    related: [
      { kind: 'Pod', namespace: 'payments', name: 'api-1' },
      { kind: 'Node', name: 'node-c' },
    ],
    key: 'eps.no-ready|Service/payments/api',
  };
  return {
    findings: [f],
    skipped: [],
    rootCauses: [],
    paths: [
      {
        entry: '203.0.113.11:30443',
        kind: 'nodeport',
        from: API,
        service: API,
        verdict: 'broken',
        hops: [{ label: 'endpoints', verdict: 'broken', detail: LONG_HOP, object: API, field: 'spec.selector' }],
      },
    ],
    summary: { error: 1, warning: 0, info: 0, services: 1, ingresses: 0, httpRoutes: 0, grpcRoutes: 0 },
  };
}

export const detailAnalyse: Analyse = (s) => ({ graph: buildGraph(s), report: detailReport() });
export const detailSnapshot = () => snapshotOf(detailObjects());
