// netpol.* (diagnostics.md §10a): H8 on the controller → backend path, target ports, external
// sources, dangling selectors; and where kexplore differs from k8sgpt, popeye and kube-linter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, ingress, nginxInstall, node, ofKind, rule, run, service, skippedIds, snap, withSlices, type Raw } from './fixtures/build.js';
import { namespace, netpol } from './fixtures2/objects.js';

const api = (o: { type?: 'NodePort'; etp?: 'Local'; labels?: Record<string, string>[] } = {}): Raw[] => {
  const d = deployment('pay', 'api', { app: 'api' }, { pods: (o.labels ?? [{}]).map(() => ({ node: 'node-a' })) });
  // per-pod extra labels (to isolate only some pods)
  ofKind(d, 'Pod').forEach((p, i) => {
    const m = (p as { metadata: { labels: Record<string, string> } }).metadata;
    m.labels = { ...m.labels, ...(o.labels?.[i] ?? {}) };
  });
  const svc = service('pay', 'api', { ...(o.type ? { type: o.type } : {}), ...(o.etp ? { externalTrafficPolicy: o.etp } : {}), selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  return [...d, ...withSlices(svc, ofKind(d, 'Pod'))];
};

function world(policies: Raw[], o: { hostNetwork?: boolean; nsLabels?: Record<string, string>; api?: Parameters<typeof api>[0] } = {}): Raw[] {
  const nginx = nginxInstall();
  if (o.hostNetwork) for (const p of ofKind(nginx, 'Pod')) (p as { spec: Raw }).spec.hostNetwork = true;
  return [node('node-a', { ip: '10.0.0.21' }), namespace('pay'), namespace('ingress-nginx', o.nsLabels), ...nginx, ...api(o.api), ingress('pay', 'api', { ingressClassName: 'nginx', rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { address: '203.0.113.10' }), ...policies];
}

const denyAll = netpol('pay', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const sameNs = netpol('pay', 'allow-same-namespace', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] });
const fromNginx = (peer: Raw, ports: Raw[] = [{ protocol: 'TCP', port: 8080 }]): Raw => netpol('pay', 'allow-ingress-nginx', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [peer], ports }] });
const nsPeer = (labels: Record<string, string>): Raw => ({ namespaceSelector: { matchLabels: labels } });

