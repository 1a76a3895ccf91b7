import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listContexts, loadKubeConfig } from '../../../src/cluster/kubeconfig.js';
import { UserError } from '../../../src/cluster/source-types.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'kx-kubeconfig-'));

function config(name: string, server: string, current?: string, extraContexts: string[] = []): string {
  const ctxs = [name, ...extraContexts].map((c) => `- name: ${c}\n  context: {cluster: ${name}, user: ${name}, namespace: ns-${c}}`).join('\n');
  return `apiVersion: v1
kind: Config
clusters:
- name: ${name}
  cluster: {server: "${server}", certificate-authority: ca.crt}
users:
- name: ${name}
  user: {token: t-${name}}
contexts:
${ctxs}
${current ? `current-context: ${current}` : ''}
`;
}

function write(d: string, file: string, text: string): string {
  const p = join(d, file);
  writeFileSync(p, text);
  return p;
}

const rejects = (fn: () => unknown, re: RegExp, hint?: RegExp): void => {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof UserError, `expected UserError, got ${String(err)}`);
    assert.match(err.message, re);
    assert.doesNotMatch(err.message, /\n/);
    if (hint) assert.match(err.hint ?? '', hint);
    return true;
  });
};

describe('kubeconfig', () => {
  it('no KUBECONFIG, no ~/.kube/config, not in cluster → UserError with the --demo hint', () => {
    const home = dir();
    rejects(() => loadKubeConfig({ env: { HOME: home } }), /^no kubeconfig found \(KUBECONFIG unset, ~\/\.kube\/config missing\)$/, /--kubeconfig.*KUBECONFIG.*--demo/);
  });

  it('falls back to ~/.kube/config and resolves relative paths against its directory', () => {
    const home = dir();
    mkdirSync(join(home, '.kube'));
    write(join(home, '.kube'), 'config', config('home', 'https://home:6443', 'home'));
    const l = loadKubeConfig({ env: { HOME: home } });
    assert.equal(l.context, 'home');
    assert.equal(l.server, 'https://home:6443');
    assert.equal(l.namespace, 'ns-home');
    assert.equal(l.cluster.caFile, join(home, '.kube', 'ca.crt'));
    assert.deepEqual(l.files, [join(home, '.kube', 'config')]);
  });

  it('merges KUBECONFIG files like kubectl: first current-context and first definition win, missing files skipped', () => {
    const d = dir();
    const a = write(d, 'a', config('a', 'https://a:6443', 'a'));
    const b = write(d, 'b', config('b', 'https://b:6443', 'b', ['a']));
    const env = { HOME: dir(), KUBECONFIG: [join(d, 'missing'), a, b].join(':') };
    const l = loadKubeConfig({ env });
    assert.equal(l.context, 'a', 'first file with current-context wins (client-node lets the last win)');
    assert.equal(l.server, 'https://a:6443');
    assert.deepEqual(listContexts({ env }), { contexts: ['a', 'b'], current: 'a' });
    // duplicate context "a" in b is ignored rather than an error
    assert.equal(loadKubeConfig({ env, context: 'b' }).server, 'https://b:6443');
  });

  it('KUBECONFIG naming only missing files → no kubeconfig found, naming them', () => {
    rejects(() => loadKubeConfig({ env: { HOME: dir(), KUBECONFIG: '/nope/a:/nope/b' } }), /no kubeconfig found \(KUBECONFIG files missing: \/nope\/a, \/nope\/b\)/);
  });

  it('--kubeconfig wins over KUBECONFIG', () => {
    const d = dir();
    const a = write(d, 'a', config('a', 'https://a:6443', 'a'));
    const b = write(d, 'b', config('b', 'https://b:6443', 'b'));
    assert.equal(loadKubeConfig({ kubeconfig: b, env: { KUBECONFIG: a } }).context, 'b');
  });

  it('unknown --context lists the available ones', () => {
    const d = dir();
    const a = write(d, 'a', config('a', 'https://a:6443', 'a', ['staging']));
    rejects(() => loadKubeConfig({ kubeconfig: a, context: 'prod' }), /context "prod" not found in .*\/a$/, /available: a, staging/);
  });

  it('malformed YAML → one line naming the file and the parse problem', () => {
    const d = dir();
    const bad = write(d, 'bad', 'clusters:\n  - name: x\n   cluster: [\n');
    rejects(() => loadKubeConfig({ kubeconfig: bad }), new RegExp(`^invalid kubeconfig ${bad}: .+`));
  });

  it('a cluster without server → invalid kubeconfig naming the field', () => {
    const d = dir();
    const bad = write(d, 'bad', 'clusters:\n- name: x\n  cluster: {}\ncontexts: []\nusers: []\n');
    rejects(() => loadKubeConfig({ kubeconfig: bad }), /invalid kubeconfig .*: clusters\[0\]\.cluster is missing|cluster\.server is missing/);
  });

  it('unreadable --kubeconfig → cannot read, naming the file', () => {
    rejects(() => loadKubeConfig({ kubeconfig: '/nope/config' }), /^cannot read kubeconfig \/nope\/config: ENOENT$/);
  });

  it('no current-context and no --context → asks for --context', () => {
    const d = dir();
    const a = write(d, 'a', config('a', 'https://a:6443'));
    rejects(() => loadKubeConfig({ kubeconfig: a }), /no current-context/, /--context \(available: a\)/);
  });

  it('in-cluster: service account token and KUBERNETES_SERVICE_HOST', () => {
    const root = dir();
    const sa = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), 'sa-token');
    writeFileSync(join(sa, 'namespace'), 'team-a');
    const before = process.env.KUBERNETES_SERVICE_HOST;
    const l = loadKubeConfig({ env: { HOME: dir(), KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }, inClusterRoot: root });
    assert.equal(l.inCluster, true);
    assert.equal(l.server, 'https://10.0.0.1:443');
    assert.equal(l.namespace, 'team-a');
    assert.equal(process.env.KUBERNETES_SERVICE_HOST, before, 'process.env restored');
    // without the env vars, the token file alone is not enough
    rejects(() => loadKubeConfig({ env: { HOME: dir() }, inClusterRoot: root }), /no kubeconfig found/);
  });
});

