// H5: is an ingress (or gateway) controller running? Pod signatures from diagnostics.md
// Appendix A, matched loosely. Tri-state: present / absent / unknown — never "absent"
// when pods are not visible or the controller is hosted outside the cluster.
import type { Presence } from './graph-types.js';
import { podReady } from './pods.js';
import { isVisible } from './snapshot.js';
import type { ClusterSnapshot, Pod } from './types.js';
import type { EffectiveClass } from './ingress-class.js';

interface Signature {
  controller: string | RegExp;
  name: string;
  /** legacy annotation values this implementation answers to by default */
  legacyValues: string[];
  /** matches a controller pod */
  pod: (p: Pod) => boolean;
  /** hosted outside the cluster (GKE GLBC): presence is always unknown */
  hosted?: boolean;
}

const images = (p: Pod): string[] => p.spec.containers.map((c) => c.image ?? '');
const args = (p: Pod): string[] => p.spec.containers.flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]);
const label = (p: Pod, k: string): string | undefined => p.metadata.labels?.[k];
const imageHas = (p: Pod, re: RegExp): boolean => images(p).some((i) => re.test(i));

export const SIGNATURES: Signature[] = [
  {
    controller: 'k8s.io/ingress-nginx',
    name: 'ingress-nginx',
    legacyValues: ['nginx'],
    pod: (p) =>
      args(p).some((a) => a === '/nginx-ingress-controller' || a.endsWith('/nginx-ingress-controller')) ||
      (label(p, 'app.kubernetes.io/name') === 'ingress-nginx' && label(p, 'app.kubernetes.io/component') === 'controller') ||
      imageHas(p, /ingress-nginx\/controller/),
  },
  { controller: 'nginx.org/ingress-controller', name: 'F5 NGINX Ingress', legacyValues: [], pod: (p) => imageHas(p, /nginx\/nginx-ingress|nginx-plus-ingress/) },
  { controller: 'traefik.io/ingress-controller', name: 'Traefik', legacyValues: ['traefik'], pod: (p) => imageHas(p, /(^|\/)traefik(:|@|$)/) || args(p).some((a) => a.startsWith('--providers.kubernetesingress')) },
  { controller: /^haproxy\.org\/ingress-controller/, name: 'HAProxy', legacyValues: ['haproxy'], pod: (p) => imageHas(p, /haproxytech\/kubernetes-ingress/) },
  { controller: /^projectcontour\.io\/(ingress-controller|contour)/, name: 'Contour', legacyValues: ['contour'], pod: (p) => imageHas(p, /projectcontour\/contour/) },
  { controller: 'ingress-controllers.konghq.com/kong', name: 'Kong', legacyValues: ['kong'], pod: (p) => imageHas(p, /kong\/kubernetes-ingress-controller/) },
  { controller: 'ingress.k8s.aws/alb', name: 'AWS Load Balancer Controller', legacyValues: ['alb'], pod: (p) => imageHas(p, /aws-load-balancer-controller/) || (p.metadata.labels?.['app.kubernetes.io/name'] ?? '') === 'aws-load-balancer-controller' },
  { controller: 'istio.io/ingress-controller', name: 'Istio', legacyValues: ['istio'], pod: (p) => imageHas(p, /istio\/proxyv2|istio\/pilot/) || label(p, 'istio') === 'ingressgateway' },
  { controller: 'cilium.io/ingress-controller', name: 'Cilium', legacyValues: ['cilium'], pod: (p) => imageHas(p, /cilium\/operator|cilium\/cilium/) },
  { controller: 'apisix.apache.org/apisix-ingress-controller', name: 'APISIX', legacyValues: ['apisix'], pod: (p) => imageHas(p, /apache\/apisix-ingress-controller/) },
  { controller: 'azure/application-gateway', name: 'Azure AGIC', legacyValues: ['azure/application-gateway'], pod: (p) => imageHas(p, /azure-application-gateway\/kubernetes-ingress|application-gateway-kubernetes-ingress|agic/) },
  { controller: 'openshift.io/ingress-to-route', name: 'OpenShift router', legacyValues: [], pod: (p) => p.metadata.namespace === 'openshift-ingress' && p.metadata.name.startsWith('router-') },
];

/** GKE's built-in controller runs in the managed control plane: its presence is never knowable. */
export const HOSTED_LEGACY_VALUES = ['gce', 'gce-internal'];
/** A class name (field or legacy annotation) that GKE's built-in controller serves. */
export const isGkeClassName = (name: string | undefined): boolean => name !== undefined && HOSTED_LEGACY_VALUES.includes(name);

