// The embedded demo cluster: every Service type and the headline problems beside healthy
// services. Built as the raw objects a live cluster returns (demo/*.ts) and projected with
// slim() like live data, so the demo exercises the real code paths.
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
