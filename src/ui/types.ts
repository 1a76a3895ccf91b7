// Types shared by the UI: the analysed snapshot, rows, probe targets and the runUi options.
import type { Finding, Report, EntryPath } from '../checks/types.js';
import type { DataSource } from '../cluster/source-types.js';
import type { ExposureGraph, ServiceGroup } from '../model/graph-types.js';
import type { AnyObject, ClusterSnapshot, ObjectRef } from '../model/types.js';
import type { Tone } from './theme.js';

/** Everything the views read, computed once per snapshot. */
export interface Analysis {
  snapshot: ClusterSnapshot;
  graph: ExposureGraph;
  report: Report;
  /** every object of the snapshot by refKey */
  objects: Map<string, AnyObject>;
  findingsByObject: Map<string, Finding[]>;
  findingByKey: Map<string, Finding>;
  /** findings of other objects that name this one in `related`, by refKey */
  relatedFindings: Map<string, Finding[]>;
  /** entry paths by the key of their Service and of their `from` object */
  pathsByObject: Map<string, EntryPath[]>;
  /** namespaces known to the snapshot (Namespace objects, else those of the objects), sorted */
  namespaces: string[];
}

export type Analyse = (s: ClusterSnapshot, graceMs: number) => { graph: ExposureGraph; report: Report };

/** What every list row carries: a stable id (selection follows it), an optional object to drill into. */
export interface RowMeta {
  id: string;
  /** refKey of the object Enter opens */
  target?: string;
  /** the finding the row shows (Problems): Enter opens its object at that finding */
  finding?: string;
  /** service-group heading rows: Enter/space collapses */
  group?: ServiceGroup;
  /** lines the row occupies (default 1) */
  height?: number;
  /** the cursor stops here (default: when the row has a target or a group) */
  selectable?: boolean;
}

export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
  /** wrapping moves it to the next line whole instead of breaking it at its spaces */
  nowrap?: boolean;
}

/** A generic row: indented segments (tree, problems, detail, pickers). */
export interface TextRow extends RowMeta {
  kind: 'text';
  depth: number;
  segments: Segment[];
  /** wrap to the terminal width instead of truncating; the value is the hanging indent of the continuation lines */
  wrap?: number;
}

/** A boxed table (detail: ports, listeners); height = 2·rows + 3. */
export interface TableRow extends RowMeta {
  kind: 'table';
  columns: string[];
  data: Record<string, string>[];
}

export type ViewRow = TextRow | TableRow;

export type ViewId = 'services' | 'routes' | 'problems';

export interface ProbeTarget {
  snapshot: ClusterSnapshot;
  /** the selected object */
  select: ObjectRef;
  key: string;
}

/** What a probe of one object said: lines for its detail, findings to join the analysis. */
export interface ProbeOutcome {
  lines: string[];
  /** probe findings (nodeport.unreachable, probe.*): they get root causes and change path verdicts */
  findings?: Finding[];
}

export type ProbeFn = (target: ProbeTarget) => Promise<ProbeOutcome>;

export interface UiError {
  message: string;
  hint?: string;
}

export interface RunUiOptions {
  /** absent when opening failed (then `error` says why) or when `open` opens it */
  source?: DataSource;
  /** opened after the first frame (a live cluster can take seconds): the screen says `label` meanwhile */
  open?: { label: string; run: () => Promise<DataSource> };
  error?: UiError;
  /** one-line notice shown until the first key (e.g. "no kubeconfig: showing the DEMO") */
  notice?: string;
  graceMs: number;
  onSwitchContext?: (ctx: string) => Promise<DataSource>;
  onOpenDemo?: () => Promise<DataSource>;
  /** the kubeconfig's contexts, for the picker when no source is open */
  kubeconfigContexts?: () => string[];
  /** re-open the source after a failure (retry on the error screen) */
  onRetry?: () => Promise<DataSource>;
  onProbe?: ProbeFn;
  initialView?: ViewId;
}

export type ProbeState = { status: 'running' } | { status: 'done'; lines: string[] } | { status: 'failed'; message: string };
