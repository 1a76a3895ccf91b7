// The embedded demo cluster: every Service type and the headline problems beside healthy
// services. Built as the raw objects a live cluster returns (demo/*.ts) and projected with
// slim() like live data, so the demo exercises the real code paths.
//
// Headline findings it should produce (diagnostics.md IDs):
//   shop/checkout        svc.selector-no-pods (app: chekout) → eps.no-ready, ing.backend-no-endpoints
//   shop/cart            eps.no-ready (CrashLoopBackOff)
//   payments/api         NodePort, eTP Local, pods only on NotReady node-c: eps.no-ready (nodeport path broken)
//   payments/ledger      nodeport.etp-local-no-endpoints (selectorless, manual slice without nodeName)
//   payments/gateway     lb.pending + lb.class-unclaimed (loadBalancerClass service.k8s.aws/nlb)
//   payments/portal      netpol.blocks-ingress-controller (default-deny + allow-same-namespace)
//   shop/shop-www        tls.host-not-covered (www-example-tls is for www.example.com)
//   shop/blog            ing.not-admitted (error) + ingclass.no-controller (class traefik, no pods)
//   shop/promo           ing.backend-service-missing (promo-web)
//   shop/reports route   route.backend-crossns-no-grant (payments/reports, no ReferenceGrant)
//   healthy: shop/web, shop/storefront (NodePort), shop/postgres (headless), monitoring/grafana (LB),
//   Ingress shop/storefront (TLS), legacy/old-frontend (legacy annotation), HTTPRoute shop/web, GRPCRoute shop/inventory.
import { slim } from '../model/slim.js';
import { snapshotFrom } from '../model/snapshot.js';
import { KINDS, type AnyObject, type ClusterSnapshot } from '../model/types.js';
import { apps } from './demo/apps.js';
import { DemoBuilder } from './demo/build.js';
import { addEndpointSlices } from './demo/endpoints.js';
import { infra } from './demo/infra.js';

/** Raw API objects of the demo cluster (before slim), for tests and fixtures. */
export function demoObjects(now: Date): Record<string, unknown>[] {
  const b = new DemoBuilder(now);
  infra(b);
  apps(b);
  addEndpointSlices(b); // last: derived from the pods, as kube-controller-manager does
  return b.items;
}

export function demoSnapshot(now: Date): ClusterSnapshot {
  const objects = demoObjects(now)
    .map((o) => slim(o))
    .filter((o): o is AnyObject => o !== undefined);
  // Every kind was "listed" in the demo: an empty list there really means none exist.
  return snapshotFrom(objects, { type: 'demo', context: 'demo', cluster: 'kexplore-demo', serverVersion: 'v1.36.3' }, now.toISOString(), { seen: KINDS });
}
