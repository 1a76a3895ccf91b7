// The CLI through the real executable (bin/kexplore.js), as a user or a CI job runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/kexplore.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'kexplore-cli-'));

function run(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  // HOME points at an empty dir so the developer's own ~/.kube/config never leaks in.
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmp, NO_COLOR: '1', ...env }, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface JsonOut {
  findings: { id: string; severity: string; object: { kind: string; namespace?: string; name: string }; message: string; hint: string; key: string; causes?: string[] }[];
  visibility: Record<string, { state: string }>;
  summary: { error: number; warning: number; info: number };
  paths: { entry: string; verdict: string; hops: { verdict: string }[] }[];
  rootCauses: { root: string; consequences: string[] }[];
}

function assertOneLineError(r: { code: number; stderr: string; stdout: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code 2 expected, got ${r.code}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${r.stderr}`);
  assert.match(lines[0] ?? '', /^kexplore: /);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace without --debug');
}

describe('kexplore check --demo', () => {
  const r = run(['check', '--demo', '-o', 'json']);
  const out = JSON.parse(r.stdout) as JsonOut;
  const ids = new Set(out.findings.map((f) => f.id));

  it('exits 1 because the demo has errors, and prints the JSON contract', () => {
    assert.equal(r.code, 1, r.stderr);
    assert.ok(out.summary.error > 0);
    for (const f of out.findings) {
      assert.match(f.severity, /^(error|warning|info)$/);
      assert.ok(f.object.kind && f.object.name && f.message && f.hint && f.key, JSON.stringify(f));
    }
    assert.equal(out.visibility.Service?.state, 'visible');
  });

  it('finds the headline problems on the right objects', () => {
    const on = (id: string, ns: string | undefined, name: string): boolean => out.findings.some((f) => f.id === id && f.object.namespace === ns && f.object.name === name);
    assert.ok(on('svc.selector-no-pods', 'shop', 'checkout'), 'selector typo');
    assert.ok(on('eps.no-ready', 'shop', 'cart'), 'crash-looping backends');
    assert.ok(on('ing.backend-service-missing', 'shop', 'promo'), 'missing backend Service');
    assert.ok(on('ingclass.no-controller', undefined, 'traefik'), 'no traefik controller');
    assert.ok(on('lb.pending', 'payments', 'gateway'), 'pending LoadBalancer');
    assert.ok(on('eps.no-ready', 'payments', 'api'), 'NodePort backends all on the lost node: no ready endpoint');
    assert.ok(on('nodeport.etp-local-no-endpoints', 'payments', 'ledger'), 'eTP Local in front of a VM: no node has a local endpoint');
        assert.ok(on('ing.class-not-found', 'shop', 'admin'), 'class nginx-internal does not exist');
    assert.ok(on('tls.host-not-covered', 'shop', 'shop-www'), 'certificate for www.example.com on shop.example.com');
  });

  it('links consequences to their root cause', () => {
    const root = out.rootCauses.find((c) => c.consequences.length > 0);
    assert.ok(root, 'at least one root cause with consequences');
    const consequence = out.findings.find((f) => f.key === root.consequences[0]);
    assert.deepEqual(consequence?.causes, [root.root]);
  });

  it('computes hop-by-hop paths with broken and ok entry points', () => {
    assert.ok(out.paths.some((p) => p.verdict === 'ok' && p.entry === 'https://store.example.com/'));
    const broken = out.paths.find((p) => p.entry === 'https://shop.example.com/checkout');
    assert.equal(broken?.verdict, 'broken');
  });
});

describe('-n on a dump or the demo scopes the report, not the analysis', () => {
  it("a controller missing for a class is still known in -n shop; -n payments, where nothing uses the class, does not list it", () => {
    const shop = JSON.parse(run(['check', '--demo', '-n', 'shop', '-o', 'json']).stdout) as { findings: { id: string; object: { name: string; namespace?: string } }[]; source: { namespace?: string }; summary: { services: number } };
    const ids = shop.findings.map((f) => `${f.id} ${f.object.name}`);
    assert.ok(ids.includes('ingclass.no-controller traefik'), ids.join('\n'));
    assert.ok(ids.includes('ing.not-admitted blog'));
    assert.ok(ids.includes('route.backend-crossns-no-grant reports'), 'the ReferenceGrant namespace (payments) is read although the scope is shop');
    assert.ok(shop.findings.every((f) => f.object.namespace === undefined || f.object.namespace === 'shop' || f.id.startsWith('netpol.')), 'only shop, and consequences of shop roots');
    assert.equal(shop.source.namespace, 'shop');
    const pay = JSON.parse(run(['check', '--demo', '-n', 'payments', '-o', 'json']).stdout) as typeof shop;
    assert.ok(!pay.findings.some((f) => f.id === 'ingclass.no-controller'), 'an IngressClass shows where its consequences are');
    assert.ok(pay.findings.some((f) => f.id === 'netpol.blocks-ingress-controller' && f.object.name === 'portal'), 'the controller pods in ingress-nginx are still known');
    assert.match(run(['check', '--demo', '-n', 'shop']).stdout, /— namespace shop\n/);
  });
});

describe('exit codes and formats', () => {
  it('--fail-on none exits 0', () => {
    assert.equal(run(['check', '--demo', '--fail-on', 'none', '-o', 'json']).code, 0);
  });
  it('text output groups problems by root cause and labels the demo', () => {
    const r = run(['check', '--demo']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /DEMO cluster/);
    assert.match(r.stdout, /Problems by root cause/);
    assert.match(r.stdout, /\d+ errors?, \d+ warnings?, \d+ info/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'NO_COLOR honoured');
  });
  it('junit output is XML with failures', () => {
    const r = run(['check', '--demo', '-o', 'junit']);
    assert.match(r.stdout, /^<\?xml version="1.0"/);
    assert.match(r.stdout, /<failure type="svc.selector-no-pods"/);
    assert.match(r.stdout, /<testsuites name="kexplore DEMO/, 'a demo report says DEMO');
  });
  it('a usage error is one line and exits 2', () => {
    assertOneLineError(run(['check', '--no-such-flag']), /unknown option '--no-such-flag' — run kexplore --help for usage/);
    assertOneLineError(run(['nosuchcommand']), /too many arguments/);
  });
  it('an invalid output format is one line and exits 2', () => {
    assertOneLineError(run(['check', '--demo', '-o', 'yaml']), /'yaml' is invalid\. Allowed choices are text, json, junit/);
  });
  it('control characters in the user\'s own arguments are not echoed raw', () => {
    const r = run(['check', '--snapshot', '\u001b[31mred']);
    assertOneLineError(r, /cannot read \^\[\[31mred/);
    assert.doesNotMatch(r.stderr, /\u001b/);
  });
  it('a reader that leaves early (| head) is no crash: findings still decide the exit code', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check --demo -o json | head -c 10 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmp }, timeout: 60_000 });
    assert.equal(r.stdout.trim(), 'rc=1');
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  });
  it('check --help lists the exit codes', () => {
    assert.match(run(['check', '--help']).stdout, /Exit codes:\n  0 .*\n  1 .*\n  2 /);
  });
});

describe('snapshots round trip', () => {
  it('kexplore snapshot writes a dump that check reads back with the same findings', () => {
    const file = join(tmp, 'demo-dump.json');
    const w = run(['snapshot', '--demo', '-o', file]);
    assert.equal(w.code, 0, w.stderr);
    const a = JSON.parse(run(['check', '--demo', '-o', 'json']).stdout) as JsonOut;
    const b = JSON.parse(run(['check', '--snapshot', file, '-o', 'json']).stdout) as JsonOut;
    const keys = (o: JsonOut): string[] => o.findings.filter((f) => f.severity === 'error').map((f) => f.key).sort();
    assert.deepEqual(keys(b), keys(a));
  });
  it('never writes private key material', () => {
    const r = run(['snapshot', '--demo']);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /PRIVATE KEY/);
    assert.match(r.stdout, /BEGIN CERTIFICATE/);
  });
});

describe('bad input: one line, exit 2, no stack trace', () => {
  it('missing snapshot file', () => {
    assertOneLineError(run(['check', '--snapshot', join(tmp, 'nope.json')]), /nope\.json/);
  });
  it('malformed JSON snapshot', () => {
    const f = join(tmp, 'broken.json');
    writeFileSync(f, '{"apiVersion": "v1", "kind": "List", "items": [');
    assertOneLineError(run(['check', '--snapshot', f]), /broken\.json/);
  });
  it('JSON that is not Kubernetes objects', () => {
    const f = join(tmp, 'not-k8s.json');
    writeFileSync(f, '{"hello": "world", "items": 3}');
    assertOneLineError(run(['check', '--snapshot', f]), /not-k8s\.json/);
  });
  it('Kubernetes objects with fields of the wrong type: the file, the object and the field are named', () => {
    const svc = (spec: string): string => `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":${spec}}]}`;
    const f = join(tmp, 'edited.json');
    writeFileSync(f, svc('{"ports":"80"}'));
    assertOneLineError(run(['check', '--snapshot', f]), /edited\.json: Service shop\/web: spec\.ports is not a list/);
    writeFileSync(f, svc('{"type":"nodeport","ports":[{"port":80}]}'));
    assertOneLineError(run(['check', '--snapshot', f]), /Service shop\/web: spec\.type "nodeport" is not one of/);
    writeFileSync(f, '{"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"gw","namespace":"infra"},"spec":{"gatewayClassName":"x","listeners":[null]}}');
    assertOneLineError(run(['check', '--snapshot', f]), /Gateway infra\/gw: spec\.listeners\[0\] is not an object/);
    writeFileSync(f, '{"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"gw","namespace":"infra"},"spec":{"gatewayClassName":"x"}}');
    assertOneLineError(run(['check', '--snapshot', f]), /Gateway infra\/gw: spec\.listeners is missing/);
  });
  it('no kubeconfig at all', () => {
    assertOneLineError(run(['check']), /kubeconfig/i);
  });
  it('missing --kubeconfig file', () => {
    assertOneLineError(run(['check', '--kubeconfig', join(tmp, 'missing-kubeconfig')]), /missing-kubeconfig/);
  });
  it('malformed kubeconfig', () => {
    const f = join(tmp, 'bad-kubeconfig');
    writeFileSync(f, 'apiVersion: v1\nkind: Config\nclusters: [ {name: a\n');
    assertOneLineError(run(['check', '--kubeconfig', f]), /bad-kubeconfig/);
  });
  const kubeconfig = (server: string): string => {
    const f = join(tmp, `kc-${server.replace(/\W/g, '')}`);
    writeFileSync(f, `apiVersion: v1\nkind: Config\ncurrent-context: dev\nclusters:\n- name: dev\n  cluster: {server: "${server}"}\nusers:\n- name: dev\n  user: {token: abc}\ncontexts:\n- name: dev\n  context: {cluster: dev, user: dev}\n`);
    return f;
  };
  it('unknown context', () => {
    assertOneLineError(run(['check', '--kubeconfig', kubeconfig('https://127.0.0.1:1'), '--context', 'prod']), /prod/);
  });
  it('unreachable server', () => {
    assertOneLineError(run(['check', '--kubeconfig', kubeconfig('https://127.0.0.1:1'), '--request-timeout', '3s']), /127\.0\.0\.1:1/);
  });
  const withUser = (name: string, user: string): string => {
    const f = join(tmp, `kc-user-${name}`);
    writeFileSync(f, `apiVersion: v1\nkind: Config\ncurrent-context: dev\nclusters:\n- name: dev\n  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}\nusers:\n- name: dev\n  user:\n${user}contexts:\n- name: dev\n  context: {cluster: dev, user: dev}\n`);
    return f;
  };
  it('an exec credential plugin that is not installed: the plugin is named, not the server', () => {
    const kc = withUser('exec', '    exec: {apiVersion: client.authentication.k8s.io/v1, command: kexplore-no-such-plugin, interactiveMode: Never}\n');
    assertOneLineError(run(['check', '--kubeconfig', kc]), /exec credential plugin of context "dev" failed: .*kexplore-no-such-plugin/);
  });
  it('an expired OIDC token whose issuer cannot be reached: says so and names the issuer', () => {
    // A JWT whose exp is 2020-09-13: client-node must refresh it through the issuer, which is down.
    const kc = withUser('oidc', '    auth-provider:\n      name: oidc\n      config: {client-id: kube, idp-issuer-url: "https://127.0.0.1:1/", refresh-token: abc, id-token: eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE2MDAwMDAwMDB9.c2ln}\n');
    assertOneLineError(run(['check', '--kubeconfig', kc]), /cannot refresh the OIDC token from https:\/\/127\.0\.0\.1:1\/ \(context "dev"\)/);
  });
  it('the UI refuses to start without a terminal, pointing at check', () => {
    assertOneLineError(run(['--demo']), /check/);
  });
  it('--debug adds the stack trace', () => {
    const r = run(['check', '--snapshot', join(tmp, 'nope.json'), '--debug']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\n\s+at /);
  });
});

