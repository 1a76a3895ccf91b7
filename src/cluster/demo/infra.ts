// The demo's platform: nodes, namespaces, DNS, the load-balancer implementation (kube-vip),
// ingress-nginx with its IngressClass, a class nobody serves (traefik) and Envoy Gateway.
import { DAY, type DemoBuilder } from './build.js';

export const ENVOY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';

export function infra(b: DemoBuilder): void {
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'shop', 'monitoring', 'legacy', 'gateway-infra']) b.namespace(ns);
  b.namespace('payments', { team: 'payments', 'pod-security.kubernetes.io/enforce': 'restricted' });
  b.namespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'ingress-nginx' });

  b.node({ name: 'node-a', internalIP: '10.0.1.11', externalIP: '203.0.113.11', zone: 'eu-west-1a' });
  b.node({ name: 'node-b', internalIP: '10.0.1.12', externalIP: '203.0.113.12', zone: 'eu-west-1b' });
  // node-c stopped reporting a few minutes ago: its pods are still bound to it, marked not ready.
  b.node({ name: 'node-c', internalIP: '10.0.1.13', externalIP: '203.0.113.13', zone: 'eu-west-1c', lostMin: 4 });

  kubeSystem(b);
  ingressNginx(b);
  envoyGateway(b);
}

function kubeSystem(b: DemoBuilder): void {
  b.deployment('kube-system', 'coredns', {
    labels: { 'k8s-app': 'kube-dns' },
    image: 'registry.k8s.io/coredns/coredns:v1.12.1',
    args: ['-conf', '/etc/coredns/Corefile'],
    ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }],
    pods: [{ node: 'node-a' }, { node: 'node-b' }],
    ageMin: 120 * DAY,
  });
  b.service('kube-system', 'kube-dns', {
    selector: { 'k8s-app': 'kube-dns' },
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 53 }, { name: 'metrics', port: 9153, targetPort: 9153 }],
    ageMin: 120 * DAY,
  });
  // kube-vip answers for LoadBalancer Services (no cloud provider: nodes carry no providerID).
  b.daemonSet('kube-system', 'kube-vip-ds', {
    labels: { 'app.kubernetes.io/name': 'kube-vip-ds' },
    image: 'ghcr.io/kube-vip/kube-vip:v0.8.9',
    args: ['manager'],
    pods: [{ node: 'node-a' }, { node: 'node-b' }, { node: 'node-c', state: 'node-lost' }],
  });
  b.deployment('kube-system', 'kube-vip-cloud-provider', { labels: { app: 'kube-vip', component: 'kube-vip-cloud-provider' }, image: 'ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.12', pods: [{ node: 'node-b' }], ageMin: 60 * DAY });
}

function ingressNginx(b: DemoBuilder): void {
  const labels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
  b.deployment('ingress-nginx', 'ingress-nginx-controller', {
    labels,
    image: 'registry.k8s.io/ingress-nginx/controller:v1.11.2',
    args: [
      '/nginx-ingress-controller',
      '--publish-service=ingress-nginx/ingress-nginx-controller',
      '--election-id=ingress-nginx-leader',
      '--controller-class=k8s.io/ingress-nginx',
      '--ingress-class=nginx',
      '--configmap=ingress-nginx/ingress-nginx-controller',
      '--validating-webhook=:8443',
    ],
    ports: [{ name: 'http', containerPort: 80 }, { name: 'https', containerPort: 443 }, { name: 'webhook', containerPort: 8443 }],
    pods: [{ node: 'node-a' }, { node: 'node-b' }],
    ageMin: 60 * DAY,
  });
  b.service('ingress-nginx', 'ingress-nginx-controller', {
    type: 'LoadBalancer',
    selector: labels,
    labels,
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32145,
    ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 31080, appProtocol: 'http' }, { name: 'https', port: 443, targetPort: 'https', nodePort: 31443, appProtocol: 'https' }],
    lbIP: '203.0.113.10',
    ageMin: 60 * DAY,
  });
  b.service('ingress-nginx', 'ingress-nginx-controller-admission', { selector: labels, labels, ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook', appProtocol: 'https' }], ageMin: 60 * DAY });

  b.add({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: b.meta('IngressClass', 'nginx', undefined, 60 * DAY, { labels, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }),
    spec: { controller: 'k8s.io/ingress-nginx' },
  });
  // Left over from a trial: the class exists, no Traefik pod runs anywhere.
  b.add({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: b.meta('IngressClass', 'traefik', undefined, 9 * DAY), spec: { controller: 'traefik.io/ingress-controller' } });
}

function envoyGateway(b: DemoBuilder): void {
  b.deployment('gateway-infra', 'envoy-gateway', {
    labels: { 'app.kubernetes.io/name': 'gateway-helm', 'control-plane': 'envoy-gateway' },
    image: 'docker.io/envoyproxy/gateway:v1.5.1',
    args: ['server', '--config-path=/config/envoy-gateway.yaml'],
    ports: [{ name: 'grpc', containerPort: 18000 }, { name: 'webhook', containerPort: 9443 }],
    pods: [{ node: 'node-a' }],
    ageMin: 20 * DAY,
  });
  const proxy = { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'gateway.envoyproxy.io/owning-gateway-name': 'public', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway-infra' };
  b.deployment('gateway-infra', 'envoy-gateway-infra-public-6f2b9c1d', { labels: proxy, image: 'docker.io/envoyproxy/envoy:distroless-v1.35.2', ports: [{ name: 'http-10080', containerPort: 10080 }], pods: [{ node: 'node-a' }, { node: 'node-b' }], ageMin: 20 * DAY });
  b.service('gateway-infra', 'envoy-gateway-infra-public-6f2b9c1d', { type: 'LoadBalancer', selector: proxy, labels: proxy, ports: [{ name: 'http-80', port: 80, targetPort: 10080, nodePort: 30980 }], lbIP: '203.0.113.30', ageMin: 20 * DAY });

  b.add({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: b.meta('GatewayClass', 'eg', undefined, 20 * DAY), spec: { controllerName: ENVOY_CONTROLLER }, status: { conditions: [b.condition('Accepted', 'True', 'Accepted', 'Valid GatewayClass')] } });
  const ok = (type: string, reason = type): Record<string, unknown> => b.condition(type, 'True', reason);
  b.add({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: b.meta('Gateway', 'public', 'gateway-infra', 20 * DAY),
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
    status: {
      addresses: [{ type: 'IPAddress', value: '203.0.113.30' }],
      conditions: [ok('Accepted'), ok('Programmed')],
      listeners: [{ name: 'http', attachedRoutes: 3, supportedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }, { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' }], conditions: [ok('Programmed'), ok('Accepted'), ok('ResolvedRefs')] }],
    },
  });
}