describe('netpol.blocks-ingress-controller', () => {
  it('error on the Service when policies isolate its pods and nothing admits the controller', () => {
    const r = run(snap(world([denyAll, sameNs])));
    const [f] = ids(r, 'netpol.blocks-ingress-controller');
    assert.deepEqual([f?.severity, f?.object], ['error', { kind: 'Service', namespace: 'pay', name: 'api' }]);
    assert.match(f?.message ?? '', /pay\/default-deny, pay\/allow-same-namespace isolates the ready pods behind Service pay\/api/);
    assert.match(f?.message ?? '', /port 8080\/TCP/);
    assert.ok(f?.related?.some((x) => x.kind === 'Ingress' && x.name === 'api'));
    assert.deepEqual(f?.fields, ['spec.ingress']);
  });
  it('quiet when a rule admits the controller namespace on the target port (number or name)', () => {
    assert.equal(ids(run(snap(world([denyAll, fromNginx(nsPeer({ 'kubernetes.io/metadata.name': 'ingress-nginx' }))]))), 'netpol.blocks-ingress-controller').length, 0);
    assert.equal(ids(run(snap(world([denyAll, fromNginx(nsPeer({ 'kubernetes.io/metadata.name': 'ingress-nginx' }), [{ port: 'http' }])]))), 'netpol.blocks-ingress-controller').length, 0);
  });
  it('namespace and pod selector in one peer are ANDed', () => {
    const both = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'other' } } };
    assert.equal(ids(run(snap(world([denyAll, fromNginx(both)]))), 'netpol.blocks-ingress-controller').length, 1);
  });
  it('a custom namespace label is read from the Namespace object; unknown (quiet) when Namespaces are hidden', () => {
    const peer = nsPeer({ 'network.example.com/ingress': 'true' });
    assert.equal(ids(run(snap(world([denyAll, fromNginx(peer)], { nsLabels: { 'network.example.com/ingress': 'true' } }))), 'netpol.blocks-ingress-controller').length, 0);
    assert.equal(ids(run(snap(world([denyAll, fromNginx(peer)]))), 'netpol.blocks-ingress-controller').length, 1);
    const hidden = world([denyAll, fromNginx(peer)]).filter((o) => o.kind !== 'Namespace');
    assert.equal(ids(run(snap(hidden, { Namespace: { state: 'forbidden' } })), 'netpol.blocks-ingress-controller').length, 0);
  });
  it('a hostNetwork controller connects from its node: only an ipBlock covering the node admits it', () => {
    const peer = nsPeer({ 'kubernetes.io/metadata.name': 'ingress-nginx' });
    assert.match(ids(run(snap(world([denyAll, fromNginx(peer)], { hostNetwork: true }))), 'netpol.blocks-ingress-controller')[0]?.message ?? '', /node addresses .*10\.0\.0\.21/);
    assert.equal(ids(run(snap(world([denyAll, fromNginx({ ipBlock: { cidr: '10.0.0.0/24' } })], { hostNetwork: true }))), 'netpol.blocks-ingress-controller').length, 0);
  });
  it('warning when only some backends are isolated', () => {
    const only = netpol('pay', 'deny-canary', { podSelector: { matchLabels: { track: 'canary' } }, policyTypes: ['Ingress'] });
    const [f] = ids(run(snap(world([only], { api: { labels: [{}, { track: 'canary' }] } }))), 'netpol.blocks-ingress-controller');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /1 of 2 ready pods/);
  });
  it('skipped when NetworkPolicies are forbidden; quiet for a namespace outside partial visibility', () => {
    const r = run(snap(world([denyAll]), { NetworkPolicy: { state: 'forbidden' } }));
    assert.equal(r.findings.filter((f) => f.id.startsWith('netpol.')).length, 0);
    for (const id of ['netpol.blocks-ingress-controller', 'netpol.blocks-all-clients', 'netpol.dangling-selector']) assert.ok(skippedIds(r).includes(id), id);
    assert.equal(ids(run(snap(world([denyAll]), { NetworkPolicy: { state: 'partial', namespaces: ['ingress-nginx'] } })), 'netpol.blocks-ingress-controller').length, 0);
  });
});

describe('netpol.service-port-instead-of-target and netpol.blocks-all-clients', () => {
  it('service-port-instead-of-target: the rule opens the Service port 80, pods listen on 8080', () => {
    const r = run(snap(world([fromNginx(nsPeer({ 'kubernetes.io/metadata.name': 'ingress-nginx' }), [{ protocol: 'TCP', port: 80 }])])));
    const [f] = ids(r, 'netpol.service-port-instead-of-target');
    assert.deepEqual([f?.severity, f?.fields], ['warning', ['spec.ingress[0].ports[0].port']]);
    assert.deepEqual(f?.related, [{ kind: 'NetworkPolicy', namespace: 'pay', name: 'allow-ingress-nginx' }]);
    assert.equal(ids(r, 'netpol.blocks-all-clients').length, 0, 'the specific cause only');
    assert.equal(ids(r, 'netpol.blocks-ingress-controller')[0]?.causedBy, undefined, 'earlier in the Appendix C order');
  });
  it('blocks-all-clients: a deny-all isolates the pods and no rule opens 8080', () => {
    const [f] = ids(run(snap(world([denyAll]))), 'netpol.blocks-all-clients');
    assert.deepEqual([f?.severity, f?.object.name], ['warning', 'api']);
    assert.match(f?.message ?? '', /No NetworkPolicy rule opens port 8080\/TCP/);
  });
  it('quiet when some rule opens the port (to anyone), and for egress-only policies', () => {
    assert.equal(ids(run(snap(world([denyAll, sameNs]))), 'netpol.blocks-all-clients').length, 0);
    const egress = netpol('pay', 'egress-only', { podSelector: {}, policyTypes: ['Egress'] });
    const r = run(snap(world([egress])));
    assert.equal(r.findings.filter((f) => f.id.startsWith('netpol.') && f.id !== 'netpol.dangling-selector').length, 0);
  });
  it('differs from popeye: a deny-all with a non-empty podSelector counts too (POP-1203 only reports empty selectors, as info)', () => {
    const deny = netpol('pay', 'deny-api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] });
    assert.equal(ids(run(snap(world([deny]))), 'netpol.blocks-all-clients')[0]?.severity, 'warning');
  });
  it('differs from kube-linter: a pod no NetworkPolicy selects is not a finding (non-isolated-pod answers the inverse question)', () => {
    assert.equal(run(snap(world([]))).findings.filter((f) => f.id.startsWith('netpol.')).length, 0);
  });
  it('endPort ranges count as opening the port', () => {
    const range = netpol('pay', 'range', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 8100 }] }] });
    assert.equal(ids(run(snap(world([range]))), 'netpol.blocks-all-clients').length, 0);
  });
});

