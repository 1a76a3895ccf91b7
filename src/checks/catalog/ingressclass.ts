// IngressClass and controller checks (diagnostics.md §5).
import { claimedLegacyValues, controllerStatus, HOSTED_LEGACY_VALUES } from '../../model/controllers.js';
import { DEFAULT_CLASS_ANNOTATION, effectiveClass } from '../../model/ingress-class.js';
import { mapSelects } from '../../model/labels.js';
import { refOf, type Ingress, type IngressClass } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';

const usersOf = (ingresses: Ingress[], cls: IngressClass, all: ReturnType<typeof effectiveClass>[]): Ingress[] =>
  ingresses.filter((_, i) => all[i]?.ingressClass?.metadata.name === cls.metadata.name);

const noClasses: Check = {
  ids: ['ingclass.none'],
  needs: ['Ingress', 'IngressClass'],
  run(rc) {
    const { s } = rc;
    if (s.ingresses.length === 0 || s.ingressClasses.length > 0) return [];
    const claimed = s.visibility.Pod.state === 'visible' ? claimedLegacyValues(s) : undefined;
    const unserved = s.ingresses.filter((ing) => {
      const v = ing.metadata.annotations?.['kubernetes.io/ingress.class'] ?? ing.spec.ingressClassName;
      if (v && HOSTED_LEGACY_VALUES.includes(v)) return false;
      if (v && claimed === undefined) return false; // cannot tell: controllers not visible
      return !(v && claimed?.has(v));
    });
    if (unserved.length === 0) return [];
    const first = unserved[0];
    if (!first) return [];
    return [
      finding('ingclass.none', 'error', first, `There is no IngressClass in the cluster, so no ingress controller is installed (or it was installed without one); ${unserved.length} Ingress(es) are not served, e.g. ${nn(first)}.`, 'install an ingress controller (it creates its IngressClass)', { fields: ['spec.ingressClassName'], related: unserved.slice(1, 20) }),
    ];
  },
};

const controllers: Check = {
  ids: ['ingclass.no-controller', 'controller.not-ready', 'controller.service-pending', 'ingclass.multiple-defaults', 'ingclass.default-annotation-malformed', 'ingclass.unused'],
  needs: ['IngressClass', 'Ingress', 'Pod'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const eff = s.ingresses.map((ing) => effectiveClass(s, ing));
    const defaults = s.ingressClasses.filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
    if (defaults.length >= 2)
      for (const c of defaults.slice(1))
        out.push(finding('ingclass.multiple-defaults', 'warning', c, `IngressClasses ${defaults.map((d) => d.metadata.name).join(' and ')} are all marked default; new unclassed Ingresses get the newest on Kubernetes ≥1.25 and are rejected on older clusters.`, 'keep exactly one default class', { fields: [`metadata.annotations["${DEFAULT_CLASS_ANNOTATION}"]`] }));
    for (const cls of s.ingressClasses) {
      const ann = cls.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION];
      if (ann !== undefined && ann !== 'true' && ann !== 'false')
        out.push(finding('ingclass.default-annotation-malformed', 'warning', cls, `IngressClass ${cls.metadata.name} is not treated as default: the annotation value is '${ann}', it must be exactly "true".`, 'set the annotation value to exactly "true"', { fields: [`metadata.annotations["${DEFAULT_CLASS_ANNOTATION}"]`] }));
      const users = usersOf(s.ingresses, cls, eff);
      if (users.length === 0) {
        if (ann !== 'true') out.push(finding('ingclass.unused', 'info', cls, `IngressClass ${cls.metadata.name} is not used by any Ingress.`, 'delete it if its controller is gone; otherwise ignore', {}));
        continue;
      }
      const st = controllerStatus(s, cls.spec.controller);
      if (st.presence === 'absent' && st.pods.length === 0)
        out.push(finding('ingclass.no-controller', 'error', cls, `IngressClass '${cls.metadata.name}' expects controller ${cls.spec.controller ?? '?'}, but no such controller is running: its ${users.length} Ingress(es) are not served (${users.slice(0, 3).map(nn).join(', ')}).`, 'install or scale up the controller, or point the Ingresses at a class whose controller runs', { fields: ['spec.controller'], related: users }));
      else if (st.presence === 'absent') {
        const p = st.pods[0];
        const cs = p?.status?.containerStatuses?.find((c) => !c.ready);
        const why = cs?.state?.waiting?.reason ?? cs?.lastState?.terminated?.reason ?? 'not Ready';
        out.push(finding('controller.not-ready', 'error', cls, `The ${st.signature?.name ?? cls.spec.controller ?? ''} controller pods (${st.pods.slice(0, 3).map(nn).join(', ')}) are not Ready (${why}); all Ingresses of class ${cls.metadata.name} are down.`, "read the controller's logs and Events (bad flags or config, RBAC, missing default certificate, host port in use)", { related: [...st.pods.slice(0, 5).map(refOf), ...users.map(refOf)] }));
      } else if (st.presence === 'present') {
        // the controller's own Service: a pending LoadBalancer means none of its Ingresses is reachable
        const ctlSvc = s.services.find((svc) => svc.spec.type === 'LoadBalancer' && st.readyPods.some((p) => p.metadata.namespace === svc.metadata.namespace && mapSelects(svc.spec.selector, p.metadata.labels)));
        if (ctlSvc && (ctlSvc.status?.loadBalancer?.ingress ?? []).length === 0 && rc.pastGrace(ctlSvc))
          out.push(finding('controller.service-pending', 'error', ctlSvc, `The controller's Service ${nn(ctlSvc)} has no external address, so none of the ${users.length} Ingress(es) of class ${cls.metadata.name} is reachable from outside.`, 'see lb.pending: the load-balancer implementation has not assigned an address', { fields: ['status.loadBalancer'], related: [cls, ...users.slice(0, 10)] }));
      }
    }
    return out;
  },
};

export const ingressClassChecks: Check[] = [noClasses, controllers];
