// `kexplore snapshot` output: a v1 List any kubectl-style tool can read, with kexplore's own
// header (when, from where, what was visible) in the List metadata. Objects are the slimmed
// projections, so Secrets carry only public certificate material, never a private key.
import type { AnyObject, ClusterSnapshot, Kind, Secret } from '../model/types.js';
import { allObjects } from '../model/snapshot.js';

export const EXPORT_VERSION = 1;

const API_VERSION: Record<Kind, string> = {
  Namespace: 'v1',
  Node: 'v1',
  Service: 'v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Endpoints: 'v1',
  Pod: 'v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Secret: 'v1',
  Event: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  GatewayClass: 'gateway.networking.k8s.io/v1',
  Gateway: 'gateway.networking.k8s.io/v1',
  HTTPRoute: 'gateway.networking.k8s.io/v1',
  GRPCRoute: 'gateway.networking.k8s.io/v1',
  ReferenceGrant: 'gateway.networking.k8s.io/v1beta1',
  ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
  Certificate: 'cert-manager.io/v1',
  ConfigMap: 'v1',
};

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const KEY_TEXT = /PRIVATE KEY/;

/** Public certificate blocks only, whatever the object was built from. */
function reducedSecret(s: Secret): Record<string, unknown> {
  const out: Record<string, unknown> = { apiVersion: 'v1', kind: 'Secret', metadata: s.metadata };
  if (s.type !== undefined) out.type = s.type;
  if (s.tlsCrt !== undefined) out.tlsCrt = (s.tlsCrt.match(CERT_BLOCK) ?? []).join('\n');
  out.hasTlsCrt = s.hasTlsCrt;
  out.hasTlsKey = s.hasTlsKey;
  out.hasCaCrt = s.hasCaCrt;
  if (s.keyMatchesCert !== undefined) out.keyMatchesCert = s.keyMatchesCert;
  return out;
}

function item(o: AnyObject): Record<string, unknown> {
  if (o.kind === 'Secret') return reducedSecret(o);
  // Ingresses are stored in networking.k8s.io/v1 shape; the version they were read as travels
  // in sourceApiVersion (restored by snapshot-files.ts), so the item stays valid v1.
  const apiVersion = o.kind === 'Ingress' ? API_VERSION.Ingress : (o.apiVersion ?? API_VERSION[o.kind]);
  return { ...o, apiVersion, kind: o.kind };
}

/** Drop any string that looks like key material, wherever it hides (annotations, args…). */
function redact(_key: string, value: unknown): unknown {
  return typeof value === 'string' && KEY_TEXT.test(value) ? '[redacted]' : value;
}

export function serializeSnapshot(s: ClusterSnapshot): string {
  const objects = allObjects(s);
  // Never the user name: a snapshot is meant to be shared (support tickets).
  const { user: _user, state: _state, staleSince: _stale, ...source } = s.source;
  const header: Record<string, unknown> = { version: EXPORT_VERSION, takenAt: s.takenAt, source, visibility: s.visibility };
  if (s.namespace !== undefined) header.namespace = s.namespace;
  if (s.parameterLookups.length > 0) header.parameterLookups = s.parameterLookups;
  const list = { apiVersion: 'v1', kind: 'List', metadata: { kexplore: header }, items: objects.map(item) };
  return `${JSON.stringify(list, redact, 2)}\n`;
}
