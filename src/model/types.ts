// The plain, immutable data every front end works from. Objects keep the exact field
// names of the Kubernetes JSON (what `kubectl get -o json` prints), reduced by slim.ts
// to the fields the model reads, so a dump, the live API and the demo share one shape.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion?: string; kind: string; name: string; uid?: string; controller?: boolean }[];
}

export interface K8sObject {
  apiVersion?: string;
  kind: string;
  metadata: ObjectMeta;
}

export type IntOrString = number | string;

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

// ---------------------------------------------------------------- core/v1
export interface ServicePort {
  name?: string;
  protocol?: string; // default TCP
  appProtocol?: string;
  port: number;
  targetPort?: IntOrString; // default: port
  nodePort?: number;
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ipMode?: string;
  ports?: { port: number; protocol?: string; error?: string }[];
}

export interface Service extends K8sObject {
  kind: 'Service';
  spec: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    externalTrafficPolicy?: 'Cluster' | 'Local';
    internalTrafficPolicy?: 'Cluster' | 'Local';
    healthCheckNodePort?: number;
    loadBalancerIP?: string;
    loadBalancerClass?: string;
    loadBalancerSourceRanges?: string[];
    allocateLoadBalancerNodePorts?: boolean;
    publishNotReadyAddresses?: boolean;
    sessionAffinity?: string;
    ipFamilies?: string[];
  };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
  hostPort?: number;
  hostIP?: string;
}

export interface Container {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
  ports?: ContainerPort[];
  restartPolicy?: string; // init containers: Always = native sidecar
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount?: number;
  image?: string;
  state?: { waiting?: { reason?: string; message?: string }; running?: { startedAt?: string }; terminated?: { reason?: string; exitCode?: number } };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface Pod extends K8sObject {
  kind: 'Pod';
  spec: {
    nodeName?: string;
    hostNetwork?: boolean;
    containers: Container[];
    initContainers?: Container[];
  };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    hostIP?: string;
    conditions?: PodCondition[];
    containerStatuses?: ContainerStatus[];
  };
}

export interface NodeAddress {
  type: string; // InternalIP | ExternalIP | Hostname | InternalDNS | ExternalDNS
  address: string;
}

export interface Node extends K8sObject {
  kind: 'Node';
  spec?: { providerID?: string; unschedulable?: boolean; podCIDR?: string; taints?: { key: string; effect: string; value?: string }[] };
  status?: {
    addresses?: NodeAddress[];
    conditions?: { type: string; status: string; reason?: string }[];
    nodeInfo?: { kubeletVersion?: string };
  };
}

export interface Namespace extends K8sObject {
  kind: 'Namespace';
  status?: { phase?: string };
}

// Secrets are reduced to the public certificate on arrival: the private key is never kept,
// only whether it was present and whether it matches the certificate.
export interface Secret extends K8sObject {
  kind: 'Secret';
  type?: string;
  /** PEM of tls.crt (public material only). */
  tlsCrt?: string;
  hasTlsCrt: boolean;
  hasTlsKey: boolean;
  hasCaCrt: boolean;
  /** true/false when the key was checked against the certificate on arrival; undefined if not checked. */
  keyMatchesCert?: boolean;
}

export interface Event extends K8sObject {
  kind: 'Event';
  involvedObject: { kind?: string; namespace?: string; name?: string; uid?: string };
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
}

/** Deployments, StatefulSets, ReplicaSets, DaemonSets: only what scaled-to-zero / owner checks read. */
export interface Workload extends K8sObject {
  kind: 'Deployment' | 'StatefulSet' | 'ReplicaSet' | 'DaemonSet';
  spec?: { replicas?: number; selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Container[] } } };
  status?: { replicas?: number; readyReplicas?: number; desiredNumberScheduled?: number };
}

// -------------------------------------------------------- discovery.k8s.io/v1
export interface Endpoint {
  addresses: string[];
  conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
  nodeName?: string;
  zone?: string;
  hostname?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
}

export interface EndpointSlice extends K8sObject {
  kind: 'EndpointSlice';
  addressType: string;
  endpoints?: Endpoint[] | null;
  ports?: { name?: string; port?: number; protocol?: string; appProtocol?: string }[] | null;
}

/** Legacy core/v1 Endpoints, used only when EndpointSlices are not visible. */
export interface Endpoints extends K8sObject {
  kind: 'Endpoints';
  subsets?: {
    addresses?: { ip: string; nodeName?: string; targetRef?: Endpoint['targetRef'] }[];
    notReadyAddresses?: { ip: string; nodeName?: string; targetRef?: Endpoint['targetRef'] }[];
    ports?: { name?: string; port: number; protocol?: string }[];
  }[];
}

