// probe.dns-mismatch against a real UDP DNS responder on loopback.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import { buildGraph } from '../../../src/model/graph.js';
import { dnsFindings, dnsTargets, lbHostnameTargets, resolveTargets } from '../../../src/probe/index.js';
import { ingress, ingressClass, nginxPod, node, pod, rule, service, slice, snap } from '../checks/build.js';

const ZONE: Record<string, string[]> = { 'shop.example.com': ['203.0.113.5'], 'old.example.com': ['198.51.100.9'] };

/** Minimal DNS responder: A records from ZONE, NXDOMAIN otherwise. */
function answer(query: Buffer): Buffer {
  let i = 12;
  const labels: string[] = [];
  while (query[i] !== 0 && i < query.length) {
    const len = query[i] ?? 0;
    labels.push(query.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += len + 1;
  }
  const question = query.subarray(12, i + 5);
  const ips = ZONE[labels.join('.').toLowerCase()] ?? [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(ips.length ? 0x8180 : 0x8183, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(ips.length, 6);
  const answers = ips.map((ip) => {
    const a = Buffer.alloc(16);
    a.writeUInt16BE(0xc00c, 0);
    a.writeUInt16BE(1, 2);
    a.writeUInt16BE(1, 4);
    a.writeUInt32BE(60, 6);
    a.writeUInt16BE(4, 10);
    ip.split('.').forEach((o, k) => a.writeUInt8(Number(o), 12 + k));
    return a;
  });
  return Buffer.concat([header, question, ...answers]);
}

describe('probe.dns-mismatch', () => {
  const server = dgram.createSocket('udp4');
  let port = 0;
  before(async () => {
    server.on('message', (msg, rinfo) => server.send(answer(msg), rinfo.port, rinfo.address));
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
    port = server.address().port;
  });
  after(() => server.close());

  it('agrees when the host resolves to the published address, warns on a different answer and on NXDOMAIN', async () => {
    const ing = (name: string, host: string): Record<string, unknown> => ingress('shop', name, { ingressClassName: 'nginx', rules: [rule(host, [['/', 'web', 80]])] }, { address: '203.0.113.5' });
    const s = snap([node('node-a'), pod('shop', 'web-1', { app: 'web' }), service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] }), slice('shop', 'web', [{ name: '', port: 80 }], [{ ip: '10.244.0.1', pod: 'web-1' }]), ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod(), ing('good', 'shop.example.com'), ing('moved', 'old.example.com'), ing('missing', 'new.example.com')]);
    const results = await resolveTargets(dnsTargets(buildGraph(s)), { servers: [`127.0.0.1:${port}`], timeoutMs: 1000 });
    const f = dnsFindings(results);
    assert.deepEqual(f.map((x) => x.object.name).sort(), ['missing', 'moved']);
    assert.match(f.find((x) => x.object.name === 'moved')?.message ?? '', /resolves to 198\.51\.100\.9, but shop\/moved is published on 203\.0\.113\.5/);
    assert.match(f.find((x) => x.object.name === 'missing')?.message ?? '', /does not resolve \(ENOTFOUND\)/);
  });

  it('lb.hostname-unresolvable for an LB hostname that does not resolve yet', async () => {
    const lb = (name: string, hostname: string): Record<string, unknown> => service('shop', name, { type: 'LoadBalancer', ports: [{ port: 443, nodePort: 31000 }] }, { loadBalancer: { ingress: [{ hostname }] } });
    const s = snap([node('node-a'), lb('ready', 'shop.example.com'), lb('fresh', 'k8s-fresh-123.elb.example.com')]);
    const f = dnsFindings(await resolveTargets(lbHostnameTargets(buildGraph(s)), { servers: [`127.0.0.1:${port}`], timeoutMs: 1000 }));
    assert.deepEqual(f.map((x) => `${x.id} ${x.object.name}`), ['lb.hostname-unresolvable fresh']);
  });
});
