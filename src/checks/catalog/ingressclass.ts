// IngressClass and controller checks (diagnostics.md §5).
import { claimedLegacyValues, controllerStatus, HOSTED_LEGACY_VALUES } from '../../model/controllers.js';
import { defaultClasses, DEFAULT_CLASS_ANNOTATION, effectiveClass, LEGACY_CLASS_ANNOTATION, parametersKey } from '../../model/ingress-class.js';
import { mapSelects } from '../../model/labels.js';
import { refOf, type Ingress, type IngressClass, type IngressClassParameters } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';
import { allPodsVisible, claimingPods, isGke } from './support/cluster.js';

const usersOf = (ingresses: Ingress[], cls: IngressClass, all: ReturnType<typeof effectiveClass>[]): Ingress[] =>
  ingresses.filter((_, i) => all[i]?.ingressClass?.metadata.name === cls.metadata.name);

const DEFAULT_FIELD = `metadata.annotations["${DEFAULT_CLASS_ANNOTATION}"]`;

const noClasses: Check = {
  ids: ['ingclass.none'],
  needs: ['Ingress', 'IngressClass'],
  run(rc) {
    const { s } = rc;
    if (s.ingresses.length === 0 || s.ingressClasses.length > 0 || isGke(s)) return [];
    const claimed = allPodsVisible(s) ? claimedLegacyValues(s) : undefined;
    const unserved = s.ingresses.filter((ing) => {
      const field = ing.spec.ingressClassName;
      // a class name needs its IngressClass object (ingress-nginx matches names alone only with
      // --ingress-class-by-name); GKE's hosted gce/gce-internal need none
      if (field) return !HOSTED_LEGACY_VALUES.includes(field);
      const v = ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
      if (!v) return true;
      if (HOSTED_LEGACY_VALUES.includes(v)) return false;
      if (claimed === undefined) return false; // cannot tell: controllers not visible
      return !claimed.has(v);
    });
    const first = unserved[0];
    if (!first) return [];
    return [
      finding('ingclass.none', 'error', first, `There is no IngressClass in the cluster, so no ingress controller is installed (or it was installed without one); ${unserved.length} Ingress(es) are not served, e.g. ${nn(first)}.`, 'install an ingress controller (it creates its IngressClass), then set spec.ingressClassName', { fields: ['spec.ingressClassName'], related: unserved.slice(1, 20) }),
    ];
  },
};

const classHygiene: Check = {
  ids: ['ingclass.multiple-defaults', 'ingclass.default-annotation-malformed', 'ingclass.unused'],
  needs: ['IngressClass'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const defaults = defaultClasses(s);
    const winner = defaults[0];
    if (winner && defaults.length >= 2)
      for (const c of defaults.slice(1))
        out.push(finding('ingclass.multiple-defaults', 'warning', c, `IngressClasses ${defaults.map((d) => d.metadata.name).join(' and ')} are all marked default; new unclassed Ingresses get the newest (${winner.metadata.name}) on Kubernetes ≥1.25 and are rejected on older clusters.`, `keep exactly one default: remove the annotation from ${c.metadata.name}`, { fields: [DEFAULT_FIELD], related: [winner] }));
    // "unused" needs every Ingress: with some namespaces hidden a user may exist out of sight
    const eff = s.visibility.Ingress.state === 'visible' ? s.ingresses.map((ing) => effectiveClass(s, ing)) : undefined;
    for (const cls of s.ingressClasses) {
      const ann = cls.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION];
      if (ann !== undefined && ann !== 'true' && ann !== 'false')
        out.push(finding('ingclass.default-annotation-malformed', 'warning', cls, `IngressClass ${cls.metadata.name} is not treated as default: the annotation value is '${ann}', it must be exactly "true".`, 'set the annotation value to exactly "true"', { fields: [DEFAULT_FIELD] }));
      if (eff && ann !== 'true' && usersOf(s.ingresses, cls, eff).length === 0)
        out.push(finding('ingclass.unused', 'info', cls, `IngressClass ${cls.metadata.name} (controller ${cls.spec.controller ?? '?'}) is not used by any Ingress.`, 'delete it if its controller is gone; otherwise ignore', {}));
    }
    return out;
  },
};

