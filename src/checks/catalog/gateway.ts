// Gateway API checks (diagnostics.md §9). Conditions are located by type, never by index;
// status written by controllers is judged only after the grace period; a kind that is not
// visible (forbidden, not installed) never yields a "does not exist" finding.
import type { Gateway, GatewayClass, K8sObject, Service } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';
import { condOf, condText } from './support2/gateway.js';
import { hasLbAddress } from './support2/lb.js';
import { routeChecks } from './support2/routes.js';

const CLUSTER = { kind: 'Cluster', name: 'cluster' };

const notInstalled: Check = {
  ids: ['gwapi.not-installed'],
  needs: [],
  run({ s }) {
    const v = s.visibility;
    if (v.HTTPRoute.state === 'not-installed' || v.Gateway.state === 'not-installed')
      return [finding('gwapi.not-installed', 'info', CLUSTER, 'Gateway API is not installed in this cluster; Gateway checks are skipped.', 'none needed; install the Gateway API CRDs and an implementation only if you want to use it')];
    if (v.GatewayClass.state === 'visible' && s.gatewayClasses.length === 0 && (v.Gateway.state === 'visible' || v.HTTPRoute.state === 'visible'))
      return [finding('gwapi.not-installed', 'info', CLUSTER, 'The Gateway API CRDs are installed but no GatewayClass exists: no implementation serves Gateways or routes.', 'install a Gateway API implementation if you want to use it', { discriminator: 'no-class' })];
    return [];
  },
};

const gatewayClasses: Check = {
  ids: ['gwc.not-accepted', 'gwc.unused'],
  needs: ['GatewayClass'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    // "unused" needs every Gateway of the cluster in view
    const allGateways = s.visibility.Gateway.state === 'visible' && s.namespace === undefined;
    for (const gc of s.gatewayClasses) {
      const ctl = gc.spec.controllerName;
      if (rc.pastGrace(gc)) {
        const acc = condOf(gc.status?.conditions, 'Accepted');
        if (acc?.status !== 'True') {
          const pending = !acc || acc.reason === 'Pending' || acc.reason === 'Waiting';
          const why = pending ? `no controller for controllerName ${ctl} has picked it up${acc ? ` (${acc.reason ?? acc.status})` : ''} — is the implementation installed?` : condText(acc);
          out.push(finding('gwc.not-accepted', 'error', gc, `GatewayClass '${gc.metadata.name}' (controller ${ctl}) is not accepted: ${why}.`, pending ? 'install or repair the implementation for spec.controllerName, or correct spec.controllerName' : 'fix spec.parametersRef or the setting the message names', { fields: [pending ? 'spec.controllerName' : 'spec.parametersRef'] }));
        }
        const ver = condOf(gc.status?.conditions, 'SupportedVersion');
        if (ver?.status === 'False')
          out.push(finding('gwc.not-accepted', 'warning', gc, `GatewayClass '${gc.metadata.name}': the installed Gateway API CRD version is not supported by ${ctl} (${condText(ver)}).`, 'install the CRD version the implementation supports', { fields: ['status.conditions'], discriminator: 'SupportedVersion' }));
      }
      if (allGateways && !s.gateways.some((g) => g.spec.gatewayClassName === gc.metadata.name))
        out.push(finding('gwc.unused', 'info', gc, `GatewayClass ${gc.metadata.name} is not used by any Gateway.`, 'delete it if obsolete'));
    }
    return out;
  },
};

/** The Service an implementation created for the Gateway (GEP-1762 well-known label). */
function gatewayServices(rc: RunContext, gw: Gateway): Service[] {
  const mine = rc.s.services.filter((x) => x.metadata.labels?.['gateway.networking.k8s.io/gateway-name'] === gw.metadata.name);
  const sameNs = mine.filter((x) => x.metadata.namespace === gw.metadata.namespace);
  // some implementations put the Service in their own namespace: accept it when the name is unambiguous
  if (sameNs.length > 0) return sameNs;
  return rc.s.gateways.filter((g) => g.metadata.name === gw.metadata.name).length === 1 ? mine : [];
}

