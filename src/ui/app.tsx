// The application: subscribes to the DataSource, derives graph + report once per snapshot,
// derives the rows of the current screen, and routes every key through keyToCommand.
import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactElement } from 'react';
import { mergeProbeFindings, runChecks } from '../checks/engine.js';
import type { Finding } from '../checks/types.js';
import type { DataSource } from '../cluster/source-types.js';
import { buildGraph } from '../model/graph.js';
import { isVisible } from '../model/snapshot.js';
import { sanitize } from '../model/sanitize.js';
import type { ClusterSnapshot } from '../model/types.js';
import { analyseWith, scopedFindings } from './analysis.js';
import { ErrorScreen, type ErrorAction } from './components/error-screen.js';
import { Footer } from './components/footer.js';
import { ContextOverlay, ScreenBody } from './components/screen-body.js';
import { Header } from './components/header.js';
import { resolveCursor, selectable } from './cursor.js';
import { keyToCommand, parseCommandLine, splitKeys, type Command, type Mode } from './keymap.js';
import { detailRows, findingRowId, parseKey, probeable, type Probing } from './rows/detail.js';
import { problemRows } from './rows/problems.js';
import { precomputeRoutes, routeRows } from './rows/routes.js';
import { ALL_NAMESPACES, contextRows, helpRows, namespaceRows } from './rows/screens.js';
import { precomputeServices, serviceRows, type ServiceListRow } from './rows/services.js';
import { kindNotVisible, nothingVisibleRows, servicesForbidden } from './rows/visibility.js';
import { expandWrapped } from './rows/wrap.js';
import {
  VIEW_TITLES,
  currentScreen,
  cursorOf,
  filterOf,
  initialState,
  reducer,
  rootView,
  screenId,
  type Action,
  type Screen,
  type UiState,
} from './state.js';
import { toneProps } from './theme.js';
import { textWidth } from './text.js';
import type { Analyse, Analysis, ProbeState, RowMeta, RunUiOptions, UiError, ViewRow } from './types.js';

export const defaultAnalyse: Analyse = (s, graceMs) => {
  const graph = buildGraph(s);
  return { graph, report: runChecks(s, graph, { now: s.takenAt, graceMs }) };
};

export interface AppProps extends RunUiOptions {
  /** graph + report builder (tests inject hand-made ones) */
  analyse?: Analyse;
}

/** header (2) + view title (1) + footer (1) */
const CHROME = 4;

export function toUiError(err: unknown): UiError {
  if (err instanceof Error) {
    const hint = (err as Error & { hint?: unknown }).hint;
    return { message: err.message, ...(typeof hint === 'string' ? { hint } : {}) };
  }
  return { message: String(err) };
}

type SnapRead = { source: DataSource | undefined; snapshot?: ClusterSnapshot; error?: UiError };

function readSource(source: DataSource | undefined): SnapRead {
  if (!source) return { source };
  try {
    return { source, snapshot: source.current() };
  } catch (err) {
    return { source, error: toUiError(err) };
  }
}

/** The latest snapshot the source pushed (the source throttles). */
function useSnapshot(source: DataSource | undefined): SnapRead {
  const [read, setRead] = useState<SnapRead>(() => readSource(source));
  let current = read;
  if (read.source !== source) {
    // a new source (context switch): read it during render instead of syncing in an effect
    current = readSource(source);
    setRead(current);
  }
  const seen = current.snapshot;
  useEffect(() => {
    if (!source) return undefined;
    const unsubscribe = source.subscribe((snapshot) => setRead({ source, snapshot }));
    // an update between the first read and the subscription
    const latest = readSource(source);
    if (latest.snapshot !== seen) setRead(latest);
    return unsubscribe;
    // `seen` only matters at subscription time
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source]);
  return current;
}

