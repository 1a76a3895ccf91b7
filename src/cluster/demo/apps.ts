// The demo's applications: healthy paths beside the headline problems (each commented with
// the finding it should produce; diagnostics.md IDs).
import { DAY, type DemoBuilder, type Raw } from './build.js';
import { STORE_CHAIN, WWW_CHAIN } from './certs.js';
import { ENVOY_CONTROLLER } from './infra.js';

const HTTP = [{ name: 'http', containerPort: 8080 }];
const NGINX_LB = { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } };

interface IngressPlan {
  className?: string;
  annotations?: Record<string, string>;
  tls?: { hosts: string[]; secretName: string }[];
  host: string;
  paths: [path: string, service: string, port: number | string][];
  /** the controller wrote its address (admitted) */
  admitted: boolean;
  ageMin: number;
}

function ingress(b: DemoBuilder, ns: string, name: string, p: IngressPlan): void {
  const backend = (service: string, port: number | string): Raw => ({ service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } } });
  b.add({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: b.meta('Ingress', name, ns, p.ageMin, p.annotations ? { annotations: p.annotations } : {}),
    spec: {
      ...(p.className ? { ingressClassName: p.className } : {}),
      ...(p.tls ? { tls: p.tls } : {}),
      rules: [{ host: p.host, http: { paths: p.paths.map(([path, svc, port]) => ({ path, pathType: 'Prefix', backend: backend(svc, port) })) } }],
    },
    status: p.admitted ? NGINX_LB : { loadBalancer: {} },
  });
}