// ------------------------------------------------------ networking.k8s.io/v1
export interface ServiceBackendPort {
  name?: string;
  number?: number;
}

export interface IngressBackend {
  service?: { name: string; port?: ServiceBackendPort };
  resource?: { apiGroup?: string; kind: string; name: string };
}

export interface HTTPIngressPath {
  path?: string;
  pathType?: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressBackend;
}

export interface IngressRule {
  host?: string;
  http?: { paths: HTTPIngressPath[] } | null;
}

export interface Ingress extends K8sObject {
  kind: 'Ingress';
  spec: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: IngressRule[];
    tls?: { hosts?: string[]; secretName?: string }[];
  };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
  /** apiVersion the object was read as, before normalisation (extensions/v1beta1 …). */
  sourceApiVersion?: string;
}

export interface IngressClass extends K8sObject {
  kind: 'IngressClass';
  spec: {
    controller?: string;
    parameters?: IngressClassParameters;
  };
}

export interface IngressClassParameters {
  apiGroup?: string;
  kind: string;
  name: string;
  scope?: string;
  namespace?: string;
}

/**
 * Whether the object an IngressClass's spec.parameters names exists. Live: discovery + one GET;
 * from a dump: whether the dump holds it, among objects of its kind. `key` is parametersKey().
 */
export interface ParameterLookup {
  key: string;
  state: 'found' | 'missing' | 'unknown';
  reason?: string;
}

export interface NetworkPolicyPort {
  protocol?: string;
  port?: IntOrString;
  endPort?: number;
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicy extends K8sObject {
  kind: 'NetworkPolicy';
  spec: {
    podSelector: LabelSelector;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
    egress?: { to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
  };
}

// ------------------------------------------------- gateway.networking.k8s.io
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export interface GatewayClass extends K8sObject {
  kind: 'GatewayClass';
  spec: { controllerName: string; parametersRef?: { group: string; kind: string; name: string; namespace?: string } };
  status?: { conditions?: Condition[] };
}

export interface GatewayListener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tls?: { mode?: string; certificateRefs?: { group?: string; kind?: string; name: string; namespace?: string }[] };
  allowedRoutes?: {
    namespaces?: { from?: 'All' | 'Same' | 'Selector' | 'None'; selector?: LabelSelector };
    kinds?: { group?: string; kind: string }[];
  };
}

export interface Gateway extends K8sObject {
  kind: 'Gateway';
  spec: { gatewayClassName: string; listeners: GatewayListener[]; addresses?: { type?: string; value: string }[] };
  status?: {
    addresses?: { type?: string; value: string }[];
    conditions?: Condition[];
    listeners?: { name: string; attachedRoutes?: number; conditions?: Condition[]; supportedKinds?: { group?: string; kind: string }[] }[];
  };
}

export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface HTTPBackendRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  port?: number;
  weight?: number;
}

export interface HTTPRouteRule {
  name?: string;
  matches?: {
    path?: { type?: 'Exact' | 'PathPrefix' | 'RegularExpression'; value?: string };
    method?: string;
    headers?: { type?: string; name: string; value: string }[];
    queryParams?: { type?: string; name: string; value: string }[];
  }[];
  backendRefs?: HTTPBackendRef[];
}

export interface HTTPRoute extends K8sObject {
  kind: 'HTTPRoute';
  spec: { parentRefs?: ParentReference[]; hostnames?: string[]; rules?: HTTPRouteRule[] };
  status?: { parents?: { parentRef: ParentReference; controllerName?: string; conditions?: Condition[] }[] };
}

/** GRPCRoute (gateway.networking.k8s.io/v1): matches on gRPC service/method and headers, no path. */
export interface GRPCRouteRule {
  name?: string;
  matches?: {
    method?: { type?: 'Exact' | 'RegularExpression'; service?: string; method?: string };
    headers?: { type?: string; name: string; value: string }[];
  }[];
  backendRefs?: HTTPBackendRef[];
}

export interface GRPCRoute extends K8sObject {
  kind: 'GRPCRoute';
  spec: { parentRefs?: ParentReference[]; hostnames?: string[]; rules?: GRPCRouteRule[] };
  status?: HTTPRoute['status'];
}

/** The Route kinds kexplore follows to Services (HTTP and gRPC through Gateway listeners). */
export type Route = HTTPRoute | GRPCRoute;
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

export interface ReferenceGrant extends K8sObject {
  kind: 'ReferenceGrant';
  spec: { from: { group: string; kind: string; namespace: string }[]; to: { group: string; kind: string; name?: string }[] };
}

