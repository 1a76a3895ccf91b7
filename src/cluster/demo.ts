// The embedded demo cluster: every Service type and the headline problems beside healthy
// services, built as the raw objects a live cluster returns and projected like live data.
import { slim } from '../model/slim.js';
import { snapshotFrom } from '../model/snapshot.js';
import { KINDS, type AnyObject, type ClusterSnapshot } from '../model/types.js';
import { DemoBuilder } from './demo/build.js';
import { SHOP_CERT, WWW_CERT } from './demo/certs.js';

const HTTP = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];

function workloads(b: DemoBuilder): void {
  for (const ns of ['shop', 'payments', 'monitoring', 'legacy', 'kube-system', 'gateway-infra']) b.namespace(ns);
  b.namespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
  b.node('node-a', '10.0.1.11', '203.0.113.11', true, 'eu-west-1a');
  b.node('node-b', '10.0.1.12', '203.0.113.12', true, 'eu-west-1b');
  b.node('node-c', '10.0.1.13', '203.0.113.13', false, 'eu-west-1c');

  b.pods('ingress-nginx', 'ingress-nginx-controller', {
    image: 'registry.k8s.io/ingress-nginx/controller:v1.11.2',
    ports: [{ name: 'http', containerPort: 80 }, { name: 'https', containerPort: 443 }],
    labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
    args: ['/nginx-ingress-controller', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--publish-service=ingress-nginx/ingress-nginx-controller'],
    replicas: [{ node: 'node-a', ip: '10.244.1.2', ready: true }, { node: 'node-b', ip: '10.244.2.2', ready: true }],
  });
  b.pods('shop', 'web', { image: 'ghcr.io/acme/web:2.4.1', ports: HTTP, replicas: [{ node: 'node-a', ip: '10.244.1.10', ready: true }, { node: 'node-b', ip: '10.244.2.10', ready: true }, { node: 'node-a', ip: '10.244.1.11', ready: true }] });
  b.pods('shop', 'checkout', { image: 'ghcr.io/acme/checkout:1.9.0', ports: HTTP, replicas: [{ node: 'node-a', ip: '10.244.1.20', ready: true }, { node: 'node-b', ip: '10.244.2.20', ready: true }] });
  b.pods('shop', 'cart', { image: 'ghcr.io/acme/cart:0.7.3', ports: HTTP, replicas: [{ node: 'node-a', ip: '10.244.1.30', ready: false, waiting: 'CrashLoopBackOff' }, { node: 'node-b', ip: '10.244.2.30', ready: false, waiting: 'CrashLoopBackOff' }] });
  b.pods('shop', 'postgres', { image: 'postgres:16.4', ports: [{ name: 'postgres', containerPort: 5432 }], replicas: [{ node: 'node-b', ip: '10.244.2.40', ready: true }] });
  b.pods('payments', 'api', { image: 'ghcr.io/acme/payments-api:3.2.0', ports: HTTP, replicas: [{ node: 'node-c', ip: '10.244.3.10', ready: false }, { node: 'node-c', ip: '10.244.3.11', ready: false }] });
  b.pods('payments', 'gateway', { image: 'ghcr.io/acme/payments-gateway:1.0.2', ports: [{ name: 'https', containerPort: 8443 }], replicas: [{ node: 'node-a', ip: '10.244.1.50', ready: true }] });
  b.pods('monitoring', 'grafana', { image: 'grafana/grafana:11.2.0', ports: [{ name: 'grafana', containerPort: 3000 }], replicas: [{ node: 'node-b', ip: '10.244.2.60', ready: true }] });
}

function services(b: DemoBuilder): void {
  const eps = (ns: string, app: string, list: { ip: string; node: string; ready: boolean }[]): { ip: string; pod: string; node: string; ready: boolean }[] =>
    list.map((e, i) => ({ ...e, pod: b.podName(ns, app, i) }));

  b.service('ingress-nginx', 'ingress-nginx-controller', { type: 'LoadBalancer', clusterIP: '10.96.10.1', clusterIPs: ['10.96.10.1'], externalTrafficPolicy: 'Local', healthCheckNodePort: 32100, selector: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 31080, protocol: 'TCP' }, { name: 'https', port: 443, targetPort: 'https', nodePort: 31443, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.10', ipMode: 'VIP' }] } });
  b.slice('ingress-nginx', 'ingress-nginx-controller', [{ name: 'http', port: 80 }, { name: 'https', port: 443 }], eps('ingress-nginx', 'ingress-nginx-controller', [{ ip: '10.244.1.2', node: 'node-a', ready: true }, { ip: '10.244.2.2', node: 'node-b', ready: true }]));

  b.service('shop', 'web', { type: 'ClusterIP', clusterIP: '10.96.20.10', clusterIPs: ['10.96.20.10'], selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] });
  b.slice('shop', 'web', [{ name: 'http', port: 8080 }], eps('shop', 'web', [{ ip: '10.244.1.10', node: 'node-a', ready: true }, { ip: '10.244.2.10', node: 'node-b', ready: true }, { ip: '10.244.1.11', node: 'node-a', ready: true }]));
  // selector typo: "chekout" matches no pod
  b.service('shop', 'checkout', { type: 'ClusterIP', clusterIP: '10.96.20.11', clusterIPs: ['10.96.20.11'], selector: { app: 'chekout' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] });
  b.slice('shop', 'checkout', [], []);
  b.service('shop', 'cart', { type: 'ClusterIP', clusterIP: '10.96.20.12', clusterIPs: ['10.96.20.12'], selector: { app: 'cart' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] });
  b.slice('shop', 'cart', [{ name: 'http', port: 8080 }], eps('shop', 'cart', [{ ip: '10.244.1.30', node: 'node-a', ready: false }, { ip: '10.244.2.30', node: 'node-b', ready: false }]));
  b.service('shop', 'storefront', { type: 'NodePort', clusterIP: '10.96.20.13', clusterIPs: ['10.96.20.13'], externalTrafficPolicy: 'Cluster', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }] });
  b.slice('shop', 'storefront', [{ name: 'http', port: 8080 }], eps('shop', 'web', [{ ip: '10.244.1.10', node: 'node-a', ready: true }, { ip: '10.244.2.10', node: 'node-b', ready: true }, { ip: '10.244.1.11', node: 'node-a', ready: true }]));
  b.service('shop', 'postgres', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'postgres' }, ports: [{ name: 'postgres', port: 5432, targetPort: 5432, protocol: 'TCP' }] });
  b.slice('shop', 'postgres', [{ name: 'postgres', port: 5432 }], eps('shop', 'postgres', [{ ip: '10.244.2.40', node: 'node-b', ready: true }]));

  // externalTrafficPolicy Local, but every backend runs on the NotReady node
  b.service('payments', 'api', { type: 'NodePort', clusterIP: '10.96.30.10', clusterIPs: ['10.96.30.10'], externalTrafficPolicy: 'Local', selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30443, protocol: 'TCP' }] });
  b.slice('payments', 'api', [{ name: 'http', port: 8080 }], eps('payments', 'api', [{ ip: '10.244.3.10', node: 'node-c', ready: false }, { ip: '10.244.3.11', node: 'node-c', ready: false }]));
  // LoadBalancer that never got an address
  b.service('payments', 'gateway', { type: 'LoadBalancer', clusterIP: '10.96.30.11', clusterIPs: ['10.96.30.11'], externalTrafficPolicy: 'Cluster', selector: { app: 'gateway' }, ports: [{ name: 'https', port: 443, targetPort: 'https', nodePort: 31844, protocol: 'TCP' }] }, {}, 42);
  b.slice('payments', 'gateway', [{ name: 'https', port: 8443 }], eps('payments', 'gateway', [{ ip: '10.244.1.50', node: 'node-a', ready: true }]));

  b.service('monitoring', 'grafana', { type: 'LoadBalancer', clusterIP: '10.96.40.10', clusterIPs: ['10.96.40.10'], externalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: ['198.51.100.0/24'], selector: { app: 'grafana' }, ports: [{ name: 'http', port: 80, targetPort: 'grafana', nodePort: 32080, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.20', ipMode: 'VIP' }] } });
  b.slice('monitoring', 'grafana', [{ name: 'http', port: 3000 }], eps('monitoring', 'grafana', [{ ip: '10.244.2.60', node: 'node-b', ready: true }]));

  b.service('legacy', 'partner-api', { type: 'ExternalName', externalName: 'api.partner.example.com', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] });
  b.service('kube-system', 'kube-dns', { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' }] });
}

function ingresses(b: DemoBuilder): void {
  b.add({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: b.meta('nginx', undefined, 60 * 24 * 30, { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }), spec: { controller: 'k8s.io/ingress-nginx' } });
  b.add({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: b.meta('traefik', undefined, 60 * 24 * 3), spec: { controller: 'traefik.io/ingress-controller' } });
  const lb = { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } };
  const path = (p: string, svc: string, port: Record<string, unknown>): Record<string, unknown> => ({ path: p, pathType: 'Prefix', backend: { service: { name: svc, port } } });
  b.add({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: b.meta('storefront', 'shop', 60 * 24 * 7),
    spec: { ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [{ host: 'shop.example.com', http: { paths: [path('/', 'web', { name: 'http' }), path('/checkout', 'checkout', { number: 80 }), path('/cart', 'cart', { number: 80 })] } }] },
    status: lb,
  });
  b.add({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: b.meta('deals', 'shop', 60 * 24 * 2),
    spec: { ingressClassName: 'nginx', tls: [{ hosts: ['deals.example.com'], secretName: 'www-tls' }], rules: [{ host: 'deals.example.com', http: { paths: [path('/', 'web', { number: 80 })] } }] },
    status: lb,
  });
  b.add({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: b.meta('blog', 'shop', 60 * 24),
    spec: { ingressClassName: 'traefik', rules: [{ host: 'blog.example.com', http: { paths: [path('/', 'web', { number: 80 })] } }] },
    status: { loadBalancer: {} },
  });
  // a class that does not exist (typo for nginx)
  b.add({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: b.meta('admin', 'shop', 60 * 24 * 4),
    spec: { ingressClassName: 'nginx-internal', rules: [{ host: 'admin.shop.example.com', http: { paths: [path('/', 'web', { number: 80 })] } }] },
    status: { loadBalancer: {} },
  });
  b.add({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: b.meta('payments', 'payments', 60 * 24 * 5),
    spec: { ingressClassName: 'nginx', rules: [{ host: 'pay.example.com', http: { paths: [path('/', 'api', { number: 80 })] } }] },
    status: lb,
  });
  b.add({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: b.meta('old-frontend', 'legacy', 60 * 24 * 400, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }),
    spec: { rules: [{ host: 'old.example.com', http: { paths: [path('/', 'old-frontend', { number: 80 }), path('/partner', 'partner-api', { number: 443 })] } }] },
    status: lb,
  });
  // TLS Secrets, already reduced to their public certificate (kexplore never keeps keys).
  b.add({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: b.meta('shop-tls', 'shop', 60 * 24 * 7), tlsCrt: SHOP_CERT, hasTlsCrt: true, hasTlsKey: true, hasCaCrt: false, keyMatchesCert: true });
  b.add({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: b.meta('www-tls', 'shop', 60 * 24 * 7), tlsCrt: WWW_CERT, hasTlsCrt: true, hasTlsKey: true, hasCaCrt: false, keyMatchesCert: true });
  // payments is locked down: nothing allows the ingress controller in
  b.add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: b.meta('default-deny', 'payments', 60 * 24), spec: { podSelector: {}, policyTypes: ['Ingress'] } });
}

