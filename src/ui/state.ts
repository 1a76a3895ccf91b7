// UI state: one reducer, exhaustive over its actions. Rows are not state: they are derived
// from the snapshot (memoised), and actions that move the cursor carry the rows they move
// over. The cursor remembers the row id, so live updates keep the selection on the object.
import type { ServiceGroup } from '../model/graph-types.js';
import type { DetailMode } from './rows/detail.js';
import type { Move } from './keymap.js';
import type { Tone } from './theme.js';
import type { RowMeta, ViewId } from './types.js';

export type PickerKind = 'namespace' | 'context';

export type Screen =
  | { kind: 'list'; view: ViewId }
  | { kind: 'detail'; target: string; mode: DetailMode }
  | { kind: 'help' }
  | { kind: 'picker'; picker: PickerKind };

export interface Cursor {
  /** id of the selected row: the selection follows it across updates */
  id?: string;
  /** fallback when the id disappears (object deleted, filtered out) */
  index: number;
  /** first visible row */
  top: number;
}

export interface InputLine {
  kind: 'filter' | 'command';
  text: string;
}

export interface UiState {
  /** navigation history; never empty, the first entry is a list view */
  stack: readonly Screen[];
  cursors: Readonly<Record<string, Cursor>>;
  /** `/` filter per screen id */
  filters: Readonly<Record<string, string>>;
  collapsed: readonly ServiceGroup[];
  /** namespace scope chosen in the UI; undefined = all namespaces in the snapshot */
  scope: string | undefined;
  input?: InputLine;
  flash?: { text: string; tone: Tone };
}

export type Action =
  | { type: 'move'; by: Move; rows: readonly RowMeta[]; viewport: number }
  | { type: 'select'; id: string; rows: readonly RowMeta[]; viewport: number }
  | { type: 'push'; screen: Screen }
  | { type: 'back' }
  | { type: 'setView'; view: ViewId }
  | { type: 'nextView' }
  | { type: 'toggleGroup'; group: ServiceGroup }
  | { type: 'inputStart'; kind: InputLine['kind'] }
  | { type: 'inputChar'; text: string }
  | { type: 'inputBackspace' }
  | { type: 'inputEnd'; keepFilter: boolean }
  | { type: 'setScope'; namespace: string | undefined }
  | { type: 'toggleYaml' }
  | { type: 'flash'; text: string; tone: Tone }
  | { type: 'clearFlash' }
  | { type: 'reset'; view?: ViewId };

export const VIEWS: readonly ViewId[] = ['services', 'routes', 'problems'];

export const VIEW_TITLES: Record<ViewId, string> = { services: 'Services', routes: 'Ingresses & Routes', problems: 'Problems' };

export function initialState(view: ViewId = 'services', flash?: { text: string; tone: Tone }): UiState {
  return { stack: [{ kind: 'list', view }], cursors: {}, filters: {}, collapsed: [], scope: undefined, ...(flash ? { flash } : {}) };
}

export function screenId(s: Screen): string {
  switch (s.kind) {
    case 'list':
      return `list:${s.view}`;
    case 'detail':
      return `detail:${s.target}:${s.mode}`;
    case 'help':
      return 'help';
    case 'picker':
      return `picker:${s.picker}`;
    default: {
      const never: never = s;
      return never;
    }
  }
}

export function currentScreen(s: UiState): Screen {
  return s.stack[s.stack.length - 1] ?? { kind: 'list', view: 'services' };
}

export function rootView(s: UiState): ViewId {
  const root = s.stack[0];
  return root?.kind === 'list' ? root.view : 'services';
}

export function filterOf(s: UiState, screen: Screen = currentScreen(s)): string {
  return s.filters[screenId(screen)] ?? '';
}

const NO_CURSOR: Cursor = { index: 0, top: 0 };

export function cursorOf(s: UiState, screen: Screen = currentScreen(s)): Cursor {
  return s.cursors[screenId(screen)] ?? NO_CURSOR;
}

const heightOf = (r: RowMeta | undefined): number => Math.max(1, r?.height ?? 1);

export function indexOfId(rows: readonly RowMeta[], id: string | undefined): number {
  if (id === undefined) return -1;
  for (let i = 0; i < rows.length; i++) if (rows[i]?.id === id) return i;
  return -1;
}

/** The selected index: the row with the remembered id, else the remembered index (clamped). */
export function selectedIndex(rows: readonly RowMeta[], c: Cursor): number {
  if (rows.length === 0) return 0;
  const i = indexOfId(rows, c.id);
  if (i >= 0) return i;
  return Math.min(Math.max(0, c.index), rows.length - 1);
}

/** First visible row so that `index` is visible and no space is wasted below the last row. O(viewport). */
export function scrollTop(rows: readonly RowMeta[], index: number, top: number, viewport: number): number {
  if (rows.length === 0) return 0;
  const vp = Math.max(1, viewport);
  let t = Math.min(Math.max(0, top), rows.length - 1);
  if (index < t) t = index;
  let h = 0;
  for (let i = index; i >= t; i--) {
    h += heightOf(rows[i]);
    if (h > vp) {
      t = Math.min(i + 1, index);
      break;
    }
  }
  // pull up when the rows below `t` no longer fill the viewport
  let fill = 0;
  let maxTop = rows.length;
  for (let i = rows.length - 1; i >= 0; i--) {
    fill += heightOf(rows[i]);
    if (fill > vp) break;
    maxTop = i;
  }
  return Math.min(t, Math.max(0, maxTop));
}

