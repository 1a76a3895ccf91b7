// Reduce raw Kubernetes JSON (from a dump or the API) to the fields the model reads.
// Runs on every object as it arrives, so memory holds projections, not full objects:
// managedFields, pod specs' env/volumes/probes and Secret private keys are dropped here.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type {
  AnyObject,
  Container,
  Endpoint,
  EndpointSlice,
  Ingress,
  IngressBackend,
  Kind,
  ObjectMeta,
  Pod,
  Secret,
} from './types.js';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strMap = (v: unknown): Record<string, string> | undefined => {
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
};

/** Annotations worth keeping; the rest (last-applied-configuration, …) can be huge. */
const KEEP_ANNOTATION = /ingress|class|cert-manager|metallb|kube-vip|load-balancer|neg|alb\.|traefik|haproxy|konghq|projectcontour|nginx|tolerate-unready|over-capacity|leader|is-default/;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function slimMeta(raw: unknown, keepAllAnnotations = false): ObjectMeta {
  const m = isObj(raw) ? raw : {};
  const meta: ObjectMeta = { name: str(m.name) ?? '' };
  const ns = str(m.namespace);
  if (ns !== undefined && ns !== '') meta.namespace = ns;
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'] as const) {
    const v = m[k];
    if (typeof v === 'string') meta[k] = v;
    else if (v instanceof Date) meta[k] = v.toISOString();
  }
  const labels = strMap(m.labels);
  if (labels && Object.keys(labels).length > 0) meta.labels = labels;
  const ann = strMap(m.annotations);
  if (ann) {
    // every annotation may matter to a controller (ingress-nginx reads dozens), except kubectl's
    // own copy of the whole object, which only costs memory and would show in the YAML twice
    const kept = Object.fromEntries(Object.entries(ann).filter(([k]) => (keepAllAnnotations ? k !== LAST_APPLIED : KEEP_ANNOTATION.test(k))));
    if (Object.keys(kept).length > 0) meta.annotations = kept;
  }
  if (Array.isArray(m.ownerReferences)) {
    meta.ownerReferences = m.ownerReferences.filter(isObj).map((o) => {
      const r: NonNullable<ObjectMeta['ownerReferences']>[number] = { kind: str(o.kind) ?? '', name: str(o.name) ?? '' };
      if (typeof o.controller === 'boolean') r.controller = o.controller;
      const uid = str(o.uid);
      if (uid) r.uid = uid;
      return r;
    });
  }
  return meta;
}

function slimContainer(c: Json): Container {
  const out: Container = { name: str(c.name) ?? '' };
  const image = str(c.image);
  if (image) out.image = image;
  if (Array.isArray(c.args)) out.args = c.args.filter((a): a is string => typeof a === 'string');
  if (Array.isArray(c.command)) out.command = c.command.filter((a): a is string => typeof a === 'string');
  if (Array.isArray(c.ports)) out.ports = c.ports.filter(isObj) as unknown as Container['ports'];
  const rp = str(c.restartPolicy);
  if (rp) out.restartPolicy = rp;
  return out;
}

function slimPod(raw: Json, meta: ObjectMeta): Pod {
  const spec = isObj(raw.spec) ? raw.spec : {};
  const status = isObj(raw.status) ? raw.status : {};
  const pod: Pod = {
    kind: 'Pod',
    metadata: meta,
    spec: { containers: Array.isArray(spec.containers) ? spec.containers.filter(isObj).map(slimContainer) : [] },
  };
  const nodeName = str(spec.nodeName);
  if (nodeName) pod.spec.nodeName = nodeName;
  if (spec.hostNetwork === true) pod.spec.hostNetwork = true;
  if (Array.isArray(spec.initContainers)) pod.spec.initContainers = spec.initContainers.filter(isObj).map(slimContainer);
  const st: NonNullable<Pod['status']> = {};
  for (const k of ['phase', 'podIP', 'hostIP'] as const) {
    const v = str(status[k]);
    if (v) st[k] = v;
  }
  if (Array.isArray(status.podIPs)) st.podIPs = status.podIPs.filter(isObj).map((p) => ({ ip: str(p.ip) ?? '' }));
  if (Array.isArray(status.conditions))
    st.conditions = status.conditions.filter(isObj).map((c) => {
      const cond: NonNullable<NonNullable<Pod['status']>['conditions']>[number] = {
        type: str(c.type) ?? '',
        status: (str(c.status) ?? 'Unknown') as 'True' | 'False' | 'Unknown',
      };
      const reason = str(c.reason);
      if (reason) cond.reason = reason;
      const message = str(c.message);
      if (message) cond.message = message;
      return cond;
    });
  if (Array.isArray(status.containerStatuses)) st.containerStatuses = status.containerStatuses.filter(isObj) as unknown as NonNullable<Pod['status']>['containerStatuses'];
  pod.status = st;
  return pod;
}