function gatewayFindings(rc: RunContext, gw: Gateway, out: Finding[]): void {
  const { s } = rc;
  const cls: GatewayClass | undefined = s.gatewayClasses.find((c) => c.metadata.name === gw.spec.gatewayClassName);
  if (!cls && s.visibility.GatewayClass.state === 'visible') {
    out.push(finding('gw.class-missing', 'error', gw, `Gateway ${nn(gw)} uses GatewayClass '${gw.spec.gatewayClassName}', which does not exist.`, 'create the GatewayClass or fix spec.gatewayClassName', { fields: ['spec.gatewayClassName'] }));
    return;
  }
  if (!rc.pastGrace(gw)) return;
  const related: K8sObject[] = cls ? [cls] : [];
  const conds = gw.status?.conditions ?? [];
  // pre-v1 implementations set Scheduled/Ready instead of Accepted/Programmed
  const accepted = condOf(conds, 'Accepted') ?? condOf(conds, 'Scheduled');
  const programmed = condOf(conds, 'Programmed') ?? condOf(conds, 'Ready');
  if (conds.length === 0)
    out.push(finding('gw.not-accepted', 'error', gw, `No controller reconciled Gateway ${nn(gw)}: it has no status conditions.`, `check that the implementation of GatewayClass ${gw.spec.gatewayClassName} runs and watches namespace ${gw.metadata.namespace ?? ''}`, { fields: ['status.conditions'], related }));
  if (accepted && accepted.status !== 'True')
    out.push(finding('gw.not-accepted', 'error', gw, `Gateway ${nn(gw)} is not accepted: ${condText(accepted)}.`, "act on the condition reason (ListenersNotValid: see the listener findings; UnsupportedAddress: fix spec.addresses) and the implementation's logs", { fields: [`status.conditions[type=${accepted.type}]`], related }));
  if (programmed && programmed.status !== 'True')
    out.push(finding('gw.not-programmed', 'error', gw, `Gateway ${nn(gw)} is not programmed: ${condText(programmed)}.`, "act on the condition reason (AddressNotAssigned: see the Gateway's Service; NoResources: capacity) and the implementation's logs", { fields: [`status.conditions[type=${programmed.type}]`], related }));
  if ((gw.status?.addresses ?? []).length === 0) {
    const svcs = gatewayServices(rc, gw);
    const pendingSvc = svcs.find((x) => x.spec.type === 'LoadBalancer' && !hasLbAddress(x));
    out.push(
      finding('gw.no-address', 'warning', gw, `Gateway ${nn(gw)} has no address${pendingSvc ? `; the Service ${nn(pendingSvc)} created for it is still waiting for a load balancer` : ''}.`, pendingSvc ? `fix Service ${nn(pendingSvc)} (see lb.*)` : 'fix the Service behind the Gateway, or request an address the implementation supports (spec.addresses)', {
        fields: ['status.addresses'],
        related: [...svcs, ...related],
      }),
    );
  }
  listenerFindings(gw, accepted?.status === 'True', out);
}

function listenerFindings(gw: Gateway, reconciled: boolean, out: Finding[]): void {
  gw.spec.listeners.forEach((l, i) => {
    const field = `spec.listeners[${i}]`;
    const st = (gw.status?.listeners ?? []).find((x) => x.name === l.name);
    if (!st) {
      if (reconciled) out.push(finding('gw.listener-invalid', 'error', gw, `Listener '${l.name}' of Gateway ${nn(gw)} has no status although the Gateway was reconciled.`, "check the implementation's logs for this listener", { fields: [field], discriminator: `${l.name}|status` }));
      return;
    }
    for (const type of ['Accepted', 'ResolvedRefs', 'Programmed']) {
      const c = condOf(st.conditions, type);
      if (c?.status === 'False')
        out.push(finding('gw.listener-invalid', 'error', gw, `Listener '${l.name}' of Gateway ${nn(gw)}: ${type}=False, ${condText(c)}.`, 'per reason: free the port, use a supported protocol, create the certificate Secret or ReferenceGrant, or fix allowedRoutes.kinds', { fields: [field], discriminator: `${l.name}|${type}` }));
    }
    const conflicted = condOf(st.conditions, 'Conflicted');
    if (conflicted?.status === 'True')
      out.push(finding('gw.listener-conflicted', 'error', gw, `Listener '${l.name}' (port ${l.port}${l.hostname ? `, hostname ${l.hostname}` : ''}) of Gateway ${nn(gw)} conflicts with another listener: ${condText(conflicted)}.`, 'give each listener a distinct (port, protocol, hostname) combination', { fields: [field], discriminator: l.name }));
    const overlap = condOf(st.conditions, 'OverlappingTLSConfig');
    if (overlap?.status === 'True')
      out.push(finding('gw.listener-conflicted', 'warning', gw, `Listener '${l.name}' of Gateway ${nn(gw)} has overlapping TLS configuration: ${condText(overlap)}.`, 'give overlapping listeners distinct hostnames or certificates', { fields: [`${field}.tls`], discriminator: `${l.name}|tls` }));
    if (st.attachedRoutes === 0)
      out.push(finding('gw.listener-no-routes', 'info', gw, `Listener '${l.name}' of Gateway ${nn(gw)} has no routes attached; it only returns 404.`, 'attach a route (parentRefs, sectionName) or remove the listener', { fields: [field], discriminator: l.name }));
  });
}

const gateways: Check = {
  ids: ['gw.class-missing', 'gw.not-accepted', 'gw.not-programmed', 'gw.no-address', 'gw.listener-invalid', 'gw.listener-conflicted', 'gw.listener-no-routes'],
  needs: ['Gateway'],
  run(rc) {
    const out: Finding[] = [];
    for (const gw of rc.s.gateways) gatewayFindings(rc, gw, out);
    return out;
  },
};

export const gatewayChecks: Check[] = [notInstalled, gatewayClasses, gateways, ...routeChecks];
