// Builders that produce raw objects as the API server returns them (then projected by slim),
// so the demo runs through exactly the code paths live data takes. Deterministic: the same
// `now` gives the same objects (uids and names are hashes, times are relative to now).
import { createHash } from 'node:crypto';

export type Raw = Record<string, unknown>;
export type Labels = Record<string, string>;

const MINUTE = 60_000;
export const DAY = 24 * 60;

/** How a demo pod is doing. `node-lost`: its node went NotReady and the node controller marked it not ready. */
export type PodState = 'ready' | 'crashloop' | 'node-lost';

export interface PodPlan {
  node: string;
  state?: PodState;
}

export interface ContainerPlan {
  image: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  args?: string[];
}

export interface WorkloadPlan extends ContainerPlan {
  /** labels of the pod template; the workload selects on all of them */
  labels: Labels;
  pods: PodPlan[];
  ageMin?: number;
  /** StatefulSet: the governing headless Service */
  serviceName?: string;
}

export interface NodePlan {
  name: string;
  internalIP: string;
  externalIP: string;
  zone: string;
  /** minutes since the kubelet stopped posting status; undefined = Ready */
  lostMin?: number;
}

export interface ServicePortPlan {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
  appProtocol?: string;
}

export interface ServicePlan {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  selector?: Labels;
  ports?: ServicePortPlan[];
  headless?: boolean;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  healthCheckNodePort?: number;
  externalName?: string;
  loadBalancerClass?: string;
  loadBalancerSourceRanges?: string[];
  lbIP?: string;
  labels?: Labels;
  annotations?: Labels;
  ageMin?: number;
}

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'; // the apimachinery rand alphabet

export class DemoBuilder {
  readonly items: Raw[] = [];
  private rv = 184_302;
  private nextIP = new Map<string, number>();
  private nextClusterIP = 20;
  readonly nodes = new Map<string, NodePlan & { index: number }>();

  constructor(readonly now: Date) {}