const controllers: Check = {
  ids: ['ingclass.no-controller', 'controller.not-ready', 'controller.service-pending'],
  needs: ['IngressClass', 'Ingress', 'Pod'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const eff = s.ingresses.map((ing) => effectiveClass(s, ing));
    for (const cls of s.ingressClasses) {
      const users = usersOf(s.ingresses, cls, eff);
      if (users.length === 0) continue;
      const ctl = cls.spec.controller ?? '?';
      const st = controllerStatus(s, cls.spec.controller);
      const claiming = claimingPods(s, cls.spec.controller);
      const served = `its ${users.length} Ingress(es) are not served (${users.slice(0, 3).map(nn).join(', ')})`;
      if (st.presence === 'absent' && st.pods.length === 0)
        out.push(finding('ingclass.no-controller', 'error', cls, `IngressClass '${cls.metadata.name}' expects controller ${ctl}, but no such controller is running: ${served}.`, 'install or scale up the controller, or point the Ingresses at a class whose controller runs', { fields: ['spec.controller'], related: users }));
      else if (st.presence === 'present' && claiming.length === 0 && allPodsVisible(s))
        // ingress-nginx only serves classes whose spec.controller equals its --controller-class
        out.push(finding('ingclass.no-controller', 'error', cls, `IngressClass '${cls.metadata.name}' expects controller ${ctl}, but the running ${st.signature?.name ?? 'controller'} pods (${st.readyPods.slice(0, 2).map(nn).join(', ')}) claim another --controller-class: ${served}.`, `set spec.controller to the controller's --controller-class, or start it with --controller-class=${ctl}`, { fields: ['spec.controller'], related: [...users, ...st.readyPods.slice(0, 3)] }));
      else if (st.presence === 'absent') {
        const p = st.pods[0];
        const cs = p?.status?.containerStatuses?.find((c) => !c.ready);
        const why = cs?.state?.waiting?.reason ?? cs?.lastState?.terminated?.reason ?? (p?.status?.phase === 'Pending' ? 'Pending' : 'not Ready');
        const restarts = cs?.restartCount ? `, ${cs.restartCount} restarts` : '';
        out.push(finding('controller.not-ready', 'error', cls, `The ${st.signature?.name ?? ctl} controller pods (${st.pods.slice(0, 3).map(nn).join(', ')}) are not Ready (${why}${restarts}); all Ingresses of class ${cls.metadata.name} are down.`, `read the controller's logs and Events: kubectl logs -n ${p?.metadata.namespace ?? ''} ${p?.metadata.name ?? ''} --previous (bad flags or config, RBAC, missing default certificate, host port in use)`, { related: [...st.pods.slice(0, 5).map(refOf), ...users.map(refOf)] }));
      } else if (st.presence === 'present') pendingService(rc, cls, claiming.length > 0 ? claiming : st.readyPods, users, out);
    }
    return out;
  },
};

/** controller.service-pending: the controller's own Service has no external address. */
function pendingService(rc: Parameters<Check['run']>[0], cls: IngressClass, pods: ReturnType<typeof claimingPods>, users: Ingress[], out: Finding[]): void {
  const { s } = rc;
  const svcs = s.services.filter((svc) => pods.some((p) => p.metadata.namespace === svc.metadata.namespace && mapSelects(svc.spec.selector, p.metadata.labels)));
  const lbs = svcs.filter((svc) => svc.spec.type === 'LoadBalancer');
  const pending = lbs.find((svc) => (svc.status?.loadBalancer?.ingress ?? []).length === 0 && rc.pastGrace(svc));
  if (pending) {
    out.push(finding('controller.service-pending', 'error', pending, `The controller's Service ${nn(pending)} has no external address, so none of the ${users.length} Ingress(es) of class ${cls.metadata.name} is reachable from outside.`, 'see lb.pending: the load-balancer implementation has not assigned an address', { fields: ['status.loadBalancer.ingress'], related: [cls, ...users.slice(0, 10)] }));
    return;
  }
  // host networking or host ports make the controller reachable on node IPs without any Service
  const onHost = pods.some((p) => p.spec.hostNetwork || p.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.hostPort)));
  const front = svcs.find((svc) => svc.spec.type === 'NodePort') ?? svcs[0];
  const externalIPs = svcs.some((svc) => (svc.spec.externalIPs ?? []).length > 0);
  if (lbs.length === 0 && !onHost && !externalIPs && front)
    out.push(finding('controller.service-pending', 'info', front, `The controller of class ${cls.metadata.name} is reachable only ${front.spec.type === 'NodePort' ? `via node ports (Service ${nn(front)})` : `inside the cluster (Service ${nn(front)} is ${front.spec.type ?? 'ClusterIP'})`}; there is no LoadBalancer in front of it.`, 'expose it with a LoadBalancer Service, host ports, or an external load balancer pointing at the node ports', { fields: ['spec.type'], related: [cls] }));
}

const describeRef = (p: IngressClassParameters): string => `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''} '${p.scope === 'Namespace' && p.namespace ? `${p.namespace}/` : ''}${p.name}'`;

/** spec.parameters naming an object that does not exist; unknown lookups stay silent. */
const parameters: Check = {
  ids: ['ingclass.parameters-missing'],
  needs: ['IngressClass'],
  run(rc) {
    const out: Finding[] = [];
    const lookups = new Map(rc.s.parameterLookups.map((l) => [l.key, l]));
    for (const cls of rc.s.ingressClasses) {
      const p = cls.spec.parameters;
      if (!p) continue;
      if (p.scope === 'Namespace' && !p.namespace) {
        out.push(finding('ingclass.parameters-missing', 'warning', cls, `IngressClass ${cls.metadata.name} references ${describeRef(p)} with scope Namespace but no namespace; the API server rejects such a class.`, 'set spec.parameters.namespace, or scope: Cluster for a cluster-scoped parameters kind', { fields: ['spec.parameters.namespace'] }));
        continue;
      }
      const l = lookups.get(parametersKey(p));
      if (l?.state !== 'missing') continue;
      out.push(finding('ingclass.parameters-missing', 'warning', cls, `IngressClass ${cls.metadata.name} references ${describeRef(p)} which does not exist${l.reason ? ` (${l.reason})` : ''}; the controller may reject the class.`, 'create the referenced parameters object or remove spec.parameters', { fields: ['spec.parameters'] }));
    }
    return out;
  },
};

export const ingressClassChecks: Check[] = [noClasses, classHygiene, controllers, parameters];
