// Broken entry paths for the Ingresses & Routes tree: a missing IngressClass, a certificate
// that does not cover the host, a cross-namespace HTTPRoute reference without a grant and a
// NetworkPolicy that blocks the controller. The report (paths included) is hand-written in the
// shape the engine produces, so the UI is tested on how it reads EntryPath, not on the checks.
import type { EntryPath, Finding, Hop, Report } from '../../src/checks/types.js';
import { buildGraph } from '../../src/model/graph.js';
import type { AnyObject, Gateway, HTTPRoute, Ingress, Secret } from '../../src/model/types.js';
import { refKey, type ObjectRef } from '../../src/model/types.js';
import type { Analyse } from '../../src/ui/types.js';
import { ingress, ns, pod, slice, snapshotOf, svc } from './fixtures.js';

const ING = (name: string): ObjectRef => ({ kind: 'Ingress', namespace: 'shop', name });
const WEB: ObjectRef = { kind: 'Service', namespace: 'shop', name: 'web' };
const REPORTS: ObjectRef = { kind: 'Service', namespace: 'payments', name: 'reports' };
const ROUTE: ObjectRef = { kind: 'HTTPRoute', namespace: 'shop', name: 'reports' };
const GW: ObjectRef = { kind: 'Gateway', namespace: 'infra', name: 'public' };

export function routeObjects(): AnyObject[] {
  const web = svc('shop', 'web', { selector: { app: 'web' }, clusterIP: '10.96.0.11' });
  const reports = svc('payments', 'reports', { selector: { app: 'reports' }, clusterIP: '10.96.0.12' });
  const web1 = pod('shop', 'web-1', { app: 'web' }, true, '10.244.1.5');
  const rep1 = pod('payments', 'reports-1', { app: 'reports' }, true, '10.244.1.6');
  const admin: Ingress = { ...ingress('shop', 'admin', 'admin.example.com', 'web'), spec: { ...ingress('shop', 'admin', 'admin.example.com', 'web').spec, ingressClassName: 'nginx-internal' } };
  const www = ingress('shop', 'www', 'shop.example.com', 'web');
  www.spec.tls = [{ hosts: ['shop.example.com'], secretName: 'www-tls' }];
  const secret: Secret = { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'www-tls', namespace: 'shop' }, type: 'kubernetes.io/tls', hasTlsCrt: true, hasTlsKey: true, hasCaCrt: false };
  const gw: Gateway = { kind: 'Gateway', apiVersion: 'gateway.networking.k8s.io/v1', metadata: { name: 'public', namespace: 'infra' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } };
  const route: HTTPRoute = {
    kind: 'HTTPRoute',
    apiVersion: 'gateway.networking.k8s.io/v1',
    metadata: { name: 'reports', namespace: 'shop' },
    spec: { parentRefs: [{ name: 'public', namespace: 'infra' }], hostnames: ['reports.example.com'], rules: [{ backendRefs: [{ name: 'reports', namespace: 'payments', port: 80 }] }] },
  };
  return [ns('shop'), ns('payments'), ns('infra'), web, reports, web1, rep1, slice(web, [web1]), slice(reports, [rep1]), admin, www, secret, gw, route];
}

const hop = (label: string, verdict: Hop['verdict'], detail: string, object?: ObjectRef): Hop => ({ label, verdict, detail, ...(object ? { object } : {}) });
const backend = (svcRef: ObjectRef, broken = false): Hop[] => [
  hop(`Service ${svcRef.namespace ?? ''}/${svcRef.name}:80`, 'ok', 'port 80 → targetPort http', svcRef),
  hop('endpoints', 'ok', '1/1 ready', svcRef),
  ...(broken ? [hop('network policy', 'broken', 'default-deny isolates the pods', { kind: 'NetworkPolicy', namespace: 'payments', name: 'default-deny' })] : []),
  hop('pods', 'ok', 'reports-1:8080'),
];

function path(entry: string, kind: EntryPath['kind'], from: ObjectRef, service: ObjectRef, hops: Hop[]): EntryPath {
  const verdict = hops.some((h) => h.verdict === 'broken') ? 'broken' : hops.some((h) => h.verdict === 'unknown') ? 'unknown' : 'ok';
  return { entry, kind, from, service, hops, verdict };
}

function finding(f: Omit<Finding, 'key'>): Finding {
  return { ...f, key: `${f.id}|${refKey(f.object)}` };
}

export const TLS_MESSAGE = "Certificate 'www-tls' covers [www.example.com] but Ingress shop/www serves shop.example.com with it; browsers will reject it.";

export function routeReport(): Report {
  const findings = [
    finding({ id: 'ing.class-not-found', severity: 'error', object: ING('admin'), message: "Ingress shop/admin uses IngressClass 'nginx-internal', which does not exist.", hint: 'fix the class' }),
    finding({ id: 'tls.host-not-covered', severity: 'error', object: ING('www'), message: TLS_MESSAGE, hint: 'reissue', related: [{ kind: 'Secret', namespace: 'shop', name: 'www-tls' }] }),
    finding({ id: 'route.backend-crossns-no-grant', severity: 'error', object: ROUTE, message: 'HTTPRoute shop/reports references Service payments/reports without a ReferenceGrant.', hint: 'add a grant' }),
  ];
  const paths = [
    path('http://admin.example.com/', 'ingress', ING('admin'), WEB, [hop('Ingress shop/admin', 'broken', 'class nginx-internal (no such IngressClass)', ING('admin')), hop('address', 'unknown', 'none'), ...backend(WEB)]),
    path('https://shop.example.com/', 'ingress', ING('www'), WEB, [hop('Ingress shop/www', 'ok', 'class nginx', ING('www')), hop('address', 'ok', '203.0.113.10'), hop('TLS secret www-tls', 'broken', 'certificate problem', { kind: 'Secret', namespace: 'shop', name: 'www-tls' }), ...backend(WEB)]),
    path('http://reports.example.com/ via infra/public', 'httproute', ROUTE, REPORTS, [hop('Gateway infra/public', 'ok', 'class eg', GW), hop('HTTPRoute shop/reports', 'ok', 'attached', ROUTE), hop('ReferenceGrant', 'broken', 'no ReferenceGrant in payments'), ...backend(REPORTS, true)]),
  ];
  return { findings, skipped: [], rootCauses: [], paths, summary: { error: 3, warning: 0, info: 0, services: 2, ingresses: 2, httpRoutes: 1, grpcRoutes: 0 } };
}

export const routeAnalyse: Analyse = (s) => ({ graph: buildGraph(s), report: routeReport() });

export const routeSnapshot = () => snapshotOf(routeObjects());
