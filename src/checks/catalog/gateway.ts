// Gateway API checks (diagnostics.md §9). Conditions are located by type, never by index.
import { isVisible } from '../../model/snapshot.js';
import type { Condition, Gateway, HTTPRoute, K8sObject } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';

const GROUP = 'gateway.networking.k8s.io';
const cond = (cs: Condition[] | undefined, type: string): Condition | undefined => (cs ?? []).find((c) => c.type === type);

const notInstalled: Check = {
  ids: ['gwapi.not-installed'],
  needs: [],
  run(rc) {
    if (rc.s.visibility.HTTPRoute.state !== 'not-installed') return [];
    return [finding('gwapi.not-installed', 'info', { kind: 'Cluster', name: 'cluster' }, 'Gateway API is not installed in this cluster; Gateway checks are skipped.', 'none needed; install the Gateway API CRDs and an implementation only if you want to use it', {})];
  },
};

function classChecks(rc: RunContext, out: Finding[]): void {
  for (const gc of rc.s.gatewayClasses) {
    const acc = cond(gc.status?.conditions, 'Accepted');
    if (rc.pastGrace(gc) && acc?.status !== 'True')
      out.push(finding('gwc.not-accepted', 'error', gc, `GatewayClass '${gc.metadata.name}' (controller ${gc.spec.controllerName}) is not accepted: ${acc ? `${acc.reason ?? acc.status}${acc.message ? ` — ${acc.message}` : ''}` : 'no controller has reconciled it'}; is the implementation installed?`, 'install or repair the implementation for spec.controllerName, or fix spec.parametersRef', { fields: ['spec.controllerName'] }));
    if (!rc.s.gateways.some((g) => g.spec.gatewayClassName === gc.metadata.name))
      out.push(finding('gwc.unused', 'info', gc, `GatewayClass ${gc.metadata.name} is not used by any Gateway.`, 'delete it if obsolete', {}));
  }
}

function gatewayChecksFor(rc: RunContext, gw: Gateway, out: Finding[]): void {
  if (rc.s.visibility.GatewayClass.state === 'visible' && !rc.s.gatewayClasses.some((c) => c.metadata.name === gw.spec.gatewayClassName)) {
    out.push(finding('gw.class-missing', 'error', gw, `Gateway ${nn(gw)} uses GatewayClass '${gw.spec.gatewayClassName}', which does not exist.`, 'create the GatewayClass or fix spec.gatewayClassName', { fields: ['spec.gatewayClassName'] }));
    return;
  }
  const cls: K8sObject[] = rc.s.gatewayClasses.filter((c) => c.metadata.name === gw.spec.gatewayClassName);
  if (!rc.pastGrace(gw)) return;
  const conds = gw.status?.conditions;
  const accepted = cond(conds, 'Accepted') ?? cond(conds, 'Scheduled');
  const programmed = cond(conds, 'Programmed') ?? cond(conds, 'Ready');
  if (!accepted && !programmed)
    out.push(finding('gw.not-accepted', 'error', gw, `No controller reconciled Gateway ${nn(gw)} (no status conditions).`, "check that the GatewayClass's implementation runs and watches this namespace", { fields: ['status.conditions'], related: cls }));
  else {
    if (accepted && accepted.status !== 'True')
      out.push(finding('gw.not-accepted', 'error', gw, `Gateway ${nn(gw)} is not accepted: ${accepted.reason ?? accepted.status}${accepted.message ? ` — ${accepted.message}` : ''}.`, "act on the condition reason and the implementation's logs", { fields: ['status.conditions'], related: cls }));
    if (programmed && programmed.status !== 'True')
      out.push(finding('gw.not-programmed', 'error', gw, `Gateway ${nn(gw)} is not programmed: ${programmed.reason ?? programmed.status}${programmed.message ? ` — ${programmed.message}` : ''}.`, "act on the condition reason and the implementation's logs", { fields: ['status.conditions'], related: cls }));
  }
  if ((gw.status?.addresses ?? []).length === 0) {
    const svc = rc.s.services.filter((s) => s.metadata.labels?.['gateway.networking.k8s.io/gateway-name'] === gw.metadata.name);
    out.push(finding('gw.no-address', 'warning', gw, `Gateway ${nn(gw)} has no address${svc.length > 0 ? `; the Service ${nn(svc[0] ?? gw)} created for it has none either` : ''}.`, 'fix the Service behind the Gateway (see lb.*) or request an address the implementation supports (spec.addresses)', { fields: ['status.addresses'], related: svc }));
  }
  for (const l of gw.status?.listeners ?? []) {
    const lc = l.conditions;
    for (const [type, bad] of [['Accepted', 'False'], ['ResolvedRefs', 'False'], ['Programmed', 'False']] as const) {
      const c = cond(lc, type);
      if (c?.status === bad)
        out.push(finding('gw.listener-invalid', 'error', gw, `Listener '${l.name}' of Gateway ${nn(gw)}: ${type}=False (${c.reason ?? ''})${c.message ? ` — ${c.message}` : ''}.`, 'per reason: free the port, use a supported protocol, create the Secret or ReferenceGrant, or fix allowedRoutes.kinds', { fields: ['spec.listeners'], discriminator: `${l.name}|${type}` }));
    }
    if (cond(lc, 'Conflicted')?.status === 'True')
      out.push(finding('gw.listener-conflicted', 'error', gw, `Listener '${l.name}' of Gateway ${nn(gw)} conflicts with another listener (${cond(lc, 'Conflicted')?.reason ?? ''}).`, 'give each listener a distinct (port, protocol, hostname)', { fields: ['spec.listeners'], discriminator: l.name }));
    if (l.attachedRoutes === 0)
      out.push(finding('gw.listener-no-routes', 'info', gw, `Listener '${l.name}' of Gateway ${nn(gw)} has no routes attached; it only returns 404.`, 'attach a route (parentRefs, sectionName) or remove the listener', { discriminator: l.name }));
  }
}

