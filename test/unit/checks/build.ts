// Realistic objects for check tests, shaped like the API returns them and projected by slim().
import { runChecks } from '../../../src/checks/engine.js';
import type { Finding, Report } from '../../../src/checks/types.js';
import { buildGraph } from '../../../src/model/graph.js';
import { slim } from '../../../src/model/slim.js';
import { snapshotFrom } from '../../../src/model/snapshot.js';
import { KINDS, type AnyObject, type ClusterSnapshot, type Kind, type KindVisibility } from '../../../src/model/types.js';

export type Raw = Record<string, unknown>;
export const NOW = '2026-11-25T12:00:00Z';
export const OLD = '2026-11-01T00:00:00Z';
export const JUST_NOW = '2026-11-25T11:59:00Z';

export function node(name: string, ready = true, extra: Raw = {}): Raw {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, creationTimestamp: OLD }, status: { addresses: [{ type: 'InternalIP', address: `10.0.0.${name.length}` }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown' }] }, ...extra };
}

export function pod(ns: string, name: string, labels: Record<string, string>, o: { node?: string; ip?: string; ready?: boolean; ports?: Raw[]; waiting?: string; image?: string; args?: string[] } = {}): Raw {
  const ready = o.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels, creationTimestamp: OLD },
    spec: { nodeName: o.node ?? 'node-a', containers: [{ name: 'main', image: o.image ?? 'app:1', ...(o.args ? { args: o.args } : {}), ports: o.ports ?? [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
    status: { phase: 'Running', podIP: o.ip ?? '10.244.0.9', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: [{ name: 'main', ready, restartCount: o.waiting ? 5 : 0, state: o.waiting ? { waiting: { reason: o.waiting } } : { running: {} } }] },
  };
}

export function service(ns: string, name: string, spec: Raw, status: Raw = {}, created = OLD): Raw {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, creationTimestamp: created }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', ...spec }, status: { loadBalancer: {}, ...status } };
}

/** The slice kube-controller-manager writes (a placeholder with null endpoints when nothing matches). */
export function slice(ns: string, svc: string, ports: Raw[] | null, eps: { ip: string; pod?: string; node?: string; ready?: boolean; terminating?: boolean; serving?: boolean }[] | null): Raw {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${svc}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': svc, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, creationTimestamp: OLD },
    addressType: 'IPv4',
    ports,
    endpoints: eps?.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false }, nodeName: e.node ?? 'node-a', ...(e.pod ? { targetRef: { kind: 'Pod', namespace: ns, name: e.pod } } : {}) })) ?? null,
  };
}

export function ingressClass(name: string, controller: string, isDefault = false): Raw {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, creationTimestamp: OLD, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) }, spec: { controller } };
}

export function ingress(ns: string, name: string, spec: Raw, o: { annotations?: Record<string, string>; address?: string; created?: string } = {}): Raw {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: ns, creationTimestamp: o.created ?? OLD, ...(o.annotations ? { annotations: o.annotations } : {}) }, spec, status: { loadBalancer: o.address ? { ingress: [{ ip: o.address }] } : {} } };
}

export const rule = (host: string, paths: [string, string, number | string][]): Raw => ({
  host,
  http: { paths: paths.map(([path, svc, port]) => ({ path, pathType: 'Prefix', backend: { service: { name: svc, port: typeof port === 'number' ? { number: port } : { name: port } } } })) },
});

export const nginxPod = (): Raw =>
  pod('ingress-nginx', 'ingress-nginx-controller-7d9f-x2', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, { image: 'registry.k8s.io/ingress-nginx/controller:v1.11.2', args: ['/nginx-ingress-controller', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx'], ports: [{ name: 'http', containerPort: 80 }] });

/** A snapshot where every kind is visible unless overridden. */
export function snap(objs: Raw[], visibility: Partial<Record<Kind, KindVisibility>> = {}): ClusterSnapshot {
  const items = objs.map((o) => slim(o)).filter((o): o is AnyObject => o !== undefined);
  return snapshotFrom(items, { type: 'snapshot' }, NOW, { seen: KINDS, visibility });
}

export function check(s: ClusterSnapshot): Report {
  return runChecks(s, buildGraph(s), { now: NOW, graceMs: 5 * 60_000 });
}

export function ids(r: Report, id: string): Finding[] {
  return r.findings.filter((f) => f.id === id);
}
