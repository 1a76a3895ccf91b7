// What kube-controller-manager would write for the demo's Services: EndpointSlices (and the
// deprecated Endpoints) derived from the pods, so slices and pods can never disagree.
// Mirrors the endpointslice controller: selector match, FindPort per pod (name AND protocol),
// one slice per distinct port set, a placeholder slice (endpoints/ports null) when nothing matches.
import type { DemoBuilder, Labels, Raw } from './build.js';

const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): Raw[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const labelsOf = (o: Raw): Labels => obj(obj(o.metadata).labels) as Labels;

interface DemoEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName: string;
  zone?: string;
  targetRef: Raw;
}

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** FindPort: numeric targetPort as is; a name must be declared with the same protocol. */
function findPort(pod: Raw, svcPort: Raw): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  const protocol = str(svcPort.protocol) ?? 'TCP';
  for (const c of arr(obj(pod.spec).containers))
    for (const p of arr(c.ports)) if (p.name === target && (str(p.protocol) ?? 'TCP') === protocol && typeof p.containerPort === 'number') return p.containerPort;
  return undefined;
}

function podReady(pod: Raw): boolean {
  return arr(obj(pod.status).conditions).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function addEndpointSlices(b: DemoBuilder): void {
  const pods = b.items.filter((o) => o.kind === 'Pod');
  const services = b.items.filter((o) => o.kind === 'Service');
  for (const svc of services) {
    const meta = obj(svc.metadata);
    const spec = obj(svc.spec);
    const selector = obj(spec.selector) as Labels;
    if (spec.type === 'ExternalName' || Object.keys(selector).length === 0) continue;
    const ns = str(meta.namespace) ?? '';
    const name = str(meta.name) ?? '';
    const headless = spec.clusterIP === 'None';
    const selected = pods.filter((p) => {
      const pm = obj(p.metadata);
      const phase = obj(p.status).phase;
      return pm.namespace === ns && phase !== 'Succeeded' && phase !== 'Failed' && Object.entries(selector).every(([k, v]) => labelsOf(p)[k] === v);
    });
    // Group endpoints by the resolved port set, as the controller does.
    const groups = new Map<string, { ports: SlicePort[]; endpoints: DemoEndpoint[] }>();
    for (const pod of selected) {
      const ip = str(obj(pod.status).podIP);
      if (!ip) continue;
      const ports: SlicePort[] = [];
      for (const sp of arr(spec.ports)) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const p: SlicePort = { name: str(sp.name) ?? '', port, protocol: str(sp.protocol) ?? 'TCP' };
        const ap = str(sp.appProtocol);
        if (ap) p.appProtocol = ap;
        ports.push(p);
      }
      if (ports.length === 0) continue;
      const pm = obj(pod.metadata);
      const ps = obj(pod.spec);
      const ready = podReady(pod) || spec.publishNotReadyAddresses === true;
      const nodeName = str(ps.nodeName) ?? '';
      const ep: DemoEndpoint = {
        addresses: [ip],
        conditions: { ready, serving: ready, terminating: pm.deletionTimestamp !== undefined },
        nodeName,
        targetRef: { kind: 'Pod', namespace: ns, name: pm.name, uid: pm.uid },
      };
      if (headless && ps.subdomain === name && typeof ps.hostname === 'string') ep.hostname = ps.hostname;
      const zone = b.nodes.get(nodeName)?.zone;
      if (zone) ep.zone = zone;
      const key = JSON.stringify(ports);
      const g = groups.get(key) ?? { ports, endpoints: [] };
      g.endpoints.push(ep);
      groups.set(key, g);
    }
    const labels: Labels = {
      ...obj(meta.labels),
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': name,
      ...(headless ? { 'service.kubernetes.io/headless': '' } : {}),
    };
    const slices = groups.size > 0 ? [...groups.values()] : [{ ports: null, endpoints: null }];
    slices.forEach((g, i) => {
      b.add({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: b.meta('EndpointSlice', `${name}-${b.suffix(`${ns}/${name}/slice/${i}`, 5)}`, ns, 90, {
          generateName: `${name}-`,
          generation: 1,
          labels,
          annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': b.ago(5) },
          ownerReferences: [b.owner('Service', 'v1', name, ns)],
        }),
        addressType: 'IPv4',
        endpoints: g.endpoints,
        ports: g.ports,
      });
    });
    addEndpoints(b, ns, name, labels, [...groups.values()]);
  }
}

/** The deprecated core/v1 Endpoints mirror (still written by the endpoints controller). */
function addEndpoints(b: DemoBuilder, ns: string, name: string, labels: Labels, groups: { ports: SlicePort[]; endpoints: DemoEndpoint[] }[]): void {
  const { 'endpointslice.kubernetes.io/managed-by': _m, 'kubernetes.io/service-name': _s, ...svcLabels } = labels;
  const subsets = groups.map((g) => {
    const addr = (e: DemoEndpoint): Raw => ({ ip: e.addresses[0], nodeName: e.nodeName, ...(e.hostname ? { hostname: e.hostname } : {}), targetRef: e.targetRef });
    const ready = g.endpoints.filter((e) => e.conditions.ready).map(addr);
    const notReady = g.endpoints.filter((e) => !e.conditions.ready).map(addr);
    return { ...(ready.length > 0 ? { addresses: ready } : {}), ...(notReady.length > 0 ? { notReadyAddresses: notReady } : {}), ports: g.ports };
  });
  b.add({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: b.meta('Endpoints', name, ns, 90, { labels: svcLabels, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': b.ago(5) } }),
    ...(subsets.length > 0 ? { subsets } : {}),
  });
}