function slimEndpointSlice(raw: Json, meta: ObjectMeta): EndpointSlice {
  const eps = Array.isArray(raw.endpoints)
    ? raw.endpoints.filter(isObj).map((e) => {
        const ep: Endpoint = { addresses: Array.isArray(e.addresses) ? e.addresses.filter((a): a is string => typeof a === 'string') : [] };
        if (isObj(e.conditions)) ep.conditions = e.conditions as Endpoint['conditions'];
        const nodeName = str(e.nodeName);
        if (nodeName) ep.nodeName = nodeName;
        const zone = str(e.zone);
        if (zone) ep.zone = zone;
        const hostname = str(e.hostname);
        if (hostname) ep.hostname = hostname;
        if (isObj(e.targetRef)) {
          const t = e.targetRef;
          ep.targetRef = {};
          for (const k of ['kind', 'namespace', 'name', 'uid'] as const) {
            const v = str(t[k]);
            if (v) ep.targetRef[k] = v;
          }
        }
        return ep;
      })
    : null;
  return {
    kind: 'EndpointSlice',
    metadata: meta,
    addressType: str(raw.addressType) ?? 'IPv4',
    endpoints: eps,
    ports: Array.isArray(raw.ports) ? (raw.ports.filter(isObj) as unknown as EndpointSlice['ports']) : null,
  };
}

/** Legacy Ingress backends (serviceName/servicePort) become networking.k8s.io/v1 shape. */
export function normaliseBackend(b: unknown): IngressBackend | undefined {
  if (!isObj(b)) return undefined;
  if (isObj(b.service)) {
    const s = b.service;
    const out: IngressBackend = { service: { name: str(s.name) ?? '' } };
    if (isObj(s.port) && out.service) {
      const p: { name?: string; number?: number } = {};
      if (typeof s.port.number === 'number') p.number = s.port.number;
      const name = str(s.port.name);
      if (name) p.name = name;
      out.service.port = p;
    }
    return out;
  }
  if (typeof b.serviceName === 'string') {
    const out: IngressBackend = { service: { name: b.serviceName } };
    const sp = b.servicePort;
    if (out.service) {
      if (typeof sp === 'number') out.service.port = { number: sp };
      else if (typeof sp === 'string') out.service.port = /^\d+$/.test(sp) ? { number: Number(sp) } : { name: sp };
    }
    return out;
  }
  if (isObj(b.resource)) {
    const r = b.resource;
    const res: NonNullable<IngressBackend['resource']> = { kind: str(r.kind) ?? '', name: str(r.name) ?? '' };
    const g = str(r.apiGroup);
    if (g !== undefined) res.apiGroup = g;
    return { resource: res };
  }
  return undefined;
}

