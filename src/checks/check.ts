// The shape of one catalog check and the helpers every check uses to emit findings.
import type { ExposureGraph } from '../model/graph-types.js';
import { refKey, refOf, type ClusterSnapshot, type K8sObject, type Kind, type ObjectRef } from '../model/types.js';
import type { CheckContext, Finding, Severity } from './types.js';

export interface RunContext {
  s: ClusterSnapshot;
  g: ExposureGraph;
  ctx: CheckContext;
  /** ms since the object was created (undefined when the object has no creationTimestamp) */
  ageMs(o: K8sObject): number | undefined;
  /** status written by a controller is judged only after the grace period */
  pastGrace(o: K8sObject): boolean;
}

export interface Check {
  /** catalog IDs this check can emit (diagnostics.md) */
  ids: string[];
  /** kinds without which the check cannot run: if any is not visible (or partial), it is skipped */
  needs: Kind[];
  /** alternatives: at least one of these must be visible (EndpointSlices, or the legacy Endpoints) */
  needsOneOf?: Kind[];
  /**
   * IDs that also read these kinds and stay silent where they are not visible (a pending
   * LoadBalancer's class is "unclaimed" only if the controllers' pods can be seen): listed as
   * partly checked with the reason, so a forbidden kind never passes for "nothing wrong".
   */
  alsoReads?: Partial<Record<string, Kind[]>>;
  run(rc: RunContext): Finding[];
}

export interface FindingInput {
  fields?: string[];
  related?: (ObjectRef | K8sObject)[];
  /** distinguishes several findings of one id on one object (port name, host, path…) */
  discriminator?: string;
  /** the hosts it concerns, when only some of the object's */
  hosts?: string[];
}

const toRef = (o: ObjectRef | K8sObject): ObjectRef => ('metadata' in o ? refOf(o) : o);

export function finding(id: string, severity: Severity, object: ObjectRef | K8sObject, message: string, hint: string, extra: FindingInput = {}): Finding {
  const ref = toRef(object);
  const f: Finding = { id, severity, object: ref, message, hint, key: `${id}|${refKey(ref)}${extra.discriminator ? `|${extra.discriminator}` : ''}` };
  if (extra.fields && extra.fields.length > 0) f.fields = extra.fields;
  if (extra.related && extra.related.length > 0) f.related = extra.related.map(toRef);
  if (extra.hosts && extra.hosts.length > 0) f.hosts = extra.hosts;
  return f;
}

/** A duration for messages, like kubectl's AGE column: 45 s, 12 min, 5 h 3 min, 389 days. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} days`;
}

/** "ns/name" for messages */
export function nn(o: ObjectRef | K8sObject): string {
  const r = toRef(o);
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}