/** The rows visible from `top` in `viewport` lines (rendering touches only these). */
export function visibleRange(rows: readonly RowMeta[], top: number, viewport: number): { from: number; to: number } {
  let h = 0;
  let to = top;
  while (to < rows.length) {
    const rh = heightOf(rows[to]);
    if (h + rh > viewport && to > top) break;
    h += rh;
    to++;
  }
  return { from: top, to };
}

function moveIndex(by: Move, index: number, count: number, viewport: number): number {
  const page = Math.max(1, viewport - 1);
  switch (by) {
    case 'up':
      return index - 1;
    case 'down':
      return index + 1;
    case 'pageUp':
      return index - page;
    case 'pageDown':
      return index + page;
    case 'top':
      return 0;
    case 'bottom':
      return count - 1;
    default: {
      const never: never = by;
      return never;
    }
  }
}

function withCursor(s: UiState, rows: readonly RowMeta[], index: number, viewport: number): UiState {
  const key = screenId(currentScreen(s));
  if (rows.length === 0) return { ...s, cursors: { ...s.cursors, [key]: { index: 0, top: 0 } } };
  const i = Math.min(Math.max(0, index), rows.length - 1);
  const old = s.cursors[key] ?? NO_CURSOR;
  const top = scrollTop(rows, i, old.top, viewport);
  const id = rows[i]?.id;
  return { ...s, cursors: { ...s.cursors, [key]: { ...(id !== undefined ? { id } : {}), index: i, top } } };
}

function setFilter(s: UiState, text: string): UiState {
  const key = screenId(currentScreen(s));
  const filters = { ...s.filters };
  if (text === '') delete filters[key];
  else filters[key] = text;
  return { ...s, filters };
}

export function reducer(s: UiState, a: Action): UiState {
  switch (a.type) {
    case 'move': {
      const i = selectedIndex(a.rows, cursorOf(s));
      return withCursor(s, a.rows, moveIndex(a.by, i, a.rows.length, a.viewport), a.viewport);
    }
    case 'select': {
      const i = indexOfId(a.rows, a.id);
      return i < 0 ? s : withCursor(s, a.rows, i, a.viewport);
    }
    case 'push': {
      const cur = currentScreen(s);
      if (screenId(cur) === screenId(a.screen)) return s;
      // a picker or help replaces another overlay instead of stacking them
      const base = cur.kind === 'help' || cur.kind === 'picker' ? s.stack.slice(0, -1) : s.stack;
      const stack = [...base, a.screen].slice(-30);
      return { ...s, stack, input: undefined };
    }
    case 'back': {
      if (s.stack.length > 1) return { ...s, stack: s.stack.slice(0, -1) };
      // at the root, Esc clears the filter
      return filterOf(s) !== '' ? setFilter(s, '') : s;
    }
    case 'setView':
      return { ...s, stack: [{ kind: 'list', view: a.view }], input: undefined };
    case 'nextView': {
      const i = VIEWS.indexOf(rootView(s));
      const view = VIEWS[(i + 1) % VIEWS.length] ?? 'services';
      return { ...s, stack: [{ kind: 'list', view }], input: undefined };
    }
    case 'toggleGroup': {
      const collapsed = s.collapsed.includes(a.group) ? s.collapsed.filter((g) => g !== a.group) : [...s.collapsed, a.group];
      return { ...s, collapsed };
    }
    case 'inputStart': {
      const text = a.kind === 'filter' ? filterOf(s) : '';
      return { ...s, input: { kind: a.kind, text }, flash: undefined };
    }
    case 'inputChar': {
      if (!s.input) return s;
      const input = { ...s.input, text: s.input.text + a.text };
      const next = { ...s, input };
      return input.kind === 'filter' ? setFilter(next, input.text) : next;
    }
    case 'inputBackspace': {
      if (!s.input) return s;
      const input = { ...s.input, text: [...s.input.text].slice(0, -1).join('') };
      const next = { ...s, input };
      return input.kind === 'filter' ? setFilter(next, input.text) : next;
    }
    case 'inputEnd': {
      if (!s.input) return s;
      const closed: UiState = { ...s, input: undefined };
      return s.input.kind === 'filter' && !a.keepFilter ? setFilter(closed, '') : closed;
    }
    case 'setScope':
      return { ...s, scope: a.namespace };
    case 'toggleYaml': {
      const cur = currentScreen(s);
      if (cur.kind !== 'detail') return s;
      const flipped: Screen = { ...cur, mode: cur.mode === 'yaml' ? 'overview' : 'yaml' };
      return { ...s, stack: [...s.stack.slice(0, -1), flipped] };
    }
    case 'flash':
      return { ...s, flash: { text: a.text, tone: a.tone } };
    case 'clearFlash':
      return s.flash ? { ...s, flash: undefined } : s;
    case 'reset':
      return initialState(a.view ?? rootView(s));
    default: {
      const never: never = a;
      return never;
    }
  }
}