describe('check --snapshot on a real kubectl dump (test/fixtures/shop-cluster.json)', () => {
  const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-cluster.json', import.meta.url));
  const r = run(['check', '--snapshot', FIXTURE, '-o', 'json']);
  const out = JSON.parse(r.stdout) as JsonOut;
  const notInfo = out.findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.id} ${f.object.namespace ?? '-'}/${f.object.name}`).sort();

  it('reports what the fixture README expects, and nothing else above info', () => {
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(notInfo, [
      'error eps.no-ready acme/web',
      'error ing.backend-no-endpoints acme/web',
      'error svc.targetport-name-unresolved acme/web',
      'error tls.cert-invalid acme/legacy',
      'warning ing.backend-port-missing acme/docs',
      'warning ing.class-none acme/web',
      'warning nodeport.etp-local-partial acme/worker',
      'warning svc.selectorless-no-endpoints acme/db-external',
    ]);
    assert.ok(out.findings.some((f) => f.id === 'svc.backends-scaled-to-zero' && f.object.name === 'batch'));
  });
  it('kinds absent from the dump are not visible, and their checks are skipped', () => {
    assert.equal(out.visibility.NetworkPolicy?.state, 'absent');
    assert.ok(!out.findings.some((f) => f.id.startsWith('netpol.') || f.id.startsWith('route.')));
  });
  it('legacy extensions/v1beta1 manifests are normalised and checked', () => {
    const m = JSON.parse(run(['check', '--snapshot', fileURLToPath(new URL('../../../test/fixtures/manifests.yaml', import.meta.url)), '-o', 'json']).stdout) as JsonOut;
    assert.ok(m.findings.some((f) => f.id === 'ing.backend-service-missing' && f.object.name === 'frontend'));
    assert.ok(m.findings.some((f) => f.id === 'ing.legacy-api' && f.object.name === 'admin'));
  });
});

describe('check --probe on a snapshot: the backend probe needs the live API server', () => {
  // a ClusterIP Service only: no node ports, no Ingress, so nothing is dialled from here
  const file = join(tmp, 'backend-only.yaml');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: ClusterIP, clusterIP: 10.96.0.10, selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-a, namespace: shop, labels: {app: web}}
spec: {nodeName: node-a, containers: [{name: app, image: app:1}]}
status: {phase: Running, podIP: 10.244.0.11, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abcde, namespace: shop, labels: {kubernetes.io/service-name: web, endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints: [{addresses: [10.244.0.11], conditions: {ready: true}, nodeName: node-a, targetRef: {kind: Pod, namespace: shop, name: web-a}}]
`,
  );

  it('JSON: a not-probed entry with the reason; text: one line saying why', () => {
    const j = run(['check', '--snapshot', file, '--probe', '-o', 'json']);
    assert.equal(j.code, 0, j.stderr);
    const probes = (JSON.parse(j.stdout) as { probes: { target: { kind: string; pod: string; port: number }; outcome: string; detail?: string }[] }).probes;
    assert.deepEqual(
      probes.map((p) => `${p.target.kind} ${p.target.pod}:${p.target.port} ${p.outcome} ${p.detail ?? ''}`),
      ['backend-via-apiserver web-a:8080 not-probed no live API server connection (offline snapshot)'],
    );
    const t = run(['check', '--snapshot', file, '--probe']);
    assert.equal(t.code, 0, t.stderr);
    const lines = t.stdout.split('\n').filter((l) => l.includes('through the API server proxy'));
    assert.deepEqual(lines, ['  From this machine, through the API server proxy: 1 backend port (shop/web) not probed: this is an offline snapshot, there is no API server to proxy through; whether the app listens is unknown.']);
  });
});