describe('server address, as client-go reads it', () => {
  const load = (server: string, user = '{token: t}', cluster = ''): ReturnType<typeof loadKubeConfig> => {
    const d = dir();
    const file = write(d, 'config', `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "${server}"${cluster}}
users:
- name: u
  user: ${user}
contexts:
- name: x
  context: {cluster: c, user: u}
current-context: x
`);
    return loadKubeConfig({ kubeconfig: file, env: { HOME: d } });
  };

  it('no scheme: https when TLS is configured, http otherwise', () => {
    assert.equal(load('10.0.0.1:6443', '{token: t}', ', certificate-authority-data: Zm9v').server, 'https://10.0.0.1:6443');
    assert.equal(load('127.0.0.1:8001').server, 'http://127.0.0.1:8001');
  });

  it('plain http (kubectl proxy) is allowed: client-node gets credentials without a TLS error', async () => {
    const l = load('http://127.0.0.1:8001');
    assert.equal(l.cluster.skipTLSVerify, true);
    const opts: { headers?: Record<string, unknown> } = {};
    await l.kc.applyToHTTPSOptions(opts);
    assert.equal(opts.headers?.Authorization, 'Bearer t');
  });

  it('an https server keeps its TLS verification', () => {
    assert.notEqual(load('https://10.0.0.1:6443').cluster.skipTLSVerify, true);
  });

  it('an invalid or unsupported address is a clear error naming the cluster', () => {
    rejects(() => load('https://exa mple.com'), /cluster "c" has an invalid server address/, /clusters\[\]\.cluster\.server/);
    rejects(() => load('ftp://x'), /only https:\/\/ and http:\/\//);
  });
});
