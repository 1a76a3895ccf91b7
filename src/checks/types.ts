// Findings are data. `id` is the catalog ID from diagnostics.md; the JSON contract of
// `kexplore check -o json` is built from these fields and must stay stable.
import type { Kind, ObjectRef } from '../model/types.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  id: string;
  severity: Severity;
  object: ObjectRef;
  message: string;
  hint: string;
  /** JSON paths of the fields to fix, e.g. ["spec.selector"]. */
  fields?: string[];
  /** Other objects the finding involves (backend Service, Secret, controller pods…). */
  related?: ObjectRef[];
  /** The hosts it concerns, when only some of the object's hosts (a certificate that misses one host). */
  hosts?: string[];
  /** Root-cause grouping (filled by the engine): key of the finding this one is a consequence of. */
  causedBy?: string;
  /** Stable key: id + object (+ discriminator). */
  key: string;
}

export interface SkippedCheck {
  id: string;
  reason: string;
  needs: Kind[];
}

export interface CheckContext {
  /** Evaluation time (ISO); checks never read the clock. */
  now: string;
  /** Grace period in ms for status written by controllers. */
  graceMs: number;
}

export type Verdict = 'ok' | 'broken' | 'unknown';

/** One hop of an entry point's path to ready pods. */
export interface Hop {
  /** short label: "Ingress class", "Service web:80", "targetPort 8080", "3/3 endpoints ready", "pod web-1 on node-a" */
  label: string;
  object?: ObjectRef;
  verdict: Verdict;
  detail: string;
  /** the field to fix when broken */
  field?: string;
  /** keys of findings that explain this hop */
  findings?: string[];
}

export type EntryKind = 'ingress' | 'httproute' | 'grpcroute' | 'nodeport' | 'loadbalancer' | 'externalip';

export interface EntryPath {
  /** human entry: "https://shop.example.com/api", "10.0.0.5:30080", "203.0.113.7:443" */
  entry: string;
  kind: EntryKind;
  from: ObjectRef;
  service?: ObjectRef;
  hops: Hop[];
  verdict: Verdict;
}

export interface RootCause {
  /** key of the root finding */
  root: string;
  /** keys of findings that follow from it */
  consequences: string[];
}

export interface Report {
  findings: Finding[];
  skipped: SkippedCheck[];
  rootCauses: RootCause[];
  paths: EntryPath[];
  summary: { error: number; warning: number; info: number; services: number; ingresses: number; httpRoutes: number; grpcRoutes: number };
}