function slimIngress(raw: Json, meta: ObjectMeta): Ingress {
  const spec = isObj(raw.spec) ? raw.spec : {};
  const ing: Ingress = { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: meta, spec: {} };
  const apiVersion = str(raw.apiVersion);
  // A kexplore snapshot carries the apiVersion the object was originally read as.
  const original = str(raw.sourceApiVersion) ?? apiVersion;
  if (original && original !== 'networking.k8s.io/v1') ing.sourceApiVersion = original;
  const cls = str(spec.ingressClassName);
  if (cls !== undefined) ing.spec.ingressClassName = cls;
  const def = normaliseBackend(spec.defaultBackend ?? spec.backend);
  if (def) ing.spec.defaultBackend = def;
  if (Array.isArray(spec.rules))
    ing.spec.rules = spec.rules.filter(isObj).map((r) => {
      const rule: NonNullable<Ingress['spec']['rules']>[number] = {};
      const host = str(r.host);
      if (host) rule.host = host;
      if (isObj(r.http) && Array.isArray(r.http.paths))
        rule.http = {
          paths: r.http.paths.filter(isObj).map((p) => {
            const path: NonNullable<NonNullable<typeof rule.http>['paths']>[number] = { backend: normaliseBackend(p.backend) ?? {} };
            const pv = str(p.path);
            if (pv !== undefined) path.path = pv;
            // v1beta1 had no required pathType; missing means ImplementationSpecific.
            path.pathType = (str(p.pathType) as typeof path.pathType) ?? 'ImplementationSpecific';
            return path;
          }),
        };
      return rule;
    });
  if (Array.isArray(spec.tls))
    ing.spec.tls = spec.tls.filter(isObj).map((t) => {
      const e: { hosts?: string[]; secretName?: string } = {};
      if (Array.isArray(t.hosts)) e.hosts = t.hosts.filter((h): h is string => typeof h === 'string');
      const s = str(t.secretName);
      if (s !== undefined) e.secretName = s;
      return e;
    });
  if (isObj(raw.status)) ing.status = raw.status as Ingress['status'];
  return ing;
}

function decodeB64(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  return Buffer.from(v, 'base64').toString('utf8');
}

/** Keep only public certificate material; check the private key once and drop it. */
export function slimSecret(raw: Json, meta: ObjectMeta): Secret {
  const data = isObj(raw.data) ? raw.data : {};
  const crt = decodeB64(data['tls.crt']);
  const key = decodeB64(data['tls.key']);
  const sec: Secret = {
    kind: 'Secret',
    metadata: meta,
    hasTlsCrt: crt !== undefined && crt.trim() !== '',
    hasTlsKey: key !== undefined && key.trim() !== '',
    hasCaCrt: typeof data['ca.crt'] === 'string' && data['ca.crt'] !== '',
  };
  const type = str(raw.type);
  if (type) sec.type = type;
  if (crt) {
    // Only CERTIFICATE blocks survive; anything else in tls.crt is not kept.
    const certs = crt.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
    sec.tlsCrt = certs ? certs.join('\n') : crt.includes('PRIVATE KEY') ? '' : crt;
  } else if (typeof raw.tlsCrt === 'string') {
    // Already reduced (a kexplore snapshot): keep as is.
    sec.tlsCrt = raw.tlsCrt;
  }
  if (!crt && !key) for (const k of ['hasTlsCrt', 'hasTlsKey', 'hasCaCrt', 'keyMatchesCert'] as const) if (typeof raw[k] === 'boolean') sec[k] = raw[k];
  if (crt && key) {
    try {
      sec.keyMatchesCert = new X509Certificate(crt).checkPrivateKey(createPrivateKey(key));
    } catch {
      sec.keyMatchesCert = false;
    }
  }
  return sec;
}

const KIND_ALIASES: Record<string, Kind> = {
  Namespace: 'Namespace',
  Node: 'Node',
  Service: 'Service',
  EndpointSlice: 'EndpointSlice',
  Endpoints: 'Endpoints',
  Pod: 'Pod',
  Ingress: 'Ingress',
  IngressClass: 'IngressClass',
  NetworkPolicy: 'NetworkPolicy',
  Secret: 'Secret',
  Event: 'Event',
  Deployment: 'Deployment',
  StatefulSet: 'StatefulSet',
  ReplicaSet: 'ReplicaSet',
  DaemonSet: 'DaemonSet',
  GatewayClass: 'GatewayClass',
  Gateway: 'Gateway',
  HTTPRoute: 'HTTPRoute',
  GRPCRoute: 'GRPCRoute',
  ReferenceGrant: 'ReferenceGrant',
  ValidatingWebhookConfiguration: 'ValidatingWebhookConfiguration',
  Certificate: 'Certificate',
  ConfigMap: 'ConfigMap',
};

export function kindOf(kind: string): Kind | undefined {
  return KIND_ALIASES[kind];
}

/**
 * Project one raw object of a known kind. `kind` overrides raw.kind (list items from the
 * API carry none). Returns undefined for kinds kexplore does not model.
 */