const granted = (rc: RunContext, route: HTTPRoute, ns: string, name: string): boolean =>
  rc.s.referenceGrants.some(
    (g) => g.metadata.namespace === ns && g.spec.from.some((f) => f.group === GROUP && f.kind === 'HTTPRoute' && f.namespace === route.metadata.namespace) && g.spec.to.some((t) => (t.group ?? '') === '' && t.kind === 'Service' && (t.name === undefined || t.name === name)),
  );

function routeChecks(rc: RunContext, out: Finding[]): void {
  for (const rv of rc.g.httpRoutes) {
    const route = rv.route;
    const rns = route.metadata.namespace ?? '';
    for (const [pi, p] of rv.parents.entries()) {
      const field = `spec.parentRefs[${pi}]`;
      if (p.gatewayFound === false) {
        out.push(finding('route.parent-missing', 'error', route, `HTTPRoute ${nn(route)} attaches to Gateway ${p.gateway.namespace ?? ''}/${p.gateway.name}, which does not exist.`, 'fix spec.parentRefs name and namespace', { fields: [field], discriminator: String(pi) }));
        continue;
      }
      if (p.gatewayFound === undefined) continue;
      if (p.listeners.length === 0 && (isVisible(rc.s, 'Namespace') || rc.s.visibility.Namespace.state === 'visible'))
        out.push(finding('route.not-attachable', 'error', route, `HTTPRoute ${nn(route)} cannot attach to Gateway ${p.gateway.namespace ?? ''}/${p.gateway.name}: no listener${p.sectionName ? ` named ${p.sectionName}` : ''} admits it (allowedRoutes namespaces/kinds, or hostnames).`, 'label the namespace, fix sectionName or hostnames, or change the listener allowedRoutes', { fields: [field], discriminator: String(pi), related: [p.gateway] }));
      const st = (route.status?.parents ?? []).find((s) => s.parentRef.name === p.gateway.name && (s.parentRef.namespace ?? rns) === p.gateway.namespace);
      const acc = cond(st?.conditions, 'Accepted');
      if (acc?.status === 'False')
        out.push(finding('route.not-accepted', 'error', route, `HTTPRoute ${nn(route)} is not accepted by Gateway ${p.gateway.name}: ${acc.reason ?? ''}${acc.message ? ` — ${acc.message}` : ''}.`, 'act on the reason; for NotAllowedByListeners or NoMatchingListenerHostname see route.not-attachable', { fields: [field], discriminator: String(pi), related: [p.gateway] }));
      else if (!st && rc.pastGrace(route) && p.listeners.length > 0)
        out.push(finding('route.unreconciled', 'warning', route, `No controller has written status for HTTPRoute ${nn(route)} on Gateway ${p.gateway.name}.`, 'check that the implementation runs and watches this namespace', { fields: ['status.parents'], discriminator: String(pi), related: [p.gateway] }));
      const rr = cond(st?.conditions, 'ResolvedRefs');
      if (rr?.status === 'False')
        out.push(finding('route.resolvedrefs-false', 'error', route, `HTTPRoute ${nn(route)} has unresolved references: ${rr.reason ?? ''}${rr.message ? ` — ${rr.message}` : ''}.`, 'fix the backendRef (name, kind, port) or add the missing ReferenceGrant', { fields: ['spec.rules[].backendRefs'], discriminator: String(pi) }));
    }
    for (const [ri, rule] of rv.rules.entries()) {
      for (const [bi, b] of rule.backends.entries()) {
        const field = `spec.rules[${ri}].backendRefs[${bi}]`;
        const disc = `${ri}|${bi}`;
        if (b.state === 'resource') continue;
        if (b.namespace !== rns && rc.s.visibility.ReferenceGrant.state === 'visible' && !granted(rc, route, b.namespace, b.serviceName))
          out.push(finding('route.backend-crossns-no-grant', 'error', route, `HTTPRoute ${nn(route)} references Service ${b.namespace}/${b.serviceName} without a ReferenceGrant in '${b.namespace}'; the reference is refused.`, `create a ReferenceGrant in ${b.namespace}: from HTTPRoute in ${rns}, to Service`, { fields: [field], discriminator: disc, related: [{ kind: 'Service', namespace: b.namespace, name: b.serviceName }] }));
        switch (b.state) {
          case 'service-missing':
            out.push(finding('route.backend-missing', 'error', route, `HTTPRoute ${nn(route)} sends ${rule.matches.join(', ')} to Service ${b.namespace}/${b.serviceName}, which does not exist.`, 'create the Service or fix backendRefs name and namespace', { fields: [field], discriminator: disc }));
            break;
          case 'port-missing':
            out.push(finding('route.backend-port-mismatch', 'error', route, `HTTPRoute ${nn(route)} uses port ${b.port?.number ?? '?'} of Service ${b.namespace}/${b.serviceName}, which does not expose it.`, 'use the Service port, not the container port', { fields: [`${field}.port`], discriminator: disc }));
            break;
          case 'no-endpoints':
            if ((b.weight ?? 1) > 0 && b.service)
              out.push(finding('route.backend-no-endpoints', 'error', route, `HTTPRoute ${nn(route)} → Service ${b.namespace}/${b.serviceName} has no ready endpoints; the gateway will return 5xx.`, 'follow the Service finding for the pod-level reasons', { fields: [field], discriminator: disc, related: [b.service] }));
            break;
          case 'ok':
          case 'external-name':
          case 'unknown':
            break;
        }
      }
    }
  }
}

const gatewayApi: Check = {
  ids: ['gwc.not-accepted', 'gwc.unused', 'gw.class-missing', 'gw.not-accepted', 'gw.not-programmed', 'gw.no-address', 'gw.listener-invalid', 'gw.listener-conflicted', 'gw.listener-no-routes', 'route.parent-missing', 'route.not-attachable', 'route.not-accepted', 'route.unreconciled', 'route.resolvedrefs-false', 'route.backend-missing', 'route.backend-port-mismatch', 'route.backend-crossns-no-grant', 'route.backend-no-endpoints'],
  needs: ['HTTPRoute', 'Gateway', 'GatewayClass'],
  run(rc) {
    const out: Finding[] = [];
    classChecks(rc, out);
    for (const gw of rc.s.gateways) gatewayChecksFor(rc, gw, out);
    routeChecks(rc, out);
    return out;
  },
};

export const gatewayChecks: Check[] = [notInstalled, gatewayApi];