function gatewayApi(b: DemoBuilder): void {
  const cond = (type: string, reason: string): Record<string, unknown> => ({ type, status: 'True', reason, message: '', lastTransitionTime: b.ago(60 * 24), observedGeneration: 1 });
  b.add({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: b.meta('eg', undefined, 60 * 24 * 10), spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' }, status: { conditions: [cond('Accepted', 'Accepted')] } });
  b.add({
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: b.meta('public', 'gateway-infra', 60 * 24 * 10),
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
    status: { addresses: [{ type: 'IPAddress', value: '203.0.113.30' }], conditions: [cond('Accepted', 'Accepted'), cond('Programmed', 'Programmed')], listeners: [{ name: 'http', attachedRoutes: 2, supportedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }], conditions: [cond('Accepted', 'Accepted'), cond('Programmed', 'Programmed'), cond('ResolvedRefs', 'ResolvedRefs')] }] },
  });
  const parent = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateway-infra', name: 'public' };
  b.add({
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: b.meta('web', 'shop', 60 * 24 * 3),
    spec: { parentRefs: [parent], hostnames: ['www.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', name: 'web', port: 80, weight: 1 }] }] },
    status: { parents: [{ parentRef: parent, controllerName: 'gateway.envoyproxy.io/gatewayclass-controller', conditions: [cond('Accepted', 'Accepted'), cond('ResolvedRefs', 'ResolvedRefs')] }] },
  });
  b.add({
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: b.meta('reports', 'shop', 60 * 24),
    spec: { parentRefs: [parent], hostnames: ['reports.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', namespace: 'payments', name: 'gateway', port: 443 }] }] },
    status: { parents: [{ parentRef: parent, controllerName: 'gateway.envoyproxy.io/gatewayclass-controller', conditions: [cond('Accepted', 'Accepted'), { type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted', message: 'backendRef payments/gateway not permitted by any ReferenceGrant', lastTransitionTime: b.ago(60 * 24) }] }] },
  });
}

export function demoSnapshot(now: Date): ClusterSnapshot {
  const b = new DemoBuilder(now);
  workloads(b);
  services(b);
  ingresses(b);
  gatewayApi(b);
  const objects = b.items.map((o) => slim(o)).filter((o): o is AnyObject => o !== undefined);
  // Every kind is "visible" in the demo: an empty list there really means none exist.
  return snapshotFrom(objects, { type: 'demo', context: 'demo', cluster: 'kexplore-demo', server: 'demo (built in)', serverVersion: 'v1.36.3', state: 'live' }, now.toISOString(), { seen: KINDS });
}
