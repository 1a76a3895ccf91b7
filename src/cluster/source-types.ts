// What every front end consumes: a source of ClusterSnapshots (live API, snapshot files
// or the embedded demo). Type-only, so UI code can depend on it without client-node.
import type { ClusterSnapshot } from '../model/types.js';

export interface SourceOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  /** snapshot files or directories (offline) */
  snapshots?: string[];
  demo?: boolean;
  /** request timeout for API calls, ms */
  timeoutMs?: number;
}

export interface DataSource {
  /** "live", "snapshot", "demo" */
  readonly type: ClusterSnapshot['source']['type'];
  /** the latest snapshot; always defined once open() resolved */
  current(): ClusterSnapshot;
  /** called (throttled by the source) whenever the snapshot changes; returns unsubscribe */
  subscribe(listener: (s: ClusterSnapshot) => void): () => void;
  /** re-read everything (relist for live sources, reload files offline) */
  refresh(): Promise<void>;
  /** stop watches and timers */
  close(): Promise<void>;
  /** contexts of the kubeconfig (live only) */
  contexts?(): string[];
}

/** A user-facing failure: one line, what failed and what to do. Exit code 2 in the CLI. */
export class UserError extends Error {
  constructor(message: string, readonly hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}
