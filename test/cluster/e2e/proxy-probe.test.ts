// probe.backend-via-apiserver (§11.5) end to end: kexplore asks the real kube-apiserver to proxy
// a GET to a pod. No container runs under kwok, so the "pod" is this machine: a hostNetwork pod
// on a kwok Node whose InternalIP is this machine's own address gets that address as its pod IP
// (kwok's pod-ready stage), and the API server dials our test listener there.
// The API server refuses to proxy to loopback/link-local pod IPs (apimachinery IsProxyableIP:
// 400 "address not allowed", checked on v1.36.3), hence a non-loopback IPv4 of this machine.
// Runs after cluster.test.tsx (alphabetical, serial); creates and deletes its own objects.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { runProbesFor } from '../../../src/cli/run-probes.js';
import { loadLiveSnapshot } from '../../../src/cluster/live-source.js';
import { buildGraph } from '../../../src/model/graph.js';
import { formatProbeResults } from '../../../src/probe/index.js';
import { BIN, env, until } from './env.js';

const KC = env('KUBECONFIG_KEXPLORE');
const ADMIN = env('KUBECONFIG_ADMIN');
const VIEWER = env('KUBECONFIG_VIEWER');
const AUDIT_LOG = env('AUDIT_LOG');

const NS = 'kx-proxy-probe';
const NODE = 'kx-proxy-host';

/** This machine's first non-loopback, non-link-local IPv4: the API server may proxy there. */
function hostIPv4(): string | undefined {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')) return a.address;
  return undefined;
}
const HOST_IP = hostIPv4();

function kubectl(args: string[], input?: string): string {
  return execFileSync('kubectl', ['--kubeconfig', ADMIN, '--request-timeout=20s', ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
}

interface Probe {
  target: { kind: string; pod?: string; port: number; servicePort?: number; host: string };
  outcome: string;
  proxy?: { verdict: string; status?: number; message?: string };
}
interface Out {
  findings: { id: string; severity: string; object: { kind: string; namespace?: string; name: string }; message: string; fields?: string[]; related?: { kind: string; name: string }[] }[];
  probes?: Probe[];
}

/** Async on purpose: the test's listener lives in this process and must answer meanwhile. */
function check(kubeconfig: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'check', '--kubeconfig', kubeconfig, '--grace', '0s', '--probe', '-n', NS, ...extra], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
const json = async (kubeconfig: string): Promise<{ code: number; out: Out; stderr: string }> => {
  const r = await check(kubeconfig, '-o', 'json');
  return { code: r.code, out: JSON.parse(r.stdout || '{"findings":[]}') as Out, stderr: r.stderr };
};
const backendProbes = (o: Out): Probe[] => (o.probes ?? []).filter((p) => p.target.kind === 'backend-via-apiserver').sort((a, b) => (a.target.servicePort ?? 0) - (b.target.servicePort ?? 0));


function listenAll(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => resolve((server.address() as AddressInfo).port));
  });
}

const manifests = (ip: string, open: number, closed: number): string => `
apiVersion: v1
kind: Node
metadata: {name: ${NODE}, labels: {kubernetes.io/hostname: ${NODE}}}
spec: {taints: [{key: kexplore.test/probe-only, effect: NoSchedule}]}
status: {addresses: [{type: InternalIP, address: "${ip}"}, {type: Hostname, address: ${NODE}}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: ${NS}}
---
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: ${NS}, labels: {app: app}}
spec:
  nodeName: ${NODE}
  hostNetwork: true
  tolerations: [{key: kexplore.test/probe-only, operator: Exists}]
  containers: [{name: app, image: example.invalid/app:1}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${NS}}
spec:
  selector: {app: app}
  ports:
  - {name: http, port: 80, targetPort: ${open}}
  - {name: admin, port: 81, targetPort: ${closed}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: tui-viewers, namespace: ${NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "tui:viewers"}]
`;