describe('netpol.external-traffic-blocked', () => {
  const ext = (etp?: 'Local'): Parameters<typeof world>[1] => ({ api: { type: 'NodePort', ...(etp ? { etp } : {}) } });
  const allow = (peers: Raw[]): Raw => netpol('pay', 'allow', { podSelector: {}, ingress: [{ from: peers, ports: [{ port: 8080 }] }] });
  it('warning for a NodePort Service whose pods only admit in-cluster peers', () => {
    const [f] = ids(run(snap(world([allow([{ podSelector: {} }, nsPeer({ 'kubernetes.io/metadata.name': 'ingress-nginx' })])], ext()))), 'netpol.external-traffic-blocked');
    assert.deepEqual([f?.severity, f?.object.name], ['warning', 'api']);
  });
  it('eTP Cluster: an ipBlock must contain the SNATed node address', () => {
    assert.equal(ids(run(snap(world([allow([{ ipBlock: { cidr: '192.168.0.0/16' } }])], ext()))), 'netpol.external-traffic-blocked').length, 1);
    assert.equal(ids(run(snap(world([allow([{ ipBlock: { cidr: '10.0.0.0/8' } }])], ext()))), 'netpol.external-traffic-blocked').length, 0);
  });
  it('eTP Local: any ipBlock may hold the client address; quiet for ClusterIP Services', () => {
    assert.equal(ids(run(snap(world([allow([{ ipBlock: { cidr: '198.51.100.0/24' } }])], ext('Local')))), 'netpol.external-traffic-blocked').length, 0);
    assert.equal(ids(run(snap(world([allow([{ podSelector: {} }])]))), 'netpol.external-traffic-blocked').length, 0);
  });
});

describe('netpol.dangling-selector', () => {
  it('info for a podSelector with a typo, with the field', () => {
    const [f] = ids(run(snap(world([netpol('pay', 'typo', { podSelector: { matchLabels: { app: 'apii' } }, policyTypes: ['Ingress'] })]))), 'netpol.dangling-selector');
    assert.deepEqual([f?.severity, f?.object.name, f?.fields], ['info', 'typo', ['spec.podSelector']]);
  });
  it('matchExpressions are honoured: In with a matching value is not dangling', () => {
    const np = netpol('pay', 'expr', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] }, policyTypes: ['Ingress'] });
    assert.equal(ids(run(snap(world([np]))), 'netpol.dangling-selector').length, 0);
  });
  it('differs from kube-linter: namespaceSelector peers are judged too, not only podSelector peers', () => {
    const np = netpol('pay', 'peers', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }, nsPeer({ team: 'nobody' })] }] });
    assert.deepEqual(ids(run(snap(world([np]))), 'netpol.dangling-selector').map((f) => f.fields?.[0]), ['spec.ingress[0].from[0]', 'spec.ingress[0].from[1]']);
  });
  it('differs from k8sgpt: an empty podSelector selects every pod (a namespace default), it is neither dangling nor "allows all"', () => {
    const r = run(snap([...world([]), namespace('empty'), netpol('empty', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] })]));
    assert.equal(ids(r, 'netpol.dangling-selector').length, 0);
  });
  it('differs from popeye: an ipBlock that contains no pod IP is not flagged (ipBlocks are for external addresses)', () => {
    const np = netpol('pay', 'office', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ ipBlock: { cidr: '198.51.100.0/24' } }] }] });
    assert.equal(ids(run(snap(world([np]))), 'netpol.dangling-selector').length, 0);
  });
});
