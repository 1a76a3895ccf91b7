// The exposure graph: what buildGraph() derives from a ClusterSnapshot. The UI and the
// CLI render it; checks read it. Tri-state facts use `undefined` for "unknown" (not visible).
import type {
  Gateway,
  GatewayListener,
  Route,
  Ingress,
  IngressClass,
  ObjectRef,
  Service,
  ServiceBackendPort,
  ServicePort,
} from './types.js';
import type { MatchView } from './route-matches.js';

export type ServiceGroup = 'ClusterIP' | 'Headless' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export const SERVICE_GROUPS: readonly ServiceGroup[] = ['ClusterIP', 'Headless', 'NodePort', 'LoadBalancer', 'ExternalName'];

/** An address a client could use to reach the Service. */
export interface ExposureAddress {
  kind: 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP' | 'externalName';
  /** IP or hostname ('' when pending). */
  host: string;
  port?: number;
  protocol?: string;
  /** LoadBalancer without status address yet. */
  pending?: boolean;
  /** node name for nodePort addresses */
  node?: string;
  nodeReady?: boolean;
  /** node ports list a few nodes (Ready first); this many more nodes answer on the same port */
  moreNodes?: number;
}

export interface PortView {
  name?: string;
  protocol: string;
  port: number;
  /** as written (defaults to port) */
  targetPort: number | string;
  nodePort?: number;
  /** targetPort numbers the ready endpoints actually serve (from EndpointSlice ports) */
  resolvedTargetPorts: number[];
}

export interface EndpointView {
  address: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  zone?: string;
  pod?: ObjectRef;
  /** why the pod is not ready: CrashLoopBackOff, readiness probe, node NotReady… */
  notReadyReason?: string;
  /** EndpointSlice port entries this endpoint's slice serves */
  ports: { name: string; port?: number; protocol: string }[];
}

export interface ServiceView {
  ref: ObjectRef;
  key: string;
  service: Service;
  group: ServiceGroup;
  addresses: ExposureAddress[];
  ports: PortView[];
  /** undefined: EndpointSlices (and Endpoints) not visible for this namespace */
  endpoints?: EndpointView[];
  readyCount?: number;
  totalCount?: number;
  /** pods matched by the selector (H2); undefined when pods are not visible or no selector */
  selectedPods?: ObjectRef[];
  /** Ingresses and HTTPRoutes whose backends name this Service */
  reachedBy: ObjectRef[];
}

export type BackendState =
  | 'ok' // resolved, ≥1 ready endpoint serves the port
  | 'no-endpoints' // resolved, no ready endpoint for the port
  | 'service-missing'
  | 'port-missing'
  | 'external-name' // resolved to an ExternalName Service (DNS alias)
  | 'resource' // Ingress resource backend, not a Service
  | 'unknown'; // something needed is not visible

export interface BackendTarget {
  address: string;
  /** resolved targetPort on this endpoint */
  port?: number;
  ready: boolean;
  terminating: boolean;
  pod?: ObjectRef;
  nodeName?: string;
  notReadyReason?: string;
}

export interface BackendView {
  /** Service as referenced */
  serviceName: string;
  namespace: string;
  /** port as referenced (Ingress port name/number, or HTTPRoute number) */
  port?: ServiceBackendPort;
  weight?: number;
  service?: ObjectRef;
  /** the matched Service port */
  servicePort?: ServicePort;
  state: BackendState;
  targets: BackendTarget[];
  /** for resource backends / ExternalName: a short description */
  note?: string;
}

export type ClassSource = 'field' | 'annotation' | 'none';
export type Presence = 'present' | 'absent' | 'unknown';

export interface IngressRouteView {
  /** '' = any host */
  host: string;
  /** '' for the default backend */
  path: string;
  pathType?: string;
  isDefault: boolean;
  backend: BackendView;
  /** TLS secret covering this host (by spec.tls hosts), if any */
  tlsSecret?: string;
  /** where the backend is written: spec.rules[i].http.paths[j].backend.service, or spec.defaultBackend.service */
  backendField: string;
}

export interface IngressView {
  ref: ObjectRef;
  key: string;
  ingress: Ingress;
  /** effective class name (H4): field value, or legacy annotation value */
  className?: string;
  classSource: ClassSource;
  ingressClass?: IngressClass;
  /** IngressClass.spec.controller, when known */
  controller?: string;
  controllerPresence: Presence;
  /** controller pods found by signature (Appendix A) */
  controllerPods: ObjectRef[];
  addresses: string[];
  tls: { hosts: string[]; secretName?: string }[];
  routes: IngressRouteView[];
}

export interface RouteParentView {
  gateway: ObjectRef;
  sectionName?: string;
  gatewayFound: boolean | undefined;
  /** listeners that admit the route (H7 Gateway semantics, allowedRoutes) */
  listeners: string[];
  /** status.parents Accepted condition, when present */
  accepted?: boolean;
  reason?: string;
}

/** An HTTPRoute or a GRPCRoute: both attach to Gateway listeners and send rules to Services. */
export interface RouteView {
  ref: ObjectRef;
  key: string;
  route: Route;
  hostnames: string[];
  parents: RouteParentView[];
  /** per rule: its matches (text and identity, CRD defaults applied) and backends */
  rules: { matches: MatchView[]; backends: BackendView[] }[];
}

export interface GatewayView {
  ref: ObjectRef;
  key: string;
  gateway: Gateway;
  className: string;
  classFound: boolean | undefined;
  addresses: string[];
  listeners: (GatewayListener & { attachedRoutes?: number })[];
  routes: ObjectRef[];
}

export interface ExposureGraph {
  services: ServiceView[];
  byGroup: Record<ServiceGroup, ServiceView[]>;
  serviceByKey: Map<string, ServiceView>;
  ingresses: IngressView[];
  gateways: GatewayView[];
  /** HTTPRoutes and GRPCRoutes */
  routes: RouteView[];
}
