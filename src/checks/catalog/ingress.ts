// Ingress checks (diagnostics.md §4).
import { claimedLegacyValues, controllerStatus, controllerWatchesUnclassed, flagValue, HOSTED_LEGACY_VALUES, INGRESS_NGINX, isIngressNginxPod, podArgs, signatureFor } from '../../model/controllers.js';
import { defaultClasses, effectiveClass, LEGACY_CLASS_ANNOTATION } from '../../model/ingress-class.js';
import { isVisible } from '../../model/snapshot.js';
import type { ClusterSnapshot, Ingress, Pod } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';
import { allPodsVisible, claimingPods, frontServices, isGke } from './support/cluster.js';

/** Suggest the classes whose controller runs (one without a controller would only move the break). */
function classNotFoundHint(s: ClusterSnapshot): string {
  const presence = (p: string): string[] => s.ingressClasses.filter((c) => controllerStatus(s, c.spec.controller).presence === p).map((c) => c.metadata.name);
  const served = presence('present');
  const absent = presence('absent');
  const which =
    served.length > 0
      ? `an existing class whose controller runs (${served.join(', ')}${absent.length > 0 ? `; not ${absent.join(', ')}: no controller runs for ${absent.length > 1 ? 'them' : 'it'}` : ''})`
      : `an existing class (${s.ingressClasses.map((c) => c.metadata.name).join(', ')})`;
  return `set spec.ingressClassName to ${which}, or create the IngressClass (normally installed with its controller)`;
}

/**
 * Appendix D.5: the class resolves when spec.ingressClassName names an existing IngressClass,
 * or the legacy annotation names one or is claimed by a running controller (GKE's hosted
 * controller claims gce/gce-internal).
 */
export function classResolved(s: ClusterSnapshot, ing: Ingress, claimed: Set<string> | undefined): boolean {
  const eff = effectiveClass(s, ing);
  if (eff.ingressClass) return true;
  if (eff.source !== 'annotation' || !eff.name) return false;
  return HOSTED_LEGACY_VALUES.includes(eff.name) || (claimed?.has(eff.name) ?? false);
}

/**
 * Whether a controller pod writes Ingress status at all (§4 ing.not-admitted pitfalls):
 * ingress-nginx not with --update-status=false; Traefik only with an ingressEndpoint configured.
 */
function publishesStatus(p: Pod): boolean {
  if (isIngressNginxPod(p)) return flagValue(p, 'update-status') !== 'false';
  if (signatureFor('traefik.io/ingress-controller')?.pod(p)) return podArgs(p).some((a) => a.toLowerCase().startsWith('--providers.kubernetesingress.ingressendpoint.'));
  return true;
}

const classes: Check = {
  ids: ['ing.class-none', 'ing.unclassed-despite-default', 'ing.class-not-found', 'ing.class-annotation-unclaimed', 'ing.class-field-annotation-conflict'],
  needs: ['Ingress', 'IngressClass'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    if (s.ingressClasses.length === 0) return out; // ingclass.none covers a cluster without classes
    const podsVisible = allPodsVisible(s);
    const claimed = podsVisible ? claimedLegacyValues(s) : undefined;
    const gke = isGke(s);
    const defaults = defaultClasses(s);
    for (const ing of s.ingresses) {
      const field = ing.spec.ingressClassName;
      const ann = ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
      const eff = effectiveClass(s, ing);
      if (field && ann && field !== ann)
        out.push(finding('ing.class-field-annotation-conflict', 'warning', ing, `Ingress ${nn(ing)} says class ${field} in spec.ingressClassName but ${ann} in its annotation; controllers use the field, other tools may not.`, `delete the ${LEGACY_CLASS_ANNOTATION} annotation`, { fields: [`metadata.annotations["${LEGACY_CLASS_ANNOTATION}"]`] }));
      // GKE's built-in controller serves gce/gce-internal without an IngressClass object
      if (eff.source === 'field' && !eff.ingressClass && !HOSTED_LEGACY_VALUES.includes(field ?? '')) {
        out.push(finding('ing.class-not-found', 'error', ing, `Ingress ${nn(ing)} uses IngressClass '${field ?? ''}', which does not exist (classes: ${s.ingressClasses.map((c) => c.metadata.name).join(', ')}).`, classNotFoundHint(s), { fields: ['spec.ingressClassName'] }));
        continue;
      }
      // controllers hidden by RBAC or scope cannot be checked: info, never a warning
      if (eff.source === 'annotation' && !eff.ingressClass && eff.name && !HOSTED_LEGACY_VALUES.includes(eff.name) && !(claimed?.has(eff.name) ?? false))
        out.push(finding('ing.class-annotation-unclaimed', claimed ? 'warning' : 'info', ing, claimed ? `Ingress ${nn(ing)} uses legacy class annotation '${eff.name}', which no running controller claims and no IngressClass is named after.` : `Ingress ${nn(ing)} uses legacy class annotation '${eff.name}'; kexplore cannot see the controllers' pods to tell whether one claims it.`, `migrate to spec.ingressClassName (classes: ${s.ingressClasses.map((c) => c.metadata.name).join(', ')})`, { fields: [`metadata.annotations["${LEGACY_CLASS_ANNOTATION}"]`] }));
      if (eff.source === 'none') {
        const d = defaults[0];
        if (d)
          out.push(finding('ing.unclassed-despite-default', 'warning', ing, `Ingress ${nn(ing)} has no class although '${d.metadata.name}' is the default: the default is applied only when an Ingress is created, so this one stays unclassed.`, `set spec.ingressClassName: ${d.metadata.name}`, { fields: ['spec.ingressClassName'], related: [d] }));
        // GKE's built-in controller and ingress-nginx --watch-ingress-without-class adopt unclassed Ingresses
        else if (!gke && !(podsVisible && controllerWatchesUnclassed(s)))
          out.push(finding('ing.class-none', 'warning', ing, `Ingress ${nn(ing)} names no IngressClass, so no controller is obliged to serve it.`, 'set spec.ingressClassName to one of kubectl get ingressclass', { fields: ['spec.ingressClassName'] }));
      }
    }
    return out;
  },
};

