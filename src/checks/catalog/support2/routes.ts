// route.* checks (diagnostics.md §9), exported through gateway.ts.
import type { BackendView } from '../../../model/graph-types.js';
import { indexes, nsName } from '../../../model/index.js';
import { isVisible } from '../../../model/snapshot.js';
import { ROUTE_KINDS, type ObjectRef, type Route, type RouteKind } from '../../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../../check.js';
import type { Finding } from '../../types.js';
import { attachVerdicts, condOf, condText, GROUP, parentOf, parentStatus, referenceGranted, type Parent } from './gateway.js';

const gwRef = (p: Parent): ObjectRef => ({ kind: 'Gateway', namespace: p.namespace, name: p.name });
const pText = (p: Parent): string => `${p.kind} ${p.namespace}/${p.name}${p.sectionName ? ` (sectionName ${p.sectionName})` : ''}${p.port ? ` (port ${p.port})` : ''}`;

/** One parentRef: existence, attachability (spec), then what the controller wrote (status). */
function parentFindings(rc: RunContext, route: Route, pi: number, p: Parent, out: Finding[]): void {
  const { s } = rc;
  const field = `spec.parentRefs[${pi}]`;
  const disc = String(pi);
  if (p.group === '' && p.kind === 'Service') {
    // GAMMA (mesh) parent
    if (isVisible(s, 'Service', p.namespace) && !indexes(s).serviceByName.has(nsName(p.namespace, p.name)))
      out.push(finding('route.parent-missing', 'error', route, `${route.kind} ${nn(route)} attaches to Service ${p.namespace}/${p.name}, which does not exist.`, 'fix spec.parentRefs name/namespace (and kind/group for Service parents)', { fields: [`${field}.name`], discriminator: disc }));
    return;
  }
  if (p.group !== GROUP || p.kind !== 'Gateway' || !isVisible(s, 'Gateway', p.namespace)) return;
  const gw = s.gateways.find((g) => g.metadata.namespace === p.namespace && g.metadata.name === p.name);
  if (!gw) {
    out.push(finding('route.parent-missing', 'error', route, `${route.kind} ${nn(route)} attaches to Gateway ${p.namespace}/${p.name}, which does not exist.`, 'fix spec.parentRefs name and namespace', { fields: [`${field}.name`], discriminator: disc }));
    return;
  }
  const st = parentStatus(route, p);
  const acc = condOf(st?.conditions, 'Accepted');
  const verdicts = attachVerdicts(s, gw, route, p);
  const attachable = verdicts.some((v) => v.admits === true);
  const unknown = verdicts.some((v) => v.admits === 'unknown');
  // the controller accepting the route outranks our reading of the spec
  if (!attachable && !unknown && acc?.status !== 'True') {
    const why = verdicts.length === 0 ? `it has no listener${p.sectionName ? ` named '${p.sectionName}'` : ''}${p.port ? ` on port ${p.port}` : ''}` : verdicts.map((v) => `listener '${v.listener}' ${'why' in v ? v.why : ''}`).join('; ');
    out.push(finding('route.not-attachable', 'error', route, `${route.kind} ${nn(route)} cannot attach to Gateway ${p.namespace}/${p.name}: ${why}.`, 'label the route namespace, fix sectionName/port or hostnames, or change the listener allowedRoutes', { fields: [field], discriminator: disc, related: [gw] }));
  }
  if (acc?.status === 'False')
    out.push(finding('route.not-accepted', 'error', route, `${route.kind} ${nn(route)} is not accepted by ${pText(p)}: ${condText(acc)}.`, acc.reason === 'NotAllowedByListeners' || acc.reason === 'NoMatchingListenerHostname' ? 'see route.not-attachable: label the namespace, fix hostnames or sectionName' : 'act on the reason the controller gives', { fields: [field], discriminator: disc, related: [gw] }));
  else if (rc.pastGrace(route) && (acc?.status === 'Unknown' || (!st && condOf(gw.status?.conditions, 'Accepted')?.status === 'True')))
    out.push(finding('route.unreconciled', 'warning', route, acc ? `${route.kind} ${nn(route)} is still pending on ${pText(p)}: ${condText(acc)}.` : `No controller has written status for ${route.kind} ${nn(route)} on ${pText(p)}, although the Gateway is accepted.`, 'check that the implementation runs and watches this namespace', { fields: ['status.parents'], discriminator: disc, related: [gw] }));
  const rr = condOf(st?.conditions, 'ResolvedRefs');
  if (rr?.status === 'False')
    out.push(finding('route.resolvedrefs-false', 'error', route, `${route.kind} ${nn(route)} has unresolved references on ${pText(p)}: ${condText(rr)}.`, 'fix the backendRef (name, namespace, kind, port) or add the missing ReferenceGrant', { fields: ['spec.rules'], discriminator: `${disc}|ResolvedRefs`, related: [gw] }));
  const partial = condOf(st?.conditions, 'PartiallyInvalid');
  if (partial?.status === 'True')
    out.push(finding('route.resolvedrefs-false', 'warning', route, `${route.kind} ${nn(route)} is partially invalid on ${pText(p)}: ${condText(partial)}; the invalid rules are dropped.`, 'fix the rules the message names', { fields: ['spec.rules'], discriminator: `${disc}|PartiallyInvalid`, related: [gw] }));
}

const routesOf = (rc: RunContext, kind: RouteKind): Route[] => (kind === 'HTTPRoute' ? rc.s.httpRoutes : rc.s.grpcRoutes);

