// Cluster-wide facts several of the Service/Ingress/TLS checks need, built on H5 (controllers.ts).
import { controllerStatus, podArgs, SIGNATURES } from '../../../model/controllers.js';
import { indexes } from '../../../model/index.js';
import { isVisible } from '../../../model/snapshot.js';
import type { ClusterSnapshot, Pod, Service } from '../../../model/types.js';
import { mapSelects } from '../../../model/labels.js';

/** Pods of every namespace were listed: only then can "no controller runs" be said. */
export function allPodsVisible(s: ClusterSnapshot): boolean {
  return s.visibility.Pod.state === 'visible' && s.namespace === undefined;
}

/** GKE nodes carry gce:// provider IDs; its built-in Ingress controller then runs in the control plane. */
export function isGke(s: ClusterSnapshot): boolean {
  return s.nodes.some((n) => (n.spec?.providerID ?? '').startsWith('gce://'));
}

/**
 * Ready pods that serve an IngressClass controller string. H5 matches pods by signature;
 * ingress-nginx also filters classes by its --controller-class flag, so an install started
 * with another controller class does not serve this one.
 */
export function claimingPods(s: ClusterSnapshot, controller: string | undefined): Pod[] {
  return controllerStatus(s, controller).readyPods.filter((p) => {
    const flag = podArgs(p).find((a) => a.startsWith('--controller-class='));
    return flag === undefined || flag === `--controller-class=${controller ?? ''}`;
  });
}

/** Pods of any known ingress/gateway controller (Appendix A), e.g. to recognise their own Services. */
export function isControllerPod(p: Pod): boolean {
  return SIGNATURES.some((sig) => sig.pod(p)) || p.metadata.labels?.['gateway.networking.k8s.io/gateway-name'] !== undefined || p.metadata.labels?.['gateway.envoyproxy.io/owning-gateway-name'] !== undefined;
}

/** The Service fronts an ingress or gateway controller (its selector matches a controller pod). */
export function isControllerService(s: ClusterSnapshot, svc: Service): boolean {
  if (svc.metadata.labels?.['gateway.networking.k8s.io/gateway-name'] !== undefined) return true;
  if (!isVisible(s, 'Pod', svc.metadata.namespace)) return false;
  const pods = indexes(s).podsByNamespace.get(svc.metadata.namespace ?? '') ?? [];
  return pods.some((p) => mapSelects(svc.spec.selector, p.metadata.labels) && isControllerPod(p));
}

/** LoadBalancer/NodePort Services in front of controller pods (where a published address comes from). */
export function frontServices(s: ClusterSnapshot, pods: Pod[]): Service[] {
  return s.services.filter((svc) => (svc.spec.type === 'LoadBalancer' || svc.spec.type === 'NodePort') && pods.some((p) => p.metadata.namespace === svc.metadata.namespace && mapSelects(svc.spec.selector, p.metadata.labels)));
}