/** Backend field paths in the order buildGraph lists routes: rule paths, then the default backend. */
function backendFields(ing: Ingress): string[] {
  const out: string[] = [];
  (ing.spec.rules ?? []).forEach((r, i) => (r.http?.paths ?? []).forEach((_, j) => out.push(`spec.rules[${i}].http.paths[${j}].backend`)));
  if (ing.spec.defaultBackend) out.push('spec.defaultBackend');
  return out;
}

const backendChecks: Check = {
  ids: ['ing.backend-service-missing', 'ing.backend-port-missing', 'ing.backend-no-endpoints', 'ing.resource-backend'],
  needs: ['Ingress', 'Service'],
  run(rc) {
    const { s, g } = rc;
    const out: Finding[] = [];
    for (const iv of g.ingresses) {
      const ing = iv.ingress;
      const ns = ing.metadata.namespace ?? '';
      if (!isVisible(s, 'Service', ns)) continue;
      const nginx = iv.controller === INGRESS_NGINX;
      const fields = backendFields(ing);
      const seen = new Set<string>();
      for (const [idx, rv] of iv.routes.entries()) {
        const field = `${fields[idx] ?? 'spec.rules'}.${rv.backend.state === 'resource' ? 'resource' : 'service'}`;
        const where = rv.isDefault ? 'the default backend' : `${rv.host || '*'}${rv.path}`;
        const b = rv.backend;
        const disc = `${rv.host}|${rv.path}|${b.serviceName}`;
        if (seen.has(disc)) continue;
        seen.add(disc);
        switch (b.state) {
          case 'service-missing':
            out.push(finding('ing.backend-service-missing', 'error', ing, `Ingress ${nn(ing)} routes ${where} to Service '${b.serviceName}', which does not exist in namespace ${ns}.`, `create it or fix the name; an Ingress cannot reference another namespace (use an ExternalName Service as a bridge)`, { fields: [`${field}.name`], discriminator: disc }));
            break;
          case 'port-missing': {
            const svc = s.services.find((x) => x.metadata.namespace === ns && x.metadata.name === b.serviceName);
            const ports = (svc?.spec.ports ?? []).map((p) => `${p.port}${p.name ? ` (${p.name})` : ''}`).join(', ');
            const want = b.port?.name ?? String(b.port?.number ?? '');
            // ingress-nginx is lenient (it also accepts a backend equal to a Service port's targetPort): warning
            const lenient = nginx;
            out.push(finding('ing.backend-port-missing', lenient ? 'warning' : 'error', ing, `Ingress ${nn(ing)} sends ${where} to Service '${b.serviceName}' port ${want}, but '${b.serviceName}' only exposes ${ports || 'no ports'}.`, 'use the Service port (not the container port) or the Service port name', { fields: [`${field}.port`], discriminator: disc, related: svc ? [svc] : [] }));
            break;
          }
          case 'no-endpoints':
            if (b.service)
              out.push(finding('ing.backend-no-endpoints', 'error', ing, `Ingress ${nn(ing)} → Service '${b.serviceName}' has no ready endpoints for ${where}; the controller will answer 503.`, `nothing to change on the Ingress: fix Service ${b.service.namespace ?? ''}/${b.service.name}'s backends (its eps.* finding says why)`, { discriminator: disc, related: [b.service] }));
            break;
          case 'resource':
            out.push(finding('ing.resource-backend', 'info', ing, `Ingress ${nn(ing)} uses resource backend ${b.note ?? ''} for ${where}; only some controllers support resource backends.`, 'use a Service backend unless the controller documents resource-backend support', { fields: [field], discriminator: disc }));
            break;
          case 'ok':
          case 'external-name':
          case 'unknown':
            break;
        }
      }
    }
    return out;
  },
};

