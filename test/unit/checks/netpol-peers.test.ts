// H8 peers that used to give false "no NetworkPolicy allows …" results: an ipBlock against a pod
// source (CNI-dependent, so unknown when the pod IP is inside), a namespaceSelector with
// matchExpressions (unknown when Namespaces are not visible), and IPv6 / dual-stack addresses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allows, cidrContains, cidrMatch, parseIp } from '../../../src/model/netpol.js';
import type { Pod } from '../../../src/model/types.js';
import { deployment, ids, ingress, nginxInstall, node, ofKind, rule, run, service, snap, withSlices, type Raw } from './fixtures/build.js';
import { namespace, netpol } from './fixtures2/objects.js';

type PodRaw = { metadata: { name: string }; spec: Raw; status: { podIP?: string; podIPs?: { ip: string }[]; hostIP?: string } };

interface WorldOpts {
  /** pod IP of the ingress-nginx controller */
  controllerIP?: string;
  hostNetwork?: boolean;
  nsLabels?: Record<string, string>;
  /** InternalIPs of node-a, in order */
  nodeIPs?: string[];
  /** pod IPs of the api backends */
  apiIPs?: string[];
  type?: 'NodePort';
}

function world(policies: Raw[], o: WorldOpts = {}): Raw[] {
  const nginx = nginxInstall();
  for (const p of ofKind(nginx, 'Pod') as unknown as PodRaw[]) {
    if (o.hostNetwork) p.spec.hostNetwork = true;
    if (o.controllerIP) p.status = { ...p.status, podIP: o.controllerIP, podIPs: [{ ip: o.controllerIP }] };
  }
  const n = node('node-a', { ip: o.nodeIPs?.[0] ?? '10.0.0.21' });
  if (o.nodeIPs) (n as { status: { addresses: Raw[] } }).status.addresses = [...o.nodeIPs.map((address) => ({ type: 'InternalIP', address })), { type: 'Hostname', address: 'node-a' }];
  const d = deployment('pay', 'api', { app: 'api' }, { pods: (o.apiIPs ?? ['10.244.7.20']).map((ip) => ({ node: 'node-a', ip })) });
  const svc = service('pay', 'api', { ...(o.type ? { type: o.type } : {}), selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  return [n, namespace('pay'), namespace('ingress-nginx', o.nsLabels), ...nginx, ...d, ...withSlices(svc, ofKind(d, 'Pod')), ingress('pay', 'api', { ingressClassName: 'nginx', rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { address: '203.0.113.10' }), ...policies];
}

const denyAll = netpol('pay', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const allowFrom = (peer: Raw): Raw => netpol('pay', 'allow-ingress', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [peer], ports: [{ protocol: 'TCP', port: 8080 }] }] });
const blocked = (objs: Raw[], vis: Parameters<typeof snap>[1] = {}): number => ids(run(snap(objs, vis)), 'netpol.blocks-ingress-controller').length;

describe('H8 ipBlock peers against a pod source (CNI-dependent)', () => {
  const block = (cidr: string, except?: string[]): Raw => ({ ipBlock: { cidr, ...(except ? { except } : {}) } });
  it('no error when the ipBlock contains the controller pod IP (Calico/Antrea match it, Cilium does not: unknown)', () => {
    assert.equal(blocked(world([denyAll, allowFrom(block('10.244.0.0/16'))], { controllerIP: '10.244.39.199' })), 0);
  });
  it('still an error when the controller pod IP is outside the cidr, or inside an except', () => {
    assert.equal(blocked(world([denyAll, allowFrom(block('192.168.0.0/16'))], { controllerIP: '10.244.39.199' })), 1);
    assert.equal(blocked(world([denyAll, allowFrom(block('10.244.0.0/16', ['10.244.39.0/24']))], { controllerIP: '10.244.39.199' })), 1);
    assert.equal(blocked(world([denyAll, allowFrom(block('fd00::/8'))], { controllerIP: '10.244.39.199' })), 1, 'other family');
  });
  it('allows() is tri-state: undefined for a pod inside the block, false outside', () => {
    const s = snap(world([denyAll, allowFrom(block('10.244.0.0/16'))], { controllerIP: '10.244.39.199' }));
    const ctl = s.pods.find((p) => p.metadata.namespace === 'ingress-nginx') as Pod;
    const api = s.pods.find((p) => p.metadata.namespace === 'pay') as Pod;
    assert.equal(allows(s, api, { kind: 'pod', pod: ctl }, 8080, 'TCP'), undefined);
    const s2 = snap(world([denyAll, allowFrom(block('192.168.0.0/16'))], { controllerIP: '10.244.39.199' }));
    assert.equal(allows(s2, s2.pods.find((p) => p.metadata.namespace === 'pay') as Pod, { kind: 'pod', pod: s2.pods.find((p) => p.metadata.namespace === 'ingress-nginx') as Pod }, 8080, 'TCP'), false);
  });
});

describe('H8 namespaceSelector with matchExpressions', () => {
  const expr = (key: string, operator: string, values?: string[]): Raw => ({ namespaceSelector: { matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] } });
  const hidden = (policies: Raw[]): number => blocked(world(policies).filter((o) => o.kind !== 'Namespace'), { Namespace: { state: 'forbidden' } });
  it('unknown (no error) when Namespaces are forbidden, as for matchLabels', () => {
    assert.equal(hidden([denyAll, allowFrom(expr('team', 'In', ['edge']))]), 0);
    assert.equal(hidden([denyAll, allowFrom(expr('team', 'DoesNotExist'))]), 0);
    assert.equal(hidden([denyAll, allowFrom({ namespaceSelector: { matchLabels: { team: 'edge' } } })]), 0);
  });
  it('requirements on kubernetes.io/metadata.name are decided without the Namespace list', () => {
    assert.equal(hidden([denyAll, allowFrom(expr('kubernetes.io/metadata.name', 'In', ['ingress-nginx']))]), 0);
    assert.equal(hidden([denyAll, allowFrom(expr('kubernetes.io/metadata.name', 'In', ['traefik']))]), 1);
    // a name requirement that fails decides the whole selector, whatever the other labels
    assert.equal(hidden([denyAll, allowFrom({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik', team: 'edge' } } })]), 1);
  });
  it('In / NotIn / Exists / DoesNotExist against visible Namespace labels', () => {
    const edge = { nsLabels: { team: 'edge' } };
    const core = { nsLabels: { team: 'core' } };
    const cases: [Raw, WorldOpts, number][] = [
      [expr('team', 'In', ['edge']), edge, 0],
      [expr('team', 'In', ['edge']), core, 1],
      [expr('team', 'NotIn', ['edge']), edge, 1],
      [expr('team', 'NotIn', ['edge']), core, 0],
      [expr('team', 'Exists'), core, 0],
      [expr('team', 'Exists'), {}, 1],
      [expr('team', 'DoesNotExist'), {}, 0],
      [expr('team', 'DoesNotExist'), edge, 1],
    ];
    for (const [peer, o, n] of cases) assert.equal(blocked(world([denyAll, allowFrom(peer)], o)), n, JSON.stringify([peer, o]));
  });
  it('a podSelector that does not match decides the peer even when Namespaces are hidden', () => {
    assert.equal(hidden([denyAll, allowFrom({ ...expr('team', 'In', ['edge']), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'other' } } })]), 1);
  });
});

describe('IPv6 and dual-stack addresses', () => {
  it('cidrContains / cidrMatch handle IPv6, mixed families and malformed input', () => {
    assert.equal(cidrContains('fd00::/8', 'fd00::1'), true);
    assert.equal(cidrContains('fd00:10::/64', 'fd00:10::21'), true);
    assert.equal(cidrContains('fd00:10::/64', 'fd00:11::21'), false);
    assert.equal(cidrContains('::/0', '2001:db8::1'), true);
    assert.equal(cidrContains('2001:db8::1/128', '2001:db8:0:0:0:0:0:1'), true);
    assert.equal(cidrContains('::ffff:0:0/96', '::ffff:10.0.0.1'), true);
    assert.equal(cidrContains('10.0.0.0/8', 'fd00::1'), false);
    assert.equal(cidrContains('0.0.0.0/0', 'fd00::1'), false);
    assert.equal(cidrContains('::/0', '10.0.0.1'), false);
    assert.equal(cidrContains('10.0.0.1/8', '10.200.0.1'), true, 'host bits in the cidr');
    assert.equal(cidrContains('10.0.0.0/8', '10.2.3.4'), true);
    for (const [c, ip] of [['10.0.0.0/33', '10.0.0.1'], ['10.0.0.0/8', '10.0.0.256'], ['fd00::/129', 'fd00::1'], ['fd00::/8', 'fd00:::1'], ['fd00::/8', '1:2:3:4:5:6:7:8:9'], ['bogus', '10.0.0.1'], ['10.0.0.0/x', '10.0.0.1'], ['', '']]) {
      assert.equal(cidrMatch(c ?? '', ip ?? ''), undefined, `${c} ${ip}`);
      assert.equal(cidrContains(c ?? '', ip ?? ''), false);
    }
    assert.deepEqual(parseIp('fd00::1'), { family: 6, value: (0xfd00n << 112n) | 1n });
    assert.equal(parseIp('fd00::1::2'), undefined);
  });
  const allow = (cidr: string): Raw => netpol('pay', 'allow', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr } }], ports: [{ port: 8080 }] }] });
  const ext = (policies: Raw[], o: WorldOpts): number => ids(run(snap(world(policies, { type: 'NodePort', ...o }))), 'netpol.external-traffic-blocked').length;
  it('external-traffic-blocked: an IPv6 node address inside the ipBlock admits the SNATed traffic', () => {
    const v6 = { nodeIPs: ['fd00:10::21'], apiIPs: ['fd00:244::7:20'] };
    assert.equal(ext([allow('fd00:10::/64')], v6), 0);
    assert.equal(ext([allow('fd00:99::/64')], v6), 1, 'still fires when the block misses the node');
    assert.equal(ext([allow('10.0.0.0/8')], v6), 1, 'an IPv4 block never holds an IPv6 node address');
  });
  it('external-traffic-blocked: every InternalIP of a dual-stack node counts, not only the first', () => {
    assert.equal(ext([allow('10.0.0.0/24')], { nodeIPs: ['fd00:10::21', '10.0.0.21'] }), 0);
  });
  it('a hostNetwork controller on an IPv6 or dual-stack node is admitted by an ipBlock of the destination family', () => {
    const v6 = { hostNetwork: true, nodeIPs: ['fd00:10::21'], apiIPs: ['fd00:244::7:20'] };
    assert.equal(blocked(world([denyAll, allowFrom({ ipBlock: { cidr: 'fd00:10::/64' } })], v6)), 0);
    assert.equal(blocked(world([denyAll, allowFrom({ ipBlock: { cidr: '10.0.0.0/8' } })], v6)), 1);
    // dual-stack node, IPv4 backends: the controller connects from the node's IPv4 address
    const dual = { hostNetwork: true, nodeIPs: ['fd00:10::21', '10.0.0.21'] };
    assert.equal(blocked(world([denyAll, allowFrom({ ipBlock: { cidr: '10.0.0.0/24' } })], dual)), 0);
    assert.equal(blocked(world([denyAll, allowFrom({ ipBlock: { cidr: 'fd00:10::/64' } })], dual)), 1);
  });
});