export function slim(raw: unknown, kindHint?: string): AnyObject | undefined {
  if (!isObj(raw)) return undefined;
  const kind = kindOf(kindHint ?? str(raw.kind) ?? '');
  if (!kind) return undefined;
  const meta = slimMeta(raw.metadata, kind === 'Service' || kind === 'Ingress' || kind === 'IngressClass' || kind === 'Gateway' || kind === 'HTTPRoute' || kind === 'GRPCRoute');
  const spec = isObj(raw.spec) ? raw.spec : {};
  const status = isObj(raw.status) ? raw.status : undefined;
  const apiVersion = str(raw.apiVersion);
  switch (kind) {
    case 'Pod':
      return slimPod(raw, meta);
    case 'EndpointSlice':
      return slimEndpointSlice(raw, meta);
    case 'Ingress':
      return slimIngress(raw, meta);
    case 'Secret':
      return slimSecret(raw, meta);
    case 'Event': {
      const ev: AnyObject = { kind: 'Event', metadata: meta, involvedObject: isObj(raw.involvedObject) ? (raw.involvedObject as never) : {} };
      for (const k of ['type', 'reason', 'message', 'lastTimestamp', 'eventTime'] as const) {
        const v = raw[k];
        if (typeof v === 'string') ev[k] = v;
        else if (v instanceof Date) ev[k] = v.toISOString();
      }
      if (typeof raw.count === 'number') ev.count = raw.count;
      return ev;
    }
    case 'ConfigMap': {
      // kube-proxy's configuration is the only ConfigMap kexplore reads (nodePortAddresses)
      if (meta.namespace !== 'kube-system' || meta.name !== 'kube-proxy') return undefined;
      const data = isObj(raw.data) ? raw.data : {};
      const conf = str(data['config.conf']);
      return { kind, metadata: meta, ...(conf ? { data: { 'config.conf': conf } } : {}) };
    }
    case 'ValidatingWebhookConfiguration':
      return {
        kind,
        metadata: meta,
        webhooks: Array.isArray(raw.webhooks)
          ? raw.webhooks.filter(isObj).map((w) => ({
              name: str(w.name) ?? '',
              ...(str(w.failurePolicy) ? { failurePolicy: str(w.failurePolicy) } : {}),
              ...(isObj(w.clientConfig) && isObj(w.clientConfig.service) ? { clientConfig: { service: w.clientConfig.service as never } } : {}),
              ...(Array.isArray(w.rules) ? { rules: w.rules.filter(isObj) as never } : {}),
            }))
          : [],
      };
    case 'Endpoints':
      return { kind, metadata: meta, subsets: Array.isArray(raw.subsets) ? (raw.subsets as never) : [] };
    case 'Namespace':
      return status ? { kind, metadata: meta, status: status as never } : { kind, metadata: meta };
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'DaemonSet': {
      const tmpl = isObj(spec.template) ? spec.template : {};
      const tspec = isObj(tmpl.spec) ? tmpl.spec : {};
      const w: AnyObject = {
        kind,
        metadata: meta,
        spec: {
          template: {
            metadata: { labels: strMap(isObj(tmpl.metadata) ? tmpl.metadata.labels : undefined) ?? {} },
            spec: { containers: Array.isArray(tspec.containers) ? tspec.containers.filter(isObj).map(slimContainer) : [] },
          },
        },
      };
      if (typeof spec.replicas === 'number' && w.spec) w.spec.replicas = spec.replicas;
      if (isObj(spec.selector) && w.spec) w.spec.selector = spec.selector as never;
      if (status) w.status = status as never;
      return w;
    }
    case 'Node':
    case 'Service':
    case 'IngressClass':
    case 'NetworkPolicy':
    case 'GatewayClass':
    case 'Gateway':
    case 'HTTPRoute':
    case 'GRPCRoute':
    case 'Certificate':
    case 'ReferenceGrant': {
      const o = { kind, metadata: meta, spec } as Record<string, unknown>;
      if (apiVersion) o.apiVersion = apiVersion;
      if (status) {
        // Node status carries images and volumes we never read.
        o.status =
          kind === 'Node'
            ? { addresses: status.addresses, conditions: status.conditions, nodeInfo: isObj(status.nodeInfo) ? { kubeletVersion: status.nodeInfo.kubeletVersion } : undefined }
            : status;
      }
      if (kind === 'Service' && !isObj(o.spec)) o.spec = {};
      return o as unknown as AnyObject;
    }
  }
}
