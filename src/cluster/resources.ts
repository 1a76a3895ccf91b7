// The API resources kexplore reads, and how to address them.
import type { Kind } from '../model/types.js';

export interface ResourceDef {
  kind: Kind;
  /** '' for core */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  fieldSelector?: string;
  /** read in the second phase: large or only enrichment (perf.md §6, "graph first, pods later") */
  background?: boolean;
}

const def = (kind: Kind, group: string, version: string, plural: string, namespaced: boolean, extra: Partial<ResourceDef> = {}): ResourceDef => ({
  kind,
  group,
  version,
  plural,
  namespaced,
  ...extra,
});

/** Everything except Secrets (only fetched by name) and Gateway API kinds (versions from discovery). */
export const CORE_RESOURCES: readonly ResourceDef[] = [
  def('Namespace', '', 'v1', 'namespaces', false),
  def('Node', '', 'v1', 'nodes', false),
  def('Service', '', 'v1', 'services', true),
  def('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', true),
  def('Ingress', 'networking.k8s.io', 'v1', 'ingresses', true),
  def('IngressClass', 'networking.k8s.io', 'v1', 'ingressclasses', false),
  def('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', true),
  def('Pod', '', 'v1', 'pods', true, { background: true }),
  def('Event', '', 'v1', 'events', true, { fieldSelector: 'type!=Normal', background: true }),
  def('Deployment', 'apps', 'v1', 'deployments', true, { background: true }),
  def('StatefulSet', 'apps', 'v1', 'statefulsets', true, { background: true }),
  def('ReplicaSet', 'apps', 'v1', 'replicasets', true, { background: true }),
  def('DaemonSet', 'apps', 'v1', 'daemonsets', true, { background: true }),
  // optional CRD: 'not-installed' when cert-manager.io/v1 is not served
  def('Certificate', 'cert-manager.io', 'v1', 'certificates', true, { background: true }),
  def('ValidatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', false, { background: true }),
];

/** Read only when EndpointSlices cannot be (v1 Endpoints is deprecated since 1.33). */
export const ENDPOINTS_RESOURCE: ResourceDef = def('Endpoints', '', 'v1', 'endpoints', true);

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const GATEWAY_KINDS: readonly { kind: Kind; plural: string; namespaced: boolean }[] = [
  { kind: 'GatewayClass', plural: 'gatewayclasses', namespaced: false },
  { kind: 'Gateway', plural: 'gateways', namespaced: true },
  { kind: 'HTTPRoute', plural: 'httproutes', namespaced: true },
  { kind: 'GRPCRoute', plural: 'grpcroutes', namespaced: true },
  { kind: 'ReferenceGrant', plural: 'referencegrants', namespaced: true },
];

export const groupVersion = (d: Pick<ResourceDef, 'group' | 'version'>): string => (d.group ? `${d.group}/${d.version}` : d.version);

/** Collection path: /api/v1/pods, /api/v1/namespaces/ns/pods, /apis/g/v/namespaces/ns/x … */
export function collectionPath(d: ResourceDef, namespace?: string): string {
  const root = d.group ? `/apis/${d.group}/${d.version}` : `/api/${d.version}`;
  const ns = d.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${root}${ns}/${d.plural}`;
}

export const SECRET_RESOURCE: ResourceDef = def('Secret', '', 'v1', 'secrets', true);