export function signatureFor(controller: string | undefined): Signature | undefined {
  if (!controller) return undefined;
  return SIGNATURES.find((s) => (typeof s.controller === 'string' ? s.controller === controller : s.controller.test(controller)));
}

export function signatureForLegacyValue(value: string): Signature | undefined {
  return SIGNATURES.find((s) => s.legacyValues.includes(value));
}

export const INGRESS_NGINX = 'k8s.io/ingress-nginx';

/**
 * The controller an Ingress is meant for: its IngressClass's spec.controller, or, for a legacy
 * class annotation without an IngressClass, the controller that value historically means
 * ("nginx" → ingress-nginx). Undefined when nothing names one.
 */
export function ingressController(cls: EffectiveClass): string | undefined {
  if (cls.ingressClass) return cls.ingressClass.spec.controller;
  if (cls.source !== 'annotation' || !cls.name || HOSTED_LEGACY_VALUES.includes(cls.name)) return undefined;
  const c = signatureForLegacyValue(cls.name)?.controller;
  return typeof c === 'string' ? c : undefined;
}

/** Where pods of every namespace are visible (controllers live in their own namespaces). */
function allPodsVisible(s: ClusterSnapshot): boolean {
  return s.visibility.Pod.state === 'visible' && s.namespace === undefined;
}

export interface ControllerStatus {
  presence: Presence;
  pods: Pod[];
  readyPods: Pod[];
  signature?: Signature;
}

const statusCache = new WeakMap<ClusterSnapshot, Map<string, ControllerStatus>>();

/** H5 for an IngressClass controller string (memoised per snapshot: one pod scan per controller). */
export function controllerStatus(s: ClusterSnapshot, controller: string | undefined): ControllerStatus {
  let m = statusCache.get(s);
  if (!m) {
    m = new Map();
    statusCache.set(s, m);
  }
  const key = controller ?? '';
  const hit = m.get(key);
  if (hit) return hit;
  const st = computeControllerStatus(s, controller);
  m.set(key, st);
  return st;
}

function computeControllerStatus(s: ClusterSnapshot, controller: string | undefined): ControllerStatus {
  const sig = signatureFor(controller);
  if (!sig || sig.hosted) return { presence: 'unknown', pods: [], readyPods: [], ...(sig ? { signature: sig } : {}) };
  const pods = s.pods.filter((p) => sig.pod(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const readyPods = pods.filter((p) => p.status?.phase === 'Running' && podReady(p));
  if (readyPods.length > 0) return { presence: 'present', pods, readyPods, signature: sig };
  // No ready pod: only say "absent" when every pod in the cluster was visible.
  if (!allPodsVisible(s) && !(isVisible(s, 'Pod') && pods.length > 0)) return { presence: 'unknown', pods, readyPods, signature: sig };
  return { presence: 'absent', pods, readyPods, signature: sig };
}

/** Class values claimed by running controllers via flags (--ingress-class=v and friends). */
export function claimedLegacyValues(s: ClusterSnapshot): Set<string> {
  const out = new Set<string>();
  for (const sig of SIGNATURES) {
    const running = s.pods.filter((p) => sig.pod(p) && p.status?.phase === 'Running' && podReady(p));
    if (running.length === 0) continue;
    let flagged = false;
    for (const p of running)
      for (const a of args(p)) {
        const m = /^-{1,2}(?:ingress-class|providers\.kubernetesingress\.ingressclass)=(.+)$/.exec(a);
        if (m?.[1]) {
          out.add(m[1]);
          flagged = true;
        }
      }
    if (!flagged) for (const v of sig.legacyValues) out.add(v);
  }
  return out;
}

/** Whether some running controller adopts Ingresses without a class (ingress-nginx --watch-ingress-without-class). */
export function controllerWatchesUnclassed(s: ClusterSnapshot): boolean {
  return s.pods.some((p) => p.status?.phase === 'Running' && podReady(p) && args(p).some((a) => /^--watch-ingress-without-class(=true)?$/.test(a)));
}

/** A pod of an ingress-nginx controller (Appendix A signature). */
export const isIngressNginxPod = (p: Pod): boolean => SIGNATURES[0]?.pod(p) === true;

/** The value of a controller flag (--name=v, or a bare --name meaning "true"), from the pod's args. */
export function flagValue(p: Pod, name: string): string | undefined {
  for (const a of args(p)) {
    if (a === `--${name}`) return 'true';
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

export function podArgs(p: Pod): string[] {
  return args(p);
}
