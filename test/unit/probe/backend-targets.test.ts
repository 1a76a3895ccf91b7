// probe.backend-via-apiserver (§11.5) targets: one ready pod with a Pod targetRef per TCP port of
// each selector Service; nothing for what the API server cannot proxy to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterSnapshot } from '../../../src/model/types.js';
import { backendTargets } from '../../../src/probe/index.js';
import { service, slice, snap, type Raw } from '../checks/build.js';

const plan = (s: ClusterSnapshot, select?: Parameters<typeof backendTargets>[1]): string[] =>
  backendTargets(s, select).map((t) => `${t.object.namespace}/${t.object.name} ${t.servicePort}${t.portName ? `/${t.portName}` : ''} -> ${t.pod} ${t.host}:${t.port} [${t.portIndex}]`);

const web = (spec: Raw = {}): Raw => service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec });

describe('probe.backend-via-apiserver targets', () => {
  it('one ready pod per Service port, on the targetPort the EndpointSlice resolved (named ports too)', () => {
    const s = snap([
      web({ ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9091 }] }),
      slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9091, protocol: 'TCP' }], [
        { ip: '10.244.0.12', pod: 'web-b' },
        { ip: '10.244.0.11', pod: 'web-a' },
      ]),
    ]);
    // the same pod every run (by name), not whichever the slice lists first
    assert.deepEqual(plan(s), ['shop/web 80/http -> web-a 10.244.0.11:8080 [0]', 'shop/web 9090/metrics -> web-a 10.244.0.11:9091 [1]']);
  });

  it('skips not-ready and terminating endpoints, and picks a ready sibling', () => {
    const s = snap([
      web(),
      slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], [
        { ip: '10.244.0.11', pod: 'web-a', ready: false, serving: false },
        { ip: '10.244.0.12', pod: 'web-b', ready: false, serving: true, terminating: true },
        { ip: '10.244.0.13', pod: 'web-c' },
      ]),
    ]);
    assert.deepEqual(plan(s), ['shop/web 80/http -> web-c 10.244.0.13:8080 [0]']);
  });

  it('nothing when no endpoint is ready', () => {
    const s = snap([web(), slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.0.11', pod: 'web-a', ready: false, serving: false }])]);
    assert.deepEqual(plan(s), []);
  });

  it('nothing for endpoints without a Pod targetRef, selectorless Services and ExternalName', () => {
    const s = snap([
      web(),
      slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.0.11' }]),
      // hand-written endpoints (a database outside the cluster): the API server will not proxy there
      service('shop', 'db', { ports: [{ port: 5432 }] }),
      slice('shop', 'db', [{ name: '', port: 5432, protocol: 'TCP' }], [{ ip: '192.168.1.20', pod: 'looks-like-a-pod' }]),
      service('shop', 'ext', { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'x' } }),
    ]);
    assert.deepEqual(plan(s), []);
  });

  it('UDP/SCTP ports are not HTTP: skipped, TCP ports of the same Service kept', () => {
    const s = snap([
      service('kube-system', 'dns', { selector: { k8s: 'dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] }),
      slice('kube-system', 'dns', [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }], [{ ip: '10.244.0.5', pod: 'coredns-1' }]),
    ]);
    assert.deepEqual(plan(s), ['kube-system/dns 53/dns-tcp -> coredns-1 10.244.0.5:53 [1]']);
  });

  it('a port the slices do not serve has no target', () => {
    const s = snap([web({ ports: [{ name: 'grpc', port: 9000 }] }), slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.0.11', pod: 'web-a' }])]);
    assert.deepEqual(plan(s), []);
  });

  it('nothing when endpoints are not visible (no guess from pods)', () => {
    const s = snap([web(), slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.0.11', pod: 'web-a' }])], { EndpointSlice: { state: 'forbidden' }, Endpoints: { state: 'forbidden' } });
    assert.deepEqual(plan(s), []);
  });

  it('the selected Service only; an Ingress selection asks nothing of the pod proxy', () => {
    const s = snap([
      web(),
      slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.0.11', pod: 'web-a' }]),
      service('shop', 'api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 3000 }] }),
      slice('shop', 'api', [{ name: '', port: 3000, protocol: 'TCP' }], [{ ip: '10.244.0.21', pod: 'api-a' }]),
    ]);
    assert.deepEqual(plan(s, { service: { kind: 'Service', namespace: 'shop', name: 'api' } }), ['shop/api 80 -> api-a 10.244.0.21:3000 [0]']);
    assert.deepEqual(plan(s, { ingress: { kind: 'Ingress', namespace: 'shop', name: 'web' } }), []);
    assert.equal(plan(s).length, 2);
  });
});

describe('probe.backend-via-apiserver targets on a large cluster', () => {
  it(`asks at most BACKEND_PROBE_LIMIT ports per run, Services reached from outside first`, async () => {
    const { BACKEND_PROBE_LIMIT, backendTargetsWithTotal } = await import('../../../src/probe/index.js');
    const objs: Raw[] = [];
    for (let i = 0; i < BACKEND_PROBE_LIMIT + 30; i++) {
      const name = `svc-${String(i).padStart(3, '0')}`;
      objs.push(service('shop', name, { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }), slice('shop', name, [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: `10.244.1.${i % 250}`, pod: `${name}-a` }]));
    }
    // the last one is a NodePort: it must be among those asked despite sorting last by name
    const last = `svc-${String(BACKEND_PROBE_LIMIT + 29).padStart(3, '0')}`;
    objs.push(service('shop', last, { type: 'NodePort', selector: { app: last }, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30099 }] }));
    const s = snap(objs.filter((o, i) => !(o.kind === 'Service' && (o.metadata as Raw).name === last && i < objs.length - 1)));
    const r = backendTargetsWithTotal(s);
    assert.equal(r.total, BACKEND_PROBE_LIMIT + 30);
    assert.equal(r.targets.length, BACKEND_PROBE_LIMIT);
    assert.equal(r.targets[0]?.object.name, last);
  });
  it('a selected Service is always asked', async () => {
    const { backendTargetsWithTotal } = await import('../../../src/probe/index.js');
    const s = snap([web(), slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.0.11', pod: 'web-a' }])]);
    assert.equal(backendTargetsWithTotal(s, { service: { kind: 'Service', namespace: 'shop', name: 'web' } }).targets.length, 1);
  });
});

describe('the note for ports left out', () => {
  it('says how many were probed and how to narrow, only when some were left out', async () => {
    const { backendLimitNote } = await import('../../../src/cli/run-probes.js');
    assert.equal(backendLimitNote(100, 100), undefined);
    assert.match(backendLimitNote(130, 100) ?? '', /100 of 130 Service ports were probed .* narrow with -n NAMESPACE/);
  });
});
