// npm run bench: how the pure engine scales with cluster size (perf.md §7.3 tiers), offline.
// Generates raw objects shaped like `kubectl get -o json` output (with managedFields), then
// measures projection (slim), graph build and the full check run, plus retained heap.
// Usage: node dist/bench/run.js [S|M|L|XL ...]   (default: S M L; XL needs ~2 GB heap)
import { performance } from 'node:perf_hooks';
import { CATALOG } from '../src/checks/catalog/index.js';
import { runChecks } from '../src/checks/engine.js';
import { buildGraph } from '../src/model/graph.js';
import { slim } from '../src/model/slim.js';
import { snapshotFrom } from '../src/model/snapshot.js';
import { KINDS, type AnyObject } from '../src/model/types.js';

interface Tier {
  name: string;
  nodes: number;
  pods: number;
  services: number;
  ingresses: number;
  namespaces: number;
}

const TIERS: Record<string, Tier> = {
  S: { name: 'S', nodes: 10, pods: 500, services: 100, ingresses: 20, namespaces: 10 },
  M: { name: 'M', nodes: 500, pods: 15_000, services: 1_000, ingresses: 200, namespaces: 100 },
  L: { name: 'L', nodes: 2_000, pods: 60_000, services: 4_000, ingresses: 800, namespaces: 1_000 },
  XL: { name: 'XL', nodes: 5_000, pods: 150_000, services: 10_000, ingresses: 2_000, namespaces: 2_000 },
};