/** Footer hints for keys that do nothing on this screen (help has nothing to open, filter or probe). */
function footerOmit(screen: Screen, noProbe: boolean): string[] {
  const omit = noProbe ? ['p'] : [];
  switch (screen.kind) {
    case 'help':
      return ['Enter', '/', 'p', 'y', '?'];
    case 'detail':
      // the YAML has no line that leads somewhere: Enter does nothing there
      return screen.mode === 'yaml' ? [...omit, '/', 'Enter'] : [...omit, '/'];
    case 'picker':
      return ['p', 'y'];
    case 'list':
      return omit;
    default: {
      const never: never = screen;
      return never;
    }
  }
}

function crumb(s: Screen): string {
  switch (s.kind) {
    case 'list':
      return VIEW_TITLES[s.view];
    case 'detail': {
      const r = parseKey(s.target);
      const label = `${r.kind} ${r.namespace ? `${sanitize(r.namespace)}/` : ''}${sanitize(r.name)}`;
      return s.mode === 'yaml' ? `${label} (YAML)` : label;
    }
    case 'help':
      return 'Help';
    case 'picker':
      return s.picker === 'namespace' ? 'Namespaces' : 'Contexts';
    default: {
      const never: never = s;
      return never;
    }
  }
}

export function App(props: AppProps): ReactElement {
  const { graceMs, onSwitchContext, onOpenDemo, onRetry, onProbe } = props;
  const analyse = props.analyse ?? defaultAnalyse;
  const { exit } = useApp();
  const { columns, rows: termRows } = useWindowSize();
  const width = Math.max(20, columns);
  const height = Math.max(6, termRows);

  const [source, setSource] = useState<DataSource | undefined>(props.source);
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const [failure, setFailure] = useState<UiError | undefined>(props.error);
  const [busy, setBusy] = useState<string | undefined>(!props.source && !props.error ? props.open?.label : undefined);
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const [probes, setProbes] = useState<ReadonlyMap<string, ProbeState>>(() => new Map());
  // findings of the last probe of each object: they join the analysis like `check --probe`
  const [probeFound, setProbeFound] = useState<ReadonlyMap<string, readonly Finding[]>>(() => new Map());
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(props.initialView, props.notice ? { text: props.notice, tone: 'warning' } : undefined));
  // The keypress path reads the state through this ref, updated as each action is applied,
  // so keys that arrive before React re-renders (a paste, a fast typist) see their predecessors.
  const stateRef = useRef<UiState>(state);
  // a message longer than the line takes a second footer line instead of being cut
  const footerLines = state.flash && !state.input && textWidth(state.flash.text) > width ? 2 : 1;
  const viewport = Math.max(1, height - CHROME - (footerLines - 1));
  const apply = useCallback((a: Action) => {
    stateRef.current = reducer(stateRef.current, a);
    dispatch(a);
  }, []);

  const mounted = useRef(true);
  /** the working source's context (or true without one); false when nothing works */
  const workingRef = useRef<string | boolean>(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // sources the UI opened itself (context switch, demo, retry) are closed here; the caller closes its own
      const s = sourceRef.current;
      if (s && s !== props.source) void s.close().catch(() => undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const read = useSnapshot(source);
  const snapshot = read.snapshot;

  // `:ns X` chooses what is shown, not what is analysed: a controller, a ReferenceGrant or a Gateway's
  // proxies in another namespace still decide the verdicts (`check -n X` on a dump does the same)
  const probed = useMemo((): Analyse => {
    const extra = [...probeFound.values()].flat();
    if (extra.length === 0) return analyse;
    return (s, g) => {
      const r = analyse(s, g);
      return { graph: r.graph, report: mergeProbeFindings(s, r.graph, r.report, extra) };
    };
  }, [analyse, probeFound]);
  const analysed = useMemo((): { analysis?: Analysis; error?: UiError } => {
    if (!snapshot) return {};
    try {
      return { analysis: analyseWith(probed, snapshot, graceMs) };
    } catch (err) {
      const e = toUiError(err);
      return { error: { message: `internal error while analysing the snapshot: ${e.message}`, hint: 'press r to retry, or report this with `kexplore snapshot` output' } };
    }
  }, [snapshot, probed, graceMs]);
  const analysis = analysed.analysis;

  // another source (a context switch, the demo) is another cluster: what was probed is not about it
  useEffect(() => {
    setProbes((m) => (m.size === 0 ? m : new Map()));
    setProbeFound((m) => (m.size === 0 ? m : new Map()));
  }, [source]);

  const servicesPre = useMemo(() => (analysis ? precomputeServices(analysis) : undefined), [analysis]);
  const routeBlocks = useMemo(() => (analysis ? precomputeRoutes(analysis) : undefined), [analysis]);

  const contexts = useMemo((): string[] => {
    try {
      return source?.contexts?.() ?? props.kubeconfigContexts?.() ?? [];
    } catch {
      return [];
    }
  }, [source]);

  // the DEMO's addresses are examples: probing it would only say so
  const probing: Probing = !onProbe ? 'unavailable' : snapshot?.source.type === 'demo' ? 'demo' : 'available';

  // Rows of a screen, cached by everything they depend on (one entry: the current screen).
  const rowsCache = useRef<{ key: string; analysis: Analysis | undefined; probes: ReadonlyMap<string, ProbeState>; rows: readonly ViewRow[] | readonly ServiceListRow[] } | undefined>(undefined);
  const rowsFor = useCallback(
    (s: UiState): readonly RowMeta[] => {
      const screen = currentScreen(s);
      const filter = filterOf(s, screen);
      const key = JSON.stringify([screenId(screen), filter, s.scope ?? null, s.collapsed, width]);
      const c = rowsCache.current;
      if (c && c.key === key && c.analysis === analysis && c.probes === probes) return c.rows;
      let rows: readonly ViewRow[] | readonly ServiceListRow[] = [];
      const scope = s.scope !== undefined ? { scope: s.scope } : {};
      switch (screen.kind) {
        case 'list':
          if (!analysis) break;
          switch (screen.view) {
            case 'services':
              // Services forbidden: nothing was checked; say so instead of an empty table
              if (snapshot && servicesForbidden(snapshot)) rows = nothingVisibleRows(snapshot);
              else rows = servicesPre ? serviceRows(servicesPre, { ...scope, filter, collapsed: s.collapsed }) : [];
              break;
            case 'routes':
              // a kind the viewer may not read is said, not left out (no "0 HTTPRoutes")
              rows = [
                ...(snapshot ? [kindNotVisible(snapshot, 'Ingress', 'Ingresses'), kindNotVisible(snapshot, 'HTTPRoute', 'HTTPRoutes'), kindNotVisible(snapshot, 'GRPCRoute', 'GRPCRoutes')].filter((r) => r !== undefined) : []),
                ...(routeBlocks ? routeRows(routeBlocks, { ...scope, filter }) : []),
              ];
              break;
            case 'problems':
              rows = problemRows(analysis, { ...scope, filter, ...(snapshot && servicesForbidden(snapshot) ? { blind: nothingVisibleRows(snapshot) } : {}) });
              break;
            default: {
              const never: never = screen.view;
              return never;
            }
          }
          break;
        case 'detail':
          rows = analysis ? detailRows(analysis, screen.target, screen.mode, probes.get(screen.target), probing) : [];
          break;
        case 'help':
          rows = helpRows();
          break;
        case 'picker':
          rows = screen.picker === 'namespace' ? namespaceRows(analysis?.namespaces ?? [], s.scope, filter) : contextRows(contexts, snapshot?.source.context, filter);
          break;
        default: {
          const never: never = screen;
          return never;
        }
      }
      // rows that must be read whole (messages, hops) wrap to this width
      if (!(screen.kind === 'list' && screen.view === 'services') || (snapshot && servicesForbidden(snapshot))) rows = expandWrapped(rows as readonly ViewRow[], width);
      rowsCache.current = { key, analysis, probes, rows };
      return rows;
    },
    [analysis, servicesPre, routeBlocks, probes, probing, contexts, snapshot, width],
  );

  const flash = useCallback((text: string, tone: 'error' | 'warning' | 'info' | 'ok') => apply({ type: 'flash', text, tone }), [apply]);

  /** Replace the data source (context switch, demo, retry): the UI state is rebuilt. */
  const replaceSource = useCallback(
    (label: string, open: () => Promise<DataSource>, keepWorking = false, initial = false) => {
      setBusy(label);
      void open().then(
        (next) => {
          if (!mounted.current) {
            void next.close().catch(() => undefined);
            return;
          }
          const old = sourceRef.current;
          setSource(next);
          setFailure(undefined);
          setBusy(undefined);
          setProbes(new Map());
          apply({ type: 'reset' });
          if (old && old !== next && old !== props.source) void old.close().catch(() => undefined);
        },
        (err: unknown) => {
          if (!mounted.current) return;
          setBusy(undefined);
          const e = toUiError(err);
          // a working UI stays (its source, scope, cursor): the failed switch is one line; the error screen is for no working source
          if (keepWorking && workingRef.current !== false) {
            const still = workingRef.current;
            apply({ type: 'flash', text: `${label.replace(/…$/, '')} failed: ${sanitize(e.message)}${typeof still === 'string' ? ` (still on ${sanitize(still)})` : ''}`, tone: 'error' });
            return;
          }
          setFailure(e);
          // the error screen may look as before (same message): say that this attempt failed
          if (!initial) apply({ type: 'flash', text: `${label.replace(/…$/, '')} failed: ${sanitize(e.message)}`, tone: 'error' });
        },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [apply],
  );

  // the first source of a live cluster opens after the first frame, which says "connecting…" meanwhile
  useEffect(() => {
    if (props.open && !props.source && !props.error) replaceSource(props.open.label, props.open.run, false, true);
    // once, at mount
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const selection = (s: UiState): { row: RowMeta | undefined; target: string | undefined } => {
    const rows = rowsFor(s);
    const screen = currentScreen(s);
    const row = rows[resolveCursor(rows, cursorOf(s), viewport).index];
    if (screen.kind === 'detail') return { row, target: row?.target ?? screen.target };
    return { row, target: row?.target };
  };

  /** A picker opens with the cursor on the current (●) entry. */
  const selectCurrent = (id: string, atTop = false): void => {
    const rows = rowsFor(stateRef.current);
    if (rows.some((r) => r.id === id)) apply({ type: 'select', id, rows, viewport, atTop });
  };

  const runProbe = (target: string): void => {
    if (!onProbe || !snapshot) {
      flash('probing is not available here', 'warning');
      return;
    }
    setProbes((m) => new Map(m).set(target, { status: 'running' }));
    void onProbe({ snapshot, select: parseKey(target), key: target }).then(
      (outcome) => {
        if (!mounted.current) return;
        setProbes((m) => new Map(m).set(target, { status: 'done', lines: outcome.lines }));
        setProbeFound((m) => new Map(m).set(target, outcome.findings ?? []));
      },
      (err: unknown) => {
        if (mounted.current) setProbes((m) => new Map(m).set(target, { status: 'failed', message: toUiError(err).message }));
      },
    );
  };

  /** Why there is no other context to switch to (the DEMO, a snapshot file), or undefined. */
  const fixedSourceNote = (): string | undefined => {
    const type = snapshot?.source.type;
    if (type === 'demo') return 'the DEMO has no other contexts: run kexplore --context NAME against your kubeconfig';
    if (type === 'snapshot') return 'a snapshot file has no other contexts: run kexplore --context NAME against your kubeconfig';
    return undefined;
  };

  /** Context switching is impossible here (demo, snapshot file, or no switcher): say why, once. */
  const contextSwitchBlocked = (): boolean => {
    const note = fixedSourceNote() ?? (onSwitchContext ? undefined : 'switching contexts is not available for this source');
    if (note) flash(note, 'warning');
    return note !== undefined;
  };

  const execute = (cmd: Command): void => {
    const s = stateRef.current;
    const screen = currentScreen(s);
    switch (cmd.type) {
      case 'move':
        apply({ type: 'move', by: cmd.by, rows: rowsFor(s), viewport });
        return;
      case 'enter': {
        const { row } = selection(s);
        if (!row) return;
        if (screen.kind === 'picker') {
          if (screen.picker === 'namespace') {
            const ns = row.id.slice('ns:'.length);
            apply({ type: 'back' });
            execute({ type: 'setNamespace', namespace: ns === ALL_NAMESPACES ? undefined : ns });
          } else if (row.id.startsWith('ctx:') && row.id !== 'ctx:none') {
            apply({ type: 'back' });
            execute({ type: 'switchContext', context: row.id.slice('ctx:'.length) });
          }
          return;
        }
        if (row.group !== undefined) apply({ type: 'toggleGroup', group: row.group });
        else if (row.target !== undefined) {
          apply({ type: 'push', screen: { kind: 'detail', target: row.target, mode: 'overview' } });
          // from Problems, the detail opens on that finding (its message, hint and field), not at the top
          if (row.finding !== undefined) selectCurrent(findingRowId(row.finding), true);
        }
        return;
      }
      case 'toggleGroup': {
        const { row } = selection(s);
        if (row?.group !== undefined) apply({ type: 'toggleGroup', group: row.group });
        return;
      }
      case 'back':
        apply({ type: 'back' });
        return;
      case 'nextView':
        apply({ type: 'nextView' });
        return;
      case 'view':
        apply({ type: 'setView', view: cmd.view });
        return;
      case 'detail': {
        // "detail of the selection": in a detail too, the selected ❯ line's object
        const { target } = selection(s);
        if (target && !(screen.kind === 'detail' && screen.target === target && screen.mode === 'overview')) apply({ type: 'push', screen: { kind: 'detail', target, mode: 'overview' } });
        else if (screen.kind === 'detail') flash('this is the detail of the selection: move to a line marked ❯ to open another object', 'info');
        else flash('select an object first', 'info');
        return;
      }
      case 'filter':
        if (screen.kind === 'list' || screen.kind === 'picker') apply({ type: 'inputStart', kind: 'filter' });
        else flash('the filter works in lists and pickers', 'info');
        return;
      case 'commandLine':
        apply({ type: 'inputStart', kind: 'command' });
        return;
      case 'help':
        apply({ type: 'push', screen: { kind: 'help' } });
        return;
      case 'probe': {
        const target = screen.kind === 'detail' ? screen.target : selection(s).target;
        if (!target) {
          flash('select an object to probe', 'info');
          return;
        }
        if (probing === 'demo') {
          flash('probes need a real cluster: the DEMO\'s addresses are examples', 'info');
          return;
        }
        if (!probeable(target)) {
          flash(`nothing to probe on a ${parseKey(target).kind}: probes run on Services and Ingresses`, 'info');
          return;
        }
        // the result is shown under the object's title: open the detail at its top
        if (screen.kind !== 'detail' || screen.target !== target) apply({ type: 'push', screen: { kind: 'detail', target, mode: 'overview' } });
        else apply({ type: 'resetCursor' });
        runProbe(target);
        return;
      }
      case 'yaml': {
        if (screen.kind === 'detail') {
          apply({ type: 'toggleYaml' });
          return;
        }
        const { target } = selection(s);
        if (target) apply({ type: 'push', screen: { kind: 'detail', target, mode: 'yaml' } });
        return;
      }
      case 'refresh': {
        const src = sourceRef.current;
        if (!src) {
          execute({ type: 'retry' });
          return;
        }
        flash('refreshing…', 'info');
        void src.refresh().then(
          () => {
            if (mounted.current) flash('refreshed', 'ok');
          },
          (err: unknown) => {
            if (mounted.current) flash(`refresh failed: ${toUiError(err).message}`, 'error');
          },
        );
        return;
      }
      case 'quit':
        // q in the help screen closes it, like Esc: a reader of the help is not done with the app
        if (screen.kind === 'help' && cmd.now !== true) {
          apply({ type: 'back' });
          return;
        }
        exit();
        return;
      case 'pickNamespace':
        apply({ type: 'push', screen: { kind: 'picker', picker: 'namespace' } });
        selectCurrent(`ns:${stateRef.current.scope ?? ALL_NAMESPACES}`);
        return;
      case 'pickContext':
        if (contextSwitchBlocked()) return;
        apply({ type: 'push', screen: { kind: 'picker', picker: 'context' } });
        selectCurrent(`ctx:${snapshot?.source.context ?? ''}`);
        return;
      case 'setNamespace':
        if (cmd.namespace !== undefined && analysis && !analysis.namespaces.includes(cmd.namespace) && isVisible(analysis.snapshot, 'Namespace')) {
          flash(`no namespace "${sanitize(cmd.namespace)}" here (n lists the namespaces); nothing changed`, 'error');
          return;
        }
        apply({ type: 'setScope', namespace: cmd.namespace });
        flash(cmd.namespace === undefined ? 'showing all namespaces' : `namespace ${cmd.namespace}`, 'info');
        return;
      case 'switchContext':
        // the demo and snapshot files have one context: reopening them would only lose the scope, filter and cursor
        if (contextSwitchBlocked() || !onSwitchContext) return;
        replaceSource(`connecting to context ${cmd.context}…`, () => onSwitchContext(cmd.context), true);
        return;
      case 'openDemo':
        if (!onOpenDemo) {
          flash('the demo is not available here', 'warning');
          return;
        }
        replaceSource('opening the DEMO cluster…', onOpenDemo, true);
        return;
      case 'retry':
        if (onRetry) replaceSource('retrying…', onRetry);
        else if (sourceRef.current) {
          const src = sourceRef.current;
          setFailure(undefined);
          replaceSource('retrying…', () => src.refresh().then(() => src));
        } else flash('nothing to retry: pick a context (c) or open the demo (d)', 'warning');
        return;
      case 'inputChar':
        apply({ type: 'inputChar', text: cmd.text });
        return;
      case 'inputBackspace':
        apply({ type: 'inputBackspace' });
        return;
      case 'inputSubmit': {
        const line = s.input;
        apply({ type: 'inputEnd', keepFilter: true });
        if (line?.kind === 'command') execute(parseCommandLine(line.text));
        if (line?.kind === 'filter') {
          // land on the first matching object, not on a group heading
          const rows = rowsFor(s);
          // in a picker: the first matching entry (the "all namespaces" line is always listed)
          const picker = currentScreen(s).kind === 'picker';
          const first = rows.find((r) => r.target !== undefined || (picker && r.selectable === true && r.id !== `ns:${ALL_NAMESPACES}`));
          if (first) apply({ type: 'select', id: first.id, rows, viewport });
        }
        return;
      }
      case 'inputCancel':
        apply({ type: 'inputEnd', keepFilter: false });
        return;
      case 'invalid':
        flash(cmd.message, 'error');
        return;
      default: {
        const never: never = cmd;
        return never;
      }
    }
  };

  const failed = failure ?? read.error ?? analysed.error;
  const noData = !failed && !busy && !snapshot;
  // a source that shows something: a failed context switch keeps it
  workingRef.current = !failed && snapshot !== undefined && analysis !== undefined ? (snapshot.source.context ?? true) : false;

  useInput((chunk, chunkKey) => {
    for (const { input, key } of splitKeys(chunk, chunkKey, stateRef.current.input !== undefined)) {
      const s = stateRef.current;
      // the context picker also works from the error screen
      const mode: Mode = s.input ? 'input' : (failed || noData) && currentScreen(s).kind !== 'picker' ? 'error' : 'normal';
      const cmd = keyToCommand(input, key, mode);
      if (!cmd) continue;
      // while a source opens there is nothing to move through: only quitting works
      if (busyRef.current !== undefined && cmd.type !== 'quit') continue;
      if (s.flash && cmd.type !== 'inputChar') apply({ type: 'clearFlash' });
      execute(cmd);
    }
  });

  // ------------------------------------------------------------------ render
  if (busy) {
    return (
      <Box width={width} height={height} flexDirection="column" justifyContent="center" alignItems="center">
        <Text {...toneProps('info')}>{busy}</Text>
        <Text {...toneProps('muted')}>q quit</Text>
      </Box>
    );
  }
  if (failed || noData || !analysis || !snapshot) {
    const err = failed ?? { message: 'No data source was opened.', hint: 'pick a context with c, type :ctx NAME, or open the demo with d' };
    const actions: ErrorAction[] = [
      ...(onRetry || source ? [{ key: 'r', label: 'retry' }] : []),
      ...(onSwitchContext ? [{ key: 'c', label: contexts.length > 0 ? 'pick another context' : 'switch context (:ctx NAME)' }] : []),
      ...(onOpenDemo ? [{ key: 'd', label: 'open the built-in DEMO cluster' }] : []),
      { key: ':', label: 'command line (:ctx NAME, :demo, :q)' },
      { key: 'q', label: 'quit' },
    ];
    const screen = currentScreen(state);
    if (screen.kind === 'picker' && screen.picker === 'context') {
      // the context picker also works from the error screen
      return <ContextOverlay state={state} rows={rowsFor(state)} width={width} height={height} viewport={viewport} />;
    }
    return <ErrorScreen message={err.message} {...(err.hint ? { hint: err.hint } : {})} actions={actions} width={width} height={height} {...(state.input?.kind === 'command' ? { input: state.input.text } : {})} {...(state.flash ? { flash: state.flash } : {})} />;
  }

  const screen = currentScreen(state);
  const rows = rowsFor(state);
  const { index, top } = resolveCursor(rows, cursorOf(state), viewport);
  const blind = servicesForbidden(snapshot);
  // counts while connecting are provisional (they change as the lists arrive); with Services forbidden they say nothing
  const countsNote = snapshot.source.type === 'live' && snapshot.source.state === 'connecting' ? '…' : blind ? '? nothing visible' : undefined;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of scopedFindings(analysis, state.scope)) counts[f.severity]++;
  // the YAML stacked on its own overview is just "YAML" after it
  const crumbs = state.stack.map((sc, i) => {
    const prev = state.stack[i - 1];
    return sc.kind === 'detail' && sc.mode === 'yaml' && prev?.kind === 'detail' && prev.target === sc.target ? 'YAML' : crumb(sc);
  });
  const filter = filterOf(state);
  // the counter counts what the cursor stops on; a text to scroll (help, YAML) counts lines; an empty list is 0/0.
  // Scrolling a detail with no ❯ line in view selects nothing: the counter then says which line is at the top
  // (it used to stay on "1/N" until a link came into view, as if the keys did nothing).
  const nav = (rows as readonly RowMeta[]).filter(selectable);
  const at = index >= 0 ? (rows as readonly RowMeta[]).slice(0, index + 1).filter(selectable).length : 0;
  const position =
    nav.length > 0
      ? at > 0
        ? `${at}/${nav.length}`
        : `line ${top + 1}/${rows.length}`
      : rows.length === 0 || screen.kind === 'list' || screen.kind === 'picker'
        ? '0/0'
        : `${top + 1}/${rows.length}`;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header source={snapshot.source} scope={state.scope ?? snapshot.namespace} counts={counts} {...(countsNote !== undefined ? { countsNote } : {})} view={rootView(state)} detail={screen.kind === 'detail'} crumbs={crumbs} width={width} />
      {/* the body gives way when something is too tall: the header and tab bar always stay */}
      <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
        <ScreenBody screen={screen} rows={rows} index={index} top={top} viewport={viewport} width={width} filter={filter} scoped={(state.scope ?? snapshot.namespace) !== undefined} blind={blind} canProbe={screen.kind === 'detail' && probing === 'available' && probeable(screen.target)} />
      </Box>
      <Box flexShrink={0}>
        <Footer {...(state.input ? { input: state.input } : {})} {...(state.flash ? { flash: state.flash } : {})} filter={filter} position={position} width={width} omit={footerOmit(screen, snapshot.source.type === 'demo' || (screen.kind === 'detail' && !probeable(screen.target)))} relabel={screen.kind === 'detail' && screen.mode === 'yaml' ? { y: 'overview' } : {}} />
      </Box>
    </Box>
  );
}