/** admissionregistration.k8s.io/v1: only what controller.admission-webhook-down reads. */
export interface ValidatingWebhookConfiguration extends K8sObject {
  kind: 'ValidatingWebhookConfiguration';
  webhooks?: {
    name: string;
    failurePolicy?: string;
    clientConfig?: { service?: { namespace: string; name: string; port?: number } };
    rules?: { apiGroups?: string[]; resources?: string[]; operations?: string[] }[];
  }[];
}

/** cert-manager.io/v1 Certificate: only what tls.certmanager-not-ready reads (optional CRD). */
export interface Certificate extends K8sObject {
  kind: 'Certificate';
  spec: { secretName: string; dnsNames?: string[]; issuerRef?: { name: string; kind?: string } };
  status?: { conditions?: Condition[]; notAfter?: string; renewalTime?: string };
}

/** Only kube-system/kube-proxy is ever kept (its config.conf): other ConfigMaps are dropped on arrival. */
export interface ConfigMap extends K8sObject {
  kind: 'ConfigMap';
  data?: Record<string, string>;
}

// ------------------------------------------------------------------ snapshot
/** Every kind a snapshot can carry, in the order they are fetched. */
export const KINDS = [
  'Namespace',
  'Node',
  'Service',
  'EndpointSlice',
  'Endpoints',
  'Pod',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
  'Secret',
  'Event',
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'DaemonSet',
  'GatewayClass',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'ReferenceGrant',
  'ValidatingWebhookConfiguration',
  'Certificate',
  'ConfigMap',
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * What kexplore could see of a kind. Checks that need a kind which is not `visible`
 * produce no finding and are reported as skipped: a Forbidden list never means "none exist".
 * - visible: listed successfully (in all namespaces in scope, or in `namespaces` when partial).
 * - partial: listed in some namespaces only (RBAC fallback); `namespaces` says which.
 * - forbidden: RBAC denied it.
 * - not-installed: the API is not served (e.g. Gateway API CRDs absent).
 * - absent: not present in the snapshot files (offline input).
 * - failed: the request failed for another reason (`message`).
 */
export type VisibilityState = 'visible' | 'partial' | 'forbidden' | 'not-installed' | 'absent' | 'failed';

export interface KindVisibility {
  state: VisibilityState;
  namespaces?: string[];
  message?: string;
}

export type SourceKind = 'live' | 'snapshot' | 'demo';

export interface SnapshotSource {
  type: SourceKind;
  context?: string;
  cluster?: string;
  server?: string;
  user?: string;
  files?: string[];
  serverVersion?: string;
  /** connection state for live sources */
  state?: 'connecting' | 'live' | 'reconnecting' | 'stale';
  staleSince?: string;
}

export interface ClusterSnapshot {
  source: SnapshotSource;
  /** ISO time the data describes (now for live, file time or dump time offline). */
  takenAt: string;
  /** Namespace scope: undefined = all namespaces. */
  namespace?: string;
  visibility: Record<Kind, KindVisibility>;
  namespaces: Namespace[];
  nodes: Node[];
  services: Service[];
  endpointSlices: EndpointSlice[];
  endpoints: Endpoints[];
  pods: Pod[];
  ingresses: Ingress[];
  ingressClasses: IngressClass[];
  networkPolicies: NetworkPolicy[];
  secrets: Secret[];
  events: Event[];
  workloads: Workload[];
  gatewayClasses: GatewayClass[];
  gateways: Gateway[];
  httpRoutes: HTTPRoute[];
  grpcRoutes: GRPCRoute[];
  referenceGrants: ReferenceGrant[];
  validatingWebhooks: ValidatingWebhookConfiguration[];
  certificates: Certificate[];
  configMaps: ConfigMap[];
  parameterLookups: ParameterLookup[];
}

export type AnyObject =
  | Namespace
  | Node
  | Service
  | EndpointSlice
  | Endpoints
  | Pod
  | Ingress
  | IngressClass
  | NetworkPolicy
  | Secret
  | Event
  | Workload
  | GatewayClass
  | Gateway
  | HTTPRoute
  | GRPCRoute
  | ReferenceGrant
  | ValidatingWebhookConfiguration
  | Certificate
  | ConfigMap;

/** One identity everywhere: Kind/namespace/name (namespace empty for cluster-scoped). */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export function refOf(o: K8sObject): ObjectRef {
  return o.metadata.namespace === undefined
    ? { kind: o.kind, name: o.metadata.name }
    : { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name };
}

export function refKey(r: ObjectRef): string {
  return `${r.kind}/${r.namespace ?? ''}/${r.name}`;
}
