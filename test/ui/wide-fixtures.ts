// Services with long names, many addresses and long finding ids (as in the demo), to test
// how the Services table shares the width.
import type { Finding, Report } from '../../src/checks/types.js';
import { buildGraph } from '../../src/model/graph.js';
import type { AnyObject, Node } from '../../src/model/types.js';
import { refKey, type ObjectRef } from '../../src/model/types.js';
import type { Analyse } from '../../src/ui/types.js';
import { ingress, ns, pod, slice, snapshotOf, svc } from './fixtures.js';

export function node(name: string, externalIP: string, ready = true): Node {
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: {
      addresses: [
        { type: 'InternalIP', address: `10.0.1.${externalIP.split('.').pop() ?? '1'}` },
        { type: 'ExternalIP', address: externalIP },
      ],
      conditions: [ready ? { type: 'Ready', status: 'True', reason: 'KubeletReady' } : { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }],
    },
  };
}

export function wideObjects(): AnyObject[] {
  const envoy = svc('gateway-infra', 'envoy-gateway-infra-public-6f2b9c1d', { type: 'LoadBalancer', selector: { app: 'envoy' }, clusterIP: '10.96.0.24', ports: [{ name: 'http', port: 80, targetPort: 10080, nodePort: 30980, protocol: 'TCP' }] });
  envoy.status = { loadBalancer: { ingress: [{ ip: '203.0.113.30' }] } };
  const ledger = svc('payments', 'ledger', { type: 'NodePort', selector: { app: 'ledger' }, clusterIP: '10.96.0.33', ports: [{ name: 'https', port: 443, targetPort: 8443, nodePort: 30610, protocol: 'TCP' }] });
  const reports = svc('payments', 'reports', { selector: { app: 'reports' }, clusterIP: '10.96.0.32' });
  const web = svc('shop', 'web', { selector: { app: 'web' }, clusterIP: '10.96.0.25' });
  const web1 = pod('shop', 'web-1', { app: 'web' }, true, '10.244.1.5');
  const ingresses = ['storefront', 'shop-www', 'blog', 'admin'].map((n) => ingress('shop', n, `${n}.example.com`, 'web'));
  return [ns('gateway-infra'), ns('payments'), ns('shop'), node('node-a', '203.0.113.11'), node('node-b', '203.0.113.12'), node('node-c', '203.0.113.13'), envoy, ledger, reports, web, web1, slice(web, [web1]), ...ingresses];
}

const SVC = (namespace: string, name: string): ObjectRef => ({ kind: 'Service', namespace, name });

function finding(id: string, severity: Finding['severity'], object: ObjectRef): Finding {
  return { id, severity, object, message: `${id} on ${object.name}`, hint: '', key: `${id}|${refKey(object)}` };
}

export function wideReport(): Report {
  const findings = [
    finding('nodeport.etp-local-no-endpoints', 'error', SVC('payments', 'ledger')),
    finding('svc.exposed-type', 'info', SVC('payments', 'ledger')),
    finding('svc.traffic-policy-hint', 'info', SVC('payments', 'ledger')),
    finding('netpol.blocks-gateway-dataplane', 'error', SVC('payments', 'reports')),
    finding('eps.single', 'info', SVC('payments', 'reports')),
  ];
  return { findings, skipped: [], rootCauses: [], paths: [], summary: { error: 2, warning: 0, info: 3, services: 4, ingresses: 4, httpRoutes: 0, grpcRoutes: 0 } };
}

export const wideAnalyse: Analyse = (s) => ({ graph: buildGraph(s), report: wideReport() });
export const wideSnapshot = () => snapshotOf(wideObjects());