const managedFields = [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-11-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:containers': {} } } }];

function* generate(t: Tier): Generator<Record<string, unknown>> {
  for (let n = 0; n < t.nodes; n++)
    yield { kind: 'Node', metadata: { name: `node-${n}`, labels: { 'topology.kubernetes.io/zone': `z${n % 3}` }, managedFields }, status: { addresses: [{ type: 'InternalIP', address: `10.1.${n >> 8}.${n & 255}` }], conditions: [{ type: 'Ready', status: n % 97 === 0 ? 'False' : 'True' }], images: [{ names: ['registry/app:1'], sizeBytes: 1 }] } };
  for (let i = 0; i < t.namespaces; i++) yield { kind: 'Namespace', metadata: { name: `ns-${i}`, labels: { 'kubernetes.io/metadata.name': `ns-${i}` } } };
  const podsPerSvc = Math.max(1, Math.floor(t.pods / t.services));
  for (let s = 0; s < t.services; s++) {
    const ns = `ns-${s % t.namespaces}`;
    const app = `app-${s}`;
    const typo = s % 20 === 7; // ~5 % selectors match nothing
    const notReady = s % 33 === 5; // ~3 % all endpoints not ready
    const type = s % 10 === 0 ? 'NodePort' : s % 25 === 0 ? 'LoadBalancer' : 'ClusterIP';
    yield { kind: 'Service', metadata: { name: `svc-${s}`, namespace: ns, creationTimestamp: '2026-11-01T00:00:00Z', managedFields }, spec: { type, clusterIP: `10.96.${s >> 8}.${s & 255}`, selector: { app: typo ? `${app}x` : app }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', ...(type !== 'ClusterIP' ? { nodePort: 30000 + (s % 2767) } : {}) }] }, status: { loadBalancer: {} } };
    const endpoints: unknown[] = [];
    for (let p = 0; p < podsPerSvc; p++) {
      const ip = `10.${(s >> 8) & 255}.${s & 255}.${p + 1}`;
      const node = `node-${(s * 7 + p) % t.nodes}`;
      const name = `${app}-5d8f7b9c4-${p}`;
      yield {
        kind: 'Pod',
        metadata: { name, namespace: ns, labels: { app, 'pod-template-hash': '5d8f7b9c4', tier: 'backend', team: `t${s % 13}` }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-01T00:00:00Z', 'prometheus.io/scrape': 'true' }, ownerReferences: [{ kind: 'ReplicaSet', name: `${app}-5d8f7b9c4`, controller: true }], managedFields },
        spec: { nodeName: node, containers: [{ name: 'app', image: 'registry/app:1', env: Array.from({ length: 10 }, (_, k) => ({ name: `E${k}`, value: 'x'.repeat(40) })), ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { path: '/healthz', port: 8080 } }, resources: { requests: { cpu: '100m', memory: '128Mi' } } }], volumes: [{ name: 'token', projected: { sources: [] } }] },
        status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: notReady ? 'False' : 'True' }], containerStatuses: [{ name: 'app', ready: !notReady, restartCount: 0, state: { running: {} } }] },
      };
      if (!typo) endpoints.push({ addresses: [ip], conditions: { ready: !notReady, serving: !notReady, terminating: false }, nodeName: node, targetRef: { kind: 'Pod', namespace: ns, name } });
    }
    for (let off = 0; off === 0 || off < endpoints.length; off += 100)
      yield { kind: 'EndpointSlice', addressType: 'IPv4', metadata: { name: `svc-${s}-${off}`, namespace: ns, labels: { 'kubernetes.io/service-name': `svc-${s}`, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } }, ports: endpoints.length ? [{ name: 'http', port: 8080, protocol: 'TCP' }] : null, endpoints: endpoints.length ? endpoints.slice(off, off + 100) : null };
  }
  yield { kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } };
  for (let i = 0; i < t.ingresses; i++) {
    const s = (i * 5) % t.services;
    const missing = i % 50 === 3; // ~2 % backends to missing Services
    yield { kind: 'Ingress', metadata: { name: `ing-${i}`, namespace: `ns-${s % t.namespaces}`, creationTimestamp: '2026-11-01T00:00:00Z' }, spec: { ingressClassName: 'nginx', rules: [{ host: `h${i}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: missing ? `gone-${i}` : `svc-${s}`, port: { number: 80 } } } }] } }] } };
  }
}

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(0);
}

function runTier(t: Tier): Record<string, number | string> {
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let t0 = performance.now();
  const objects: AnyObject[] = [];
  let rawBytes = 0;
  for (const raw of generate(t)) {
    // Serialise/parse each object as the API client would, so projection cost is realistic.
    const text = JSON.stringify(raw);
    rawBytes += text.length;
    const o = slim(JSON.parse(text) as unknown);
    if (o) objects.push(o);
  }
  const ingestMs = performance.now() - t0;
  const s = snapshotFrom(objects, { type: 'snapshot' }, '2026-11-25T00:00:00Z', { seen: KINDS });
  t0 = performance.now();
  const g = buildGraph(s);
  const graphMs = performance.now() - t0;
  t0 = performance.now();
  const r = runChecks(s, g, { now: '2026-11-25T00:00:00Z', graceMs: 300_000 });
  const checksMs = performance.now() - t0;
  if (process.argv.includes('--by-check')) {
    // the slowest checks, to know where the time goes
    const times = CATALOG.map((c) => {
      const t1 = performance.now();
      runChecks(s, g, { now: '2026-11-25T00:00:00Z', graceMs: 300_000 }, [c]);
      return { check: c.ids[0] ?? '?', ms: Math.round(performance.now() - t1) };
    }).sort((a, b) => b.ms - a.ms);
    process.stderr.write(`${t.name} slowest checks: ${JSON.stringify(times.slice(0, 6))}\n`);
  }
  global.gc?.();
  const retained = process.memoryUsage().heapUsed - heap0;
  return { tier: t.name, objects: objects.length, rawMB: Number(mb(rawBytes)), ingestMs: Math.round(ingestMs), graphMs: Math.round(graphMs), checksMs: Math.round(checksMs), findings: r.findings.length, paths: r.paths.length, retainedMB: Number(mb(retained)), bytesPerObjectRetained: Math.round(retained / objects.length) };
}

const wanted = process.argv.slice(2).filter((a) => TIERS[a]);
const tiers = (wanted.length ? wanted : ['S', 'M', 'L']).map((n) => TIERS[n]).filter((t): t is Tier => t !== undefined);
const rows = tiers.map(runTier);
for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
console.table(rows);