function httpRoute(b: DemoBuilder, ns: string, name: string, host: string, backend: Raw, resolved: Raw): void {
  const parent = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateway-infra', name: 'public', sectionName: 'http' };
  b.add({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: b.meta('HTTPRoute', name, ns, 6 * DAY),
    spec: { parentRefs: [parent], hostnames: [host], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', weight: 1, ...backend }] }] },
    status: { parents: [{ parentRef: parent, controllerName: ENVOY_CONTROLLER, conditions: [b.condition('Accepted', 'True', 'Accepted', 'Route is accepted'), resolved] }] },
  });
}

/** A healthy gRPC route: every method of one gRPC service to an h2c Service port. */
function grpcRoute(b: DemoBuilder, ns: string, name: string, host: string, grpcService: string, backend: Raw): void {
  const parent = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateway-infra', name: 'public', sectionName: 'http' };
  b.add({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GRPCRoute',
    metadata: b.meta('GRPCRoute', name, ns, 6 * DAY),
    spec: { parentRefs: [parent], hostnames: [host], rules: [{ matches: [{ method: { type: 'Exact', service: grpcService } }], backendRefs: [{ group: '', kind: 'Service', weight: 1, ...backend }] }] },
    status: { parents: [{ parentRef: parent, controllerName: ENVOY_CONTROLLER, conditions: [b.condition('Accepted', 'True', 'Accepted', 'Route is accepted'), b.condition('ResolvedRefs', 'True', 'ResolvedRefs', 'Resolved all the Object references for the Route')] }] },
  });
}

function shop(b: DemoBuilder): void {
  const part = { 'app.kubernetes.io/part-of': 'shop' };
  b.deployment('shop', 'web', { labels: { app: 'web', ...part }, image: 'ghcr.io/acme/shop-web:2.4.1', ports: HTTP, pods: [{ node: 'node-a' }, { node: 'node-b' }, { node: 'node-a' }] });
  b.deployment('shop', 'checkout', { labels: { app: 'checkout', ...part }, image: 'ghcr.io/acme/checkout:1.9.0', ports: HTTP, pods: [{ node: 'node-a' }, { node: 'node-b' }] });
  b.deployment('shop', 'cart', { labels: { app: 'cart', ...part }, image: 'ghcr.io/acme/cart:0.7.3', ports: HTTP, pods: [{ node: 'node-a', state: 'crashloop' }, { node: 'node-b', state: 'crashloop' }] });
  b.deployment('shop', 'inventory', { labels: { app: 'inventory', ...part }, image: 'ghcr.io/acme/inventory:3.2.0', ports: [{ name: 'grpc', containerPort: 9000 }], pods: [{ node: 'node-b' }, { node: 'node-a' }] });
  b.statefulSet('shop', 'postgres', { labels: { app: 'postgres', ...part }, image: 'docker.io/library/postgres:16.4', ports: [{ name: 'postgres', containerPort: 5432 }], pods: [{ node: 'node-b' }], serviceName: 'postgres' });

  b.service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }); // healthy ClusterIP
  b.service('shop', 'storefront', { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }); // healthy NodePort
  b.service('shop', 'checkout', { selector: { app: 'chekout' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }); // typo → svc.selector-no-pods
  b.service('shop', 'cart', { selector: { app: 'cart' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }); // CrashLoopBackOff → eps.no-ready
  b.service('shop', 'inventory', { selector: { app: 'inventory' }, ports: [{ name: 'grpc', port: 9000, targetPort: 'grpc', appProtocol: 'kubernetes.io/h2c' }] }); // healthy gRPC backend
  b.service('shop', 'postgres', { headless: true, selector: { app: 'postgres' }, ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }], ageMin: 30 * DAY }); // headless

  b.tlsSecret('shop', 'store-example-tls', STORE_CHAIN, 30 * DAY);
  b.tlsSecret('shop', 'www-example-tls', WWW_CHAIN, 30 * DAY);
  // healthy: TLS Secret covers the host, backend ready
  ingress(b, 'shop', 'storefront', { className: 'nginx', tls: [{ hosts: ['store.example.com'], secretName: 'store-example-tls' }], host: 'store.example.com', paths: [['/', 'web', 'http']], admitted: true, ageMin: 30 * DAY });
  // tls.host-not-covered (cert is for www.example.com); /checkout and /cart lead to the broken Services
  ingress(b, 'shop', 'shop-www', {
    className: 'nginx',
    tls: [{ hosts: ['shop.example.com'], secretName: 'www-example-tls' }],
    host: 'shop.example.com',
    paths: [['/', 'web', 80], ['/checkout', 'checkout', 80], ['/cart', 'cart', 80]],
    admitted: true,
    ageMin: 10 * DAY,
  });
  // class traefik: nothing serves it → ing.not-admitted (error), ingclass.no-controller
  ingress(b, 'shop', 'blog', { className: 'traefik', host: 'blog.example.com', paths: [['/', 'web', 80]], admitted: false, ageMin: 2 * DAY });
  // ing.class-not-found: a typo for the nginx class
  ingress(b, 'shop', 'admin', { className: 'nginx-internal', host: 'admin.example.com', paths: [['/', 'web', 80]], admitted: false, ageMin: 4 * DAY });
  // ing.backend-service-missing: Service promo-web was never created
  ingress(b, 'shop', 'promo', { className: 'nginx', host: 'promo.example.com', paths: [['/', 'promo-web', 80]], admitted: true, ageMin: 3 * DAY });

  httpRoute(b, 'shop', 'web', 'www.example.com', { name: 'web', port: 80 }, b.condition('ResolvedRefs', 'True', 'ResolvedRefs', 'Resolved all the Object references for the Route'));
  grpcRoute(b, 'shop', 'inventory', 'grpc.example.com', 'shop.v1.Inventory', { name: 'inventory', port: 9000 });
  // route.backend-crossns-no-grant: payments has no ReferenceGrant for HTTPRoutes from shop
  httpRoute(b, 'shop', 'reports', 'reports.example.com', { namespace: 'payments', name: 'reports', port: 80 }, b.condition('ResolvedRefs', 'False', 'RefNotPermitted', 'Backend ref to Service payments/reports not permitted by any ReferenceGrant'));

  for (const pod of b.items.filter((o) => o.kind === 'Pod' && String((o.metadata as Raw).name).startsWith('cart-')))
    b.event('shop', { kind: 'Pod', namespace: 'shop', name: String((pod.metadata as Raw).name) }, 'Warning', 'BackOff', 'Back-off restarting failed container cart in pod', 'kubelet', 61, 2);
}