  ago(minutes: number): string {
    return new Date(this.now.getTime() - minutes * MINUTE).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  /** Stable pseudo-random suffix, like generateName or the pod-template-hash. */
  suffix(seed: string, n: number): string {
    const h = createHash('sha256').update(seed).digest();
    let s = '';
    for (let i = 0; i < n; i++) s += ALPHABET[(h[i] ?? 0) % ALPHABET.length];
    return s;
  }

  uid(seed: string): string {
    const h = createHash('sha1').update(seed).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  meta(kind: string, name: string, namespace: string | undefined, ageMin: number, extra: Raw = {}): Raw {
    return {
      name,
      ...(namespace ? { namespace } : {}),
      uid: this.uid(`${kind}/${namespace ?? ''}/${name}`),
      resourceVersion: String(this.rv++),
      generation: 1,
      creationTimestamp: this.ago(ageMin),
      ...extra,
    };
  }

  owner(kind: string, apiVersion: string, name: string, namespace: string | undefined): Raw {
    return { apiVersion, kind, name, uid: this.uid(`${kind}/${namespace ?? ''}/${name}`), controller: true, blockOwnerDeletion: true };
  }

  add(o: Raw): Raw {
    this.items.push(o);
    return o;
  }

  namespace(name: string, labels: Labels = {}): void {
    this.add({ apiVersion: 'v1', kind: 'Namespace', metadata: this.meta('Namespace', name, undefined, 90 * DAY, { labels: { 'kubernetes.io/metadata.name': name, ...labels } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }

  node(p: NodePlan): void {
    const index = this.nodes.size + 1;
    this.nodes.set(p.name, { ...p, index });
    const lost = p.lostMin !== undefined;
    const since = lost ? this.ago(p.lostMin ?? 0) : this.ago(30 * DAY);
    const cond = (type: string, okStatus: 'True' | 'False', reason: string, message: string): Raw =>
      lost
        ? { type, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: since, lastTransitionTime: since }
        : { type, status: okStatus, reason, message, lastHeartbeatTime: this.ago(1), lastTransitionTime: since };
    this.add({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: this.meta('Node', p.name, undefined, 120 * DAY, {
        labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': p.name, 'topology.kubernetes.io/zone': p.zone, 'topology.kubernetes.io/region': 'eu-west-1' },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      }),
      spec: {
        podCIDR: `10.244.${index}.0/24`,
        podCIDRs: [`10.244.${index}.0/24`],
        ...(lost
          ? { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: since }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: since }] }
          : {}),
      },
      status: {
        addresses: [{ type: 'InternalIP', address: p.internalIP }, { type: 'ExternalIP', address: p.externalIP }, { type: 'Hostname', address: p.name }],
        conditions: [
          cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: { kubeletVersion: 'v1.36.3', kubeProxyVersion: 'v1.36.3', containerRuntimeVersion: 'containerd://2.1.4', operatingSystem: 'linux', architecture: 'amd64', osImage: 'Ubuntu 24.04.3 LTS' },
      },
    });
  }

  private podIP(node: string): { podIP: string; hostIP: string } {
    const n = this.nodes.get(node);
    if (!n) throw new Error(`demo: unknown node ${node}`);
    const next = (this.nextIP.get(node) ?? 10) + 1;
    this.nextIP.set(node, next);
    return { podIP: `10.244.${n.index}.${next}`, hostIP: n.internalIP };
  }

  /** A pod as the kubelet reports it; `owner` is its controlling ReplicaSet/StatefulSet/DaemonSet. */
  pod(ns: string, name: string, plan: PodPlan, c: ContainerPlan & { labels: Labels; ageMin: number; owner: Raw; container: string; extraSpec?: Raw }): void {
    const state = plan.state ?? 'ready';
    const { podIP, hostIP } = this.podIP(plan.node);
    const started = this.ago(c.ageMin - 1);
    const containerReady = state !== 'crashloop';
    const podReady = state === 'ready';
    const condition = (type: string, ok: boolean, extra: Raw = {}): Raw => ({ type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ok ? started : this.ago(state === 'node-lost' ? 3 : 40), ...extra });
    const notReady = { reason: 'ContainersNotReady', message: `containers with unready status: [${c.container}]` };
    this.add({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: this.meta('Pod', name, ns, c.ageMin, { generateName: name.replace(/[^-]+$/, ''), labels: c.labels, ownerReferences: [c.owner] }),
      spec: {
        nodeName: plan.node,
        serviceAccountName: 'default',
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
        terminationGracePeriodSeconds: 30,
        containers: [{ name: c.container, image: c.image, imagePullPolicy: 'IfNotPresent', ...(c.args ? { args: c.args } : {}), ...(c.ports ? { ports: c.ports.map((p) => ({ protocol: 'TCP', ...p })) } : {}), resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
        ...(c.extraSpec ?? {}),
      },
      status: {
        phase: 'Running',
        qosClass: 'Burstable',
        podIP,
        podIPs: [{ ip: podIP }],
        hostIP,
        hostIPs: [{ ip: hostIP }],
        startTime: started,
        conditions: [
          condition('PodReadyToStartContainers', true),
          condition('Initialized', true),
          // node-lost: the node controller flips Ready, the stale kubelet status still says ContainersReady.
          condition('Ready', podReady, state === 'crashloop' ? notReady : {}),
          condition('ContainersReady', containerReady, state === 'crashloop' ? notReady : {}),
          condition('PodScheduled', true),
        ],
        containerStatuses: [
          {
            name: c.container,
            image: c.image,
            imageID: `${c.image.split(':')[0] ?? c.image}@sha256:${createHash('sha256').update(c.image).digest('hex')}`,
            containerID: `containerd://${createHash('sha256').update(name).digest('hex')}`,
            ready: containerReady,
            started: containerReady,
            restartCount: state === 'crashloop' ? 14 : 0,
            state:
              state === 'crashloop'
                ? { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${c.container} pod=${name}_${ns}(${this.uid(`Pod/${ns}/${name}`)})` } }
                : { running: { startedAt: started } },
            lastState: state === 'crashloop' ? { terminated: { reason: 'Error', exitCode: 1, startedAt: this.ago(6), finishedAt: this.ago(6) } } : {},
          },
        ],
      },
    });
  }

  private template(name: string, p: WorkloadPlan): Raw {
    return { metadata: { labels: p.labels }, spec: { containers: [{ name, image: p.image, ...(p.args ? { args: p.args } : {}), ...(p.ports ? { ports: p.ports.map((x) => ({ protocol: 'TCP', ...x })) } : {}) }] } };
  }

  private workloadStatus(p: WorkloadPlan): Raw {
    const ready = p.pods.filter((x) => (x.state ?? 'ready') === 'ready').length;
    return { observedGeneration: 1, replicas: p.pods.length, readyReplicas: ready, availableReplicas: ready, updatedReplicas: p.pods.length };
  }

  /** Deployment → ReplicaSet → pods, named and labelled as the controllers do. */
  deployment(ns: string, name: string, p: WorkloadPlan): void {
    const age = p.ageMin ?? 14 * DAY;
    const hash = this.suffix(`${ns}/${name}/template`, 10);
    const rs = `${name}-${hash}`;
    const podLabels = { ...p.labels, 'pod-template-hash': hash };
    const selector = { matchLabels: p.labels };
    this.add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: this.meta('Deployment', name, ns, age, { labels: p.labels, annotations: { 'deployment.kubernetes.io/revision': '1' } }), spec: { replicas: p.pods.length, selector, template: this.template(name, p), strategy: { type: 'RollingUpdate' } }, status: this.workloadStatus(p) });
    this.add({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: this.meta('ReplicaSet', rs, ns, age, { labels: podLabels, ownerReferences: [this.owner('Deployment', 'apps/v1', name, ns)] }), spec: { replicas: p.pods.length, selector: { matchLabels: podLabels }, template: this.template(name, { ...p, labels: podLabels }) }, status: this.workloadStatus(p) });
    p.pods.forEach((plan, i) => this.pod(ns, `${rs}-${this.suffix(`${rs}/${i}`, 5)}`, plan, { ...p, labels: podLabels, ageMin: Math.min(age, 2 * DAY), owner: this.owner('ReplicaSet', 'apps/v1', rs, ns), container: name }));
  }

  /** StatefulSet pods are name-0, name-1… with a stable hostname under the governing Service. */
  statefulSet(ns: string, name: string, p: WorkloadPlan): void {
    const age = p.ageMin ?? 30 * DAY;
    const revision = `${name}-${this.suffix(`${ns}/${name}/rev`, 10)}`;
    this.add({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: this.meta('StatefulSet', name, ns, age, { labels: p.labels }), spec: { replicas: p.pods.length, serviceName: p.serviceName ?? name, selector: { matchLabels: p.labels }, template: this.template(name, p) }, status: { ...this.workloadStatus(p), currentRevision: revision, updateRevision: revision } });
    p.pods.forEach((plan, i) => {
      const pod = `${name}-${i}`;
      const labels = { ...p.labels, 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': pod };
      this.pod(ns, pod, plan, { ...p, labels, ageMin: age, owner: this.owner('StatefulSet', 'apps/v1', name, ns), container: name, extraSpec: { hostname: pod, subdomain: p.serviceName ?? name } });
    });
  }

  daemonSet(ns: string, name: string, p: WorkloadPlan): void {
    const age = p.ageMin ?? 60 * DAY;
    const revision = this.suffix(`${ns}/${name}/rev`, 10);
    const ready = p.pods.filter((x) => (x.state ?? 'ready') === 'ready').length;
    this.add({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: this.meta('DaemonSet', name, ns, age, { labels: p.labels }), spec: { selector: { matchLabels: p.labels }, template: this.template(name, p) }, status: { desiredNumberScheduled: p.pods.length, currentNumberScheduled: p.pods.length, numberReady: ready, numberAvailable: ready, numberUnavailable: p.pods.length - ready } });
    p.pods.forEach((plan, i) =>
      this.pod(ns, `${name}-${this.suffix(`${name}/${i}`, 5)}`, plan, { ...p, labels: { ...p.labels, 'controller-revision-hash': revision, 'pod-template-generation': '1' }, ageMin: age, owner: this.owner('DaemonSet', 'apps/v1', name, ns), container: name }),
    );
  }

  service(ns: string, name: string, p: ServicePlan): void {
    const type = p.type ?? 'ClusterIP';
    const ip = p.headless ? 'None' : `10.96.${Math.floor(this.nextClusterIP / 250)}.${(this.nextClusterIP++ % 250) + 1}`;
    const spec: Raw = { type, sessionAffinity: 'None' };
    if (type === 'ExternalName') spec.externalName = p.externalName;
    else Object.assign(spec, { clusterIP: ip, clusterIPs: [ip], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' });
    if (p.selector) spec.selector = p.selector;
    if (p.ports) spec.ports = p.ports.map((x) => ({ protocol: 'TCP', targetPort: x.port, ...x }));
    if (type === 'NodePort' || type === 'LoadBalancer') spec.externalTrafficPolicy = p.externalTrafficPolicy ?? 'Cluster';
    if (type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts = true;
    for (const k of ['healthCheckNodePort', 'loadBalancerClass', 'loadBalancerSourceRanges'] as const) if (p[k] !== undefined) spec[k] = p[k];
    const status = { loadBalancer: p.lbIP ? { ingress: [{ ip: p.lbIP, ipMode: 'VIP' }] } : {} };
    const extra: Raw = {};
    if (p.labels) extra.labels = p.labels;
    if (p.annotations) extra.annotations = p.annotations;
    this.add({ apiVersion: 'v1', kind: 'Service', metadata: this.meta('Service', name, ns, p.ageMin ?? 14 * DAY, extra), spec, status });
  }

  /** A reduced TLS Secret (what slim keeps): public chain plus facts about the key, never the key. */
  tlsSecret(ns: string, name: string, chain: string, ageMin: number): void {
    this.add({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: this.meta('Secret', name, ns, ageMin), tlsCrt: chain, hasTlsCrt: true, hasTlsKey: true, hasCaCrt: false, keyMatchesCert: true });
  }

  event(ns: string, involved: { kind: string; name: string; namespace?: string }, type: 'Normal' | 'Warning', reason: string, message: string, component: string, count: number, lastMin: number): void {
    const name = `${involved.name}.${createHash('sha1').update(reason + involved.name).digest('hex').slice(0, 16)}`;
    this.add({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: this.meta('Event', name, ns, lastMin + 30),
      involvedObject: { apiVersion: involved.kind === 'Node' ? 'v1' : 'v1', ...involved, uid: this.uid(`${involved.kind}/${involved.namespace ?? ''}/${involved.name}`) },
      type,
      reason,
      message,
      source: { component },
      count,
      firstTimestamp: this.ago(lastMin + 30),
      lastTimestamp: this.ago(lastMin),
    });
  }

  /** A Condition as Gateway API controllers write them. */
  condition(type: string, status: 'True' | 'False', reason: string, message = '', ageMin = 3 * DAY): Raw {
    return { type, status, reason, message, lastTransitionTime: this.ago(ageMin), observedGeneration: 1 };
  }
}
