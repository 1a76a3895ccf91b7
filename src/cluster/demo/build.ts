// Builders that produce raw objects exactly as the API returns them (then projected by slim),
// so the demo exercises the same code paths as a live cluster.
import { createHash } from 'node:crypto';

export type Raw = Record<string, unknown>;

export class DemoBuilder {
  readonly items: Raw[] = [];
  private rv = 1000;
  constructor(private readonly now: Date) {}

  ago(minutes: number): string {
    return new Date(this.now.getTime() - minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  meta(name: string, namespace: string | undefined, minutesAgo: number, extra: Raw = {}): Raw {
    const uid = createHash('sha1').update(`${namespace ?? ''}/${name}/${String(extra.kind ?? '')}`).digest('hex');
    return {
      name,
      ...(namespace ? { namespace } : {}),
      uid: `${uid.slice(0, 8)}-${uid.slice(8, 12)}-${uid.slice(12, 16)}-${uid.slice(16, 20)}-${uid.slice(20, 32)}`,
      resourceVersion: String(this.rv++),
      creationTimestamp: this.ago(minutesAgo),
      ...extra,
    };
  }

  add(o: Raw): Raw {
    this.items.push(o);
    return o;
  }

  namespace(name: string, labels: Record<string, string> = {}): void {
    this.add({ apiVersion: 'v1', kind: 'Namespace', metadata: this.meta(name, undefined, 60 * 24 * 30, { labels: { 'kubernetes.io/metadata.name': name, ...labels } }), status: { phase: 'Active' } });
  }

  node(name: string, internal: string, external: string, ready: boolean, zone: string): void {
    this.add({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: this.meta(name, undefined, 60 * 24 * 30, { labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } }),
      spec: { podCIDR: '10.244.0.0/24' },
      status: {
        addresses: [{ type: 'InternalIP', address: internal }, { type: 'ExternalIP', address: external }, { type: 'Hostname', address: name }],
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown', reason: ready ? 'KubeletReady' : 'NodeStatusUnknown' }],
        nodeInfo: { kubeletVersion: 'v1.36.3' },
      },
    });
  }

  /** A Deployment's pods (via a ReplicaSet) and their readiness. */
  pods(ns: string, app: string, spec: { replicas: { node: string; ip: string; ready: boolean; waiting?: string }[]; image: string; ports: Raw[]; labels?: Record<string, string>; args?: string[] }): void {
    const rs = `${app}-7c9d5f${app.length}b8`;
    const labels = { app, 'pod-template-hash': '7c9d5fb8', ...(spec.labels ?? {}) };
    this.add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: this.meta(app, ns, 60 * 24 * 7), spec: { replicas: spec.replicas.length, selector: { matchLabels: { app } }, template: { metadata: { labels }, spec: { containers: [{ name: app, image: spec.image, ports: spec.ports }] } } }, status: { replicas: spec.replicas.length, readyReplicas: spec.replicas.filter((r) => r.ready).length } });
    spec.replicas.forEach((r, i) => {
      const name = `${rs}-${['x7k2p', 'q9m4z', 'b3n8r', 'h5t1w'][i] ?? `p${i}`}`;
      this.add({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: this.meta(name, ns, 60 * 24, { labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, controller: true }] }),
        spec: { nodeName: r.node, containers: [{ name: app, image: spec.image, ports: spec.ports, ...(spec.args ? { args: spec.args } : {}) }] },
        status: {
          phase: 'Running',
          podIP: r.ip,
          podIPs: [{ ip: r.ip }],
          hostIP: '10.0.0.1',
          conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: r.ready ? 'True' : 'False', ...(r.ready ? {} : { reason: 'ContainersNotReady' }) }],
          containerStatuses: [{ name: app, ready: r.ready, restartCount: r.waiting ? 14 : 0, image: spec.image, state: r.waiting ? { waiting: { reason: r.waiting, message: 'back-off 5m0s restarting failed container' } } : { running: { startedAt: this.ago(60 * 24) } } }],
        },
      });
    });
  }

  service(ns: string, name: string, spec: Raw, status: Raw = {}, minutesAgo = 60 * 24 * 7): void {
    this.add({ apiVersion: 'v1', kind: 'Service', metadata: this.meta(name, ns, minutesAgo), spec: { sessionAffinity: 'None', ...spec }, status: { loadBalancer: {}, ...status } });
  }

  /** The EndpointSlice kube-controller-manager writes for a selector Service. */
  slice(ns: string, svc: string, ports: { name: string; port: number; protocol?: string }[], eps: { ip: string; pod?: string; node: string; ready: boolean; zone?: string }[]): void {
    this.add({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: this.meta(`${svc}-${svc.length}f8k2`, ns, 60, { labels: { 'kubernetes.io/service-name': svc, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc, controller: true }] }),
      addressType: 'IPv4',
      ports: eps.length > 0 ? ports.map((p) => ({ protocol: 'TCP', ...p })) : null,
      endpoints:
        eps.length > 0
          ? eps.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready, serving: e.ready, terminating: false }, nodeName: e.node, zone: e.zone ?? 'eu-west-1a', ...(e.pod ? { targetRef: { kind: 'Pod', namespace: ns, name: e.pod } } : {}) }))
          : null,
    });
  }

  podName(ns: string, app: string, i: number): string {
    const found = this.items.filter((o) => o.kind === 'Pod' && (o.metadata as Raw).namespace === ns && ((o.metadata as Raw).labels as Record<string, string>).app === app)[i];
    return String((found?.metadata as Raw | undefined)?.name ?? '');
  }
}