describe('probe.backend-via-apiserver through the real API server', { skip: HOST_IP ? false : 'this machine has no non-loopback IPv4: the API server refuses to proxy to loopback pod IPs ("address not allowed")' }, () => {
  const seen: string[] = [];
  const app = http.createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
  });
  let open = 0;
  let closed = 0;

  before(async () => {
    open = await listenAll(app);
    // bound, then released: nothing listens there while the tests run
    const spare = http.createServer();
    closed = await listenAll(spare);
    await new Promise<void>((r) => spare.close(() => r()));
    // a new namespace's default ServiceAccount is created by KCM a moment later; until then the
    // ServiceAccount admission plugin refuses its pods: apply again (idempotent) until accepted
    const m = manifests(HOST_IP ?? '', open, closed);
    await until('the manifests accepted (the namespace\'s default ServiceAccount exists)', () => {
      try {
        kubectl(['apply', '-f', '-'], m);
        return true;
      } catch (e) {
        if (/serviceaccount "default" not found/.test(String((e as { stderr?: unknown }).stderr ?? e))) return undefined;
        throw e;
      }
    });
    // kwok makes the pod Ready with the node's address; KCM then writes the EndpointSlice
    await until('a ready endpoint on this machine\'s address', () => {
      const s = JSON.parse(kubectl(['-n', NS, 'get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'json'])) as { items: { endpoints?: { addresses: string[]; conditions?: { ready?: boolean }; targetRef?: { name?: string } }[]; ports?: unknown[] }[] };
      const e = s.items.flatMap((x) => (x.ports?.length === 2 ? (x.endpoints ?? []) : []));
      return e.some((x) => x.addresses[0] === HOST_IP && x.conditions?.ready === true && x.targetRef?.name === 'app') ? true : undefined;
    });
    await until('the viewer may list services there', () => (spawnSync('kubectl', ['--kubeconfig', VIEWER, '-n', NS, 'auth', 'can-i', 'list', 'services']).status === 0 ? true : undefined));
  });

  after(async () => {
    app.closeAllConnections();
    await new Promise<void>((r) => app.close(() => r()));
    // namespace first, and wait: kwok finishes the pod's deletion only while it still manages the node
    kubectl(['delete', 'namespace', NS, '--ignore-not-found', '--wait=true', '--timeout=60s']);
    kubectl(['delete', 'node', NODE, '--ignore-not-found']);
  });

  it('JSON: listening where the app answers, refused where nothing listens, an error finding on the Service for the latter', async () => {
    seen.length = 0;
    const r = await json(KC);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      backendProbes(r.out).map((p) => `${p.target.servicePort} ${p.target.pod} ${p.target.host}:${p.target.port} ${p.outcome} ${p.proxy?.verdict} ${p.proxy?.status}`),
      [`80 app ${HOST_IP}:${open} open listening 200`, `81 app ${HOST_IP}:${closed} refused refused 503`],
    );
    // the API server really dialled our listener (the proxy strips its own path prefix)
    assert.deepEqual(seen, ['GET /']);
    assert.match(backendProbes(r.out)[1]?.proxy?.message ?? '', new RegExp(`dial tcp ${HOST_IP?.replace(/\./g, '\\.')}:${closed}: connect: connection refused`));
    const found = r.out.findings.filter((f) => f.id === 'probe.backend-via-apiserver');
    assert.deepEqual(
      found.map((f) => [f.severity, `${f.object.kind}/${f.object.namespace}/${f.object.name}`, f.fields, f.related?.map((x) => `${x.kind}/${x.name}`)]),
      [['error', `Service/${NS}/web`, ['spec.ports[1].targetPort'], ['Pod/app']]],
    );
    assert.equal(found[0]?.message, `From this machine, through the API server proxy: pod app does not listen on port ${closed} (connection refused through the API server proxy), the targetPort of port 81 (admin) of Service ${NS}/web.`);
  });

  it('text: one line per port, phrased "from this machine, through the API server proxy"', async () => {
    const r = await check(KC);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.includes('through the API server proxy'));
    assert.ok(lines.some((l) => l.trim() === `From this machine, through the API server proxy, pod app answers on port ${open} (HTTP 200): the app listens on the targetPort of port 80 (http) of Service ${NS}/web.`), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes(`pod app does not listen on port ${closed} (connection refused through the API server proxy)`)), lines.join('\n'));
  });

  it('a user who may view the namespace but not get pods/proxy: not probed, said once, no finding, no error', async () => {
    const r = await json(VIEWER);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(backendProbes(r.out).map((p) => `${p.target.servicePort} ${p.outcome} ${p.proxy?.verdict}`), ['80 not-probed forbidden', '81 not-probed forbidden']);
    assert.ok(!r.out.findings.some((f) => f.id === 'probe.backend-via-apiserver'));
    const t = await check(VIEWER);
    assert.equal(t.code, 0, t.stderr);
    const lines = t.stdout.split('\n').filter((l) => l.includes('pods/proxy'));
    assert.deepEqual(lines, [`  From this machine, through the API server proxy: 2 backend ports (${NS}/web) not probed: your user may not get pods/proxy in namespace ${NS} (a powerful permission, usually denied); whether the apps listen is unknown.`]);
  });

  it("the UI's p on the Service (same code path, selection only): a line per port", async () => {
    const s = await loadLiveSnapshot({ kubeconfig: KC, namespace: NS });
    const lines = formatProbeResults(await runProbesFor(s, buildGraph(s), { service: { kind: 'Service', namespace: NS, name: 'web' } }, { kubeconfig: KC }));
    assert.deepEqual(
      lines.map((l) => l.replace(/ on port \d+/, ' on port N')),
      [
        `From this machine, through the API server proxy, pod app answers on port N (HTTP 200): the app listens on the targetPort of port 80 (http) of Service ${NS}/web.`,
        `From this machine, through the API server proxy: pod app does not listen on port N (connection refused through the API server proxy), the targetPort of port 81 (admin) of Service ${NS}/web.`,
      ],
    );
  });

  it("read-only: kexplore's proxy requests are `get` on pods/proxy, and its user still sent nothing mutating", () => {
    const events = readFileSync(AUDIT_LOG, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { verb: string; requestURI: string; user: { username: string }; objectRef?: { resource?: string; subresource?: string; namespace?: string } })
      .filter((e) => e.user.username === 'kexplore-e2e');
    const proxied = events.filter((e) => e.objectRef?.subresource === 'proxy');
    assert.ok(proxied.some((e) => e.objectRef?.namespace === NS), 'the proxy GETs are in the audit log');
    assert.deepEqual([...new Set(proxied.map((e) => `${e.verb} ${e.objectRef?.resource}/${e.objectRef?.subresource}`))], ['get pods/proxy']);
    assert.ok(proxied.filter((e) => e.objectRef?.namespace === NS).every((e) => e.requestURI.startsWith(`/api/v1/namespaces/${NS}/pods/app:`) && e.requestURI.endsWith('/proxy/')));
    const allowed = (e: (typeof events)[number]): boolean => ['get', 'list', 'watch'].includes(e.verb) || (e.verb === 'create' && /^selfsubject(access|rules)reviews$/.test(e.objectRef?.resource ?? ''));
    assert.deepEqual(events.filter((e) => !allowed(e)).map((e) => `${e.verb} ${e.requestURI}`), []);
  });
});