function payments(b: DemoBuilder): void {
  const team = { 'app.kubernetes.io/part-of': 'payments' };
  b.deployment('payments', 'api', { labels: { app: 'api', ...team }, image: 'ghcr.io/acme/payments-api:3.2.0', ports: HTTP, pods: [{ node: 'node-c', state: 'node-lost' }, { node: 'node-c', state: 'node-lost' }] });
  b.deployment('payments', 'gateway', { labels: { app: 'gateway', ...team }, image: 'ghcr.io/acme/payments-gateway:1.0.2', ports: [{ name: 'https', containerPort: 8443 }], pods: [{ node: 'node-a' }] });
  b.deployment('payments', 'portal', { labels: { app: 'portal', ...team }, image: 'ghcr.io/acme/payments-portal:5.0.1', ports: HTTP, pods: [{ node: 'node-a' }, { node: 'node-b' }] });
  b.deployment('payments', 'reports', { labels: { app: 'reports', ...team }, image: 'ghcr.io/acme/reports:0.3.0', ports: HTTP, pods: [{ node: 'node-b' }] });

  // externalTrafficPolicy Local and every backend on the NotReady node: the NodePort answers nowhere
  b.service('payments', 'api', { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30443 }] });
  // created 42 min ago, asks for an AWS NLB class nobody implements here → lb.pending, lb.class-unclaimed
  b.service('payments', 'gateway', { type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb', selector: { app: 'gateway' }, ports: [{ name: 'https', port: 443, targetPort: 'https', nodePort: 31844 }], ageMin: 42 });
  b.service('payments', 'portal', { selector: { app: 'portal' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  b.service('payments', 'reports', { selector: { app: 'reports' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  // a NodePort in front of the ledger VM: selectorless, a hand-made EndpointSlice without nodeName,
  // and eTP Local copied from another Service → no node has a local endpoint: nodeport.etp-local-no-endpoints
  b.service('payments', 'ledger', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'https', port: 443, targetPort: 8443, nodePort: 30610 }], ageMin: 9 * DAY });
  b.add({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: b.meta('EndpointSlice', 'ledger-vm', 'payments', 9 * DAY, { labels: { 'kubernetes.io/service-name': 'ledger', 'endpointslice.kubernetes.io/managed-by': 'staff' } }),
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.20.0.15'], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 8443, protocol: 'TCP' }],
  });

  // default deny + same-namespace allow: the ingress controller (namespace ingress-nginx) is blocked
  // → netpol.blocks-ingress-controller on payments/portal
  b.add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: b.meta('NetworkPolicy', 'default-deny', 'payments', 5 * DAY), spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  b.add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: b.meta('NetworkPolicy', 'allow-same-namespace', 'payments', 5 * DAY), spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] } });
  ingress(b, 'payments', 'portal', { className: 'nginx', host: 'pay.example.com', paths: [['/', 'portal', 'http']], admitted: true, ageMin: 20 * DAY });

  b.event('default', { kind: 'Node', name: 'node-c' }, 'Normal', 'NodeNotReady', 'Node node-c status is now: NodeNotReady', 'node-controller', 1, 4);
}

function monitoringAndLegacy(b: DemoBuilder): void {
  b.deployment('monitoring', 'grafana', { labels: { 'app.kubernetes.io/name': 'grafana' }, image: 'docker.io/grafana/grafana:12.1.0', ports: [{ name: 'grafana', containerPort: 3000 }], pods: [{ node: 'node-b' }] });
  // healthy LoadBalancer (kube-vip assigned the address), restricted to an office range
  b.service('monitoring', 'grafana', { type: 'LoadBalancer', selector: { 'app.kubernetes.io/name': 'grafana' }, loadBalancerSourceRanges: ['198.51.100.0/24'], ports: [{ name: 'http', port: 80, targetPort: 'grafana', nodePort: 32080 }], lbIP: '203.0.113.20' });

  b.deployment('legacy', 'classic', { labels: { app: 'classic' }, image: 'ghcr.io/acme/classic-frontend:1.0.0', ports: HTTP, pods: [{ node: 'node-a' }, { node: 'node-b' }], ageMin: 400 * DAY });
  b.service('legacy', 'classic', { selector: { app: 'classic' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ageMin: 400 * DAY });
  b.service('legacy', 'partner-api', { type: 'ExternalName', externalName: 'api.partner.example.com', ports: [{ name: 'https', port: 443 }], ageMin: 400 * DAY });
  // class by legacy annotation only (no ingressClassName), claimed by ingress-nginx's --ingress-class=nginx
  ingress(b, 'legacy', 'old-frontend', { annotations: { 'kubernetes.io/ingress.class': 'nginx' }, host: 'old.example.com', paths: [['/', 'classic', 80], ['/partner', 'partner-api', 443]], admitted: true, ageMin: 400 * DAY });
}

export function apps(b: DemoBuilder): void {
  shop(b);
  payments(b);
  monitoringAndLegacy(b);
}
