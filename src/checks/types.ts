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