const admitted: Check = {
  ids: ['ing.not-admitted', 'ing.lb-port-error', 'ing.rule-without-http', 'ing.legacy-api', 'ing.duplicate-path'],
  needs: ['Ingress'],
  // without the class, "no address" cannot be told from "no controller should write one"
  alsoReads: { 'ing.not-admitted': ['IngressClass'] },
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const claimed = allPodsVisible(s) ? claimedLegacyValues(s) : undefined;
    // per controller, not per Ingress: a scan of every Service for each of 2,000 Ingresses is seconds
    const frontsOf = new Map<string, ReturnType<typeof frontServices>>();
    const frontsFor = (ctl: string | undefined): ReturnType<typeof frontServices> => {
      const k = ctl ?? '';
      let f = frontsOf.get(k);
      if (!f) frontsOf.set(k, (f = frontServices(s, claimingPods(s, ctl))));
      return f;
    };
    for (const ing of s.ingresses) {
      const eff = effectiveClass(s, ing);
      const resolved = classResolved(s, ing, claimed);
      const addrs = ing.status?.loadBalancer?.ingress ?? [];
      if (resolved && addrs.length === 0 && rc.pastGrace(ing)) {
        const ctl = eff.ingressClass?.spec.controller;
        let presence = eff.ingressClass && s.visibility.Pod.state !== 'absent' ? controllerStatus(s, ctl).presence : 'unknown';
        // running, but every install claims another --controller-class (ingclass.no-controller)
        if (presence === 'present' && allPodsVisible(s) && claimingPods(s, ctl).length === 0) presence = 'absent';
        // a controller configured not to write status leaves it empty although it serves the Ingress
        const silent = presence === 'present' && claimingPods(s, ctl).length > 0 && !claimingPods(s, ctl).some(publishesStatus);
        // the class and the controller's own Services: a pending LoadBalancer there explains this
        const fronts = eff.ingressClass ? frontsFor(eff.ingressClass.spec.controller) : [];
        if (!silent) out.push(finding('ing.not-admitted', presence === 'absent' ? 'error' : 'warning', ing, `No controller has published an address for Ingress ${nn(ing)} (class ${eff.name ?? '?'}); it is most likely not being served.`, presence === 'absent' ? `no controller for ${ctl ?? 'this class'} runs: install or scale it up, or move the Ingress to a class whose controller runs` : "check the class, the controller's logs and its Service", { fields: ['spec.ingressClassName', 'status.loadBalancer.ingress'], related: [...(eff.ingressClass ? [eff.ingressClass] : []), ...fronts] }));
      }
      for (const a of addrs)
        for (const p of a.ports ?? [])
          if (p.error) out.push(finding('ing.lb-port-error', 'error', ing, `The controller reports port ${p.port} on Ingress ${nn(ing)} as failed: ${p.error}.`, 'check controller and cloud events for that port (listener quota, certificate, port conflict)', { fields: ['status.loadBalancer.ingress[].ports'], discriminator: String(p.port) }));
      for (const [i, r] of (ing.spec.rules ?? []).entries())
        if (r.host && !r.http) out.push(finding('ing.rule-without-http', 'info', ing, `Host ${r.host} of Ingress ${nn(ing)} is listed without paths; it is served only by the default backend.`, 'add http.paths for the host, or remove the rule', { fields: [`spec.rules[${i}]`], discriminator: r.host }));
      if (ing.sourceApiVersion === 'extensions/v1beta1' || ing.sourceApiVersion === 'networking.k8s.io/v1beta1')
        out.push(finding('ing.legacy-api', 'info', ing, `Ingress ${nn(ing)} is written as ${ing.sourceApiVersion}, removed in Kubernetes 1.22.`, 'convert to networking.k8s.io/v1: service.name, service.port.number|name, explicit pathType, defaultBackend', { fields: ['apiVersion'] }));
      const seen = new Map<string, string>();
      for (const r of ing.spec.rules ?? [])
        for (const p of r.http?.paths ?? []) {
          // missing pathType is ImplementationSpecific; only Prefix ignores a trailing '/'
          const pathType = p.pathType ?? 'ImplementationSpecific';
          const path = pathType === 'Prefix' ? (p.path ?? '/').replace(/(.)\/+$/, '$1') : p.path ?? '/';
          const k = `${(r.host ?? '').toLowerCase()}|${path}|${pathType}`;
          const target = `${p.backend.service?.name ?? ''}:${p.backend.service?.port?.name ?? p.backend.service?.port?.number ?? ''}`;
          const prev = seen.get(k);
          if (prev !== undefined && prev !== target)
            out.push(finding('ing.duplicate-path', 'warning', ing, `Ingress ${nn(ing)} defines host ${r.host ?? '*'} path ${path} twice (→ ${prev} and ${target}); only one will be used.`, 'remove or merge the duplicate path entries', { fields: ['spec.rules'], discriminator: k }));
          else seen.set(k, target);
        }
    }
    return out;
  },
};

export const ingressChecks: Check[] = [classes, backendChecks, admitted];