// One instance per route kind, so that a GRPCRoute CRD that is not installed (or forbidden)
// only makes these IDs "partly checked", and HTTPRoutes are still judged.
const parents = (kind: RouteKind): Check => ({
  ids: ['route.parent-missing', 'route.not-attachable', 'route.not-accepted', 'route.unreconciled', 'route.resolvedrefs-false'],
  needs: [kind],
  alsoReads: { 'route.parent-missing': ['Gateway'], 'route.not-attachable': ['Gateway'], 'route.resolvedrefs-false': ['Gateway'] },
  run(rc) {
    const out: Finding[] = [];
    for (const route of routesOf(rc, kind)) (route.spec.parentRefs ?? []).forEach((pr, pi) => parentFindings(rc, route, pi, parentOf(pr, route.metadata.namespace ?? ''), out));
    return out;
  },
});

function backendFindings(rc: RunContext, route: Route, ri: number, bi: number, b: BackendView, out: Finding[]): void {
  const ref = route.spec.rules?.[ri]?.backendRefs?.[bi];
  if (!ref) return;
  const rns = route.metadata.namespace ?? '';
  const field = `spec.rules[${ri}].backendRefs[${bi}]`;
  const disc = `${ri}|${bi}`;
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  if (group !== '' || kind !== 'Service') {
    out.push(finding('route.backend-missing', 'info', route, `${route.kind} ${nn(route)} sends traffic to ${group ? `${group}/` : ''}${kind} ${b.namespace}/${b.serviceName}; kexplore cannot check backends of that kind.`, 'make sure the implementation supports this backend kind and the object exists', { fields: [`${field}.kind`], discriminator: disc }));
    return;
  }
  const svcRef: ObjectRef = { kind: 'Service', namespace: b.namespace, name: b.serviceName };
  if (b.namespace !== rns && isVisible(rc.s, 'ReferenceGrant', b.namespace) && !referenceGranted(rc.s, route.kind, rns, b.namespace, 'Service', b.serviceName))
    out.push(finding('route.backend-crossns-no-grant', 'error', route, `${route.kind} ${nn(route)} references Service ${b.namespace}/${b.serviceName} without a ReferenceGrant in '${b.namespace}'; the reference is refused.`, `create a ReferenceGrant in ${b.namespace}: from ${route.kind} in ${rns}, to Service`, { fields: [`${field}.namespace`], discriminator: disc, related: [svcRef] }));
  switch (b.state) {
    case 'service-missing':
      out.push(finding('route.backend-missing', 'error', route, `${route.kind} ${nn(route)} sends rule ${ri} to Service ${b.namespace}/${b.serviceName}, which does not exist.`, 'create the Service or fix backendRefs name/namespace', { fields: [`${field}.name`], discriminator: disc }));
      break;
    case 'port-missing': {
      const ports = (indexes(rc.s).serviceByName.get(nsName(b.namespace, b.serviceName))?.spec.ports ?? []).map((p) => p.port);
      out.push(finding('route.backend-port-mismatch', 'error', route, ref.port === undefined ? `${route.kind} ${nn(route)} references Service ${b.namespace}/${b.serviceName} without a port; a Service backendRef needs one (it exposes ${ports.join(', ')}).` : `${route.kind} ${nn(route)} uses port ${ref.port} of Service ${b.namespace}/${b.serviceName}, which only exposes ${ports.join(', ') || 'no port'}.`, 'use the Service port (spec.ports[].port), not the container port', { fields: [`${field}.port`], discriminator: disc, related: [svcRef] }));
      break;
    }
    case 'no-endpoints':
      if ((ref.weight ?? 1) > 0)
        out.push(finding('route.backend-no-endpoints', 'error', route, `${route.kind} ${nn(route)} → Service ${b.namespace}/${b.serviceName}:${ref.port ?? ''} has no ready endpoints serving that port; the gateway will return 5xx.`, 'see the Service findings (eps.no-ready, eps.port-unserved) for the pod-level reasons', { fields: [field], discriminator: disc, related: [svcRef] }));
      break;
    case 'ok':
    case 'external-name':
    case 'resource':
    case 'unknown':
      break;
  }
}

const backends = (kind: RouteKind): Check => ({
  ids: ['route.backend-missing', 'route.backend-port-mismatch', 'route.backend-crossns-no-grant', 'route.backend-no-endpoints'],
  needs: [kind, 'Service'],
  alsoReads: { 'route.backend-crossns-no-grant': ['ReferenceGrant'] },
  run(rc) {
    const out: Finding[] = [];
    for (const rv of rc.g.routes) {
      if (rv.route.kind !== kind) continue;
      rv.rules.forEach((rule, ri) => {
        rule.backends.forEach((b, bi) => backendFindings(rc, rv.route, ri, bi, b, out));
        const refs = rv.route.spec.rules?.[ri]?.backendRefs ?? [];
        if (refs.length > 0 && refs.every((r) => r.weight === 0))
          out.push(finding('route.backend-no-endpoints', 'info', rv.route, `Rule ${ri} of ${rv.route.kind} ${nn(rv.route)} gives every backend weight 0: it sends no traffic (requests get 500).`, 'give at least one backendRef a weight above 0', { fields: [`spec.rules[${ri}].backendRefs`], discriminator: `${ri}|weights` }));
      });
    }
    return out;
  },
});

export const routeChecks: Check[] = ROUTE_KINDS.flatMap((k) => [parents(k), backends(k)]);
