// UI state: one reducer, exhaustive over its actions. Rows are not state: they are derived
// from the snapshot (memoised), and actions that move the cursor carry the rows they move
// over. The cursor remembers the row id, so live updates keep the selection on the object.
import type { ServiceGroup } from '../model/graph-types.js';
import type { DetailMode } from './rows/detail.js';
import { indexOfId, moveCursor, scrollTop, type Cursor } from './cursor.js';
import type { Move } from './keymap.js';
import type { Tone } from './theme.js';
import type { RowMeta, ViewId } from './types.js';

export type { Cursor } from './cursor.js';

export type PickerKind = 'namespace' | 'context';

export type Screen =
  | { kind: 'list'; view: ViewId }
  | { kind: 'detail'; target: string; mode: DetailMode }
  | { kind: 'help' }
  | { kind: 'picker'; picker: PickerKind };

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
  /** the detail history of each view left with Tab, restored when Tab comes back to it */
  histories?: Readonly<Partial<Record<ViewId, readonly Screen[]>>>;
}

export type Action =
  | { type: 'move'; by: Move; rows: readonly RowMeta[]; viewport: number }
  | { type: 'select'; id: string; rows: readonly RowMeta[]; viewport: number; /** scroll it to the top of the screen (with one line above) */ atTop?: boolean }
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
  | { type: 'resetCursor' }
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

/** The selected index: the row with the remembered id, else the remembered index (clamped); -1 = none. */
export function selectedIndex(rows: readonly RowMeta[], c: Cursor): number {
  if (rows.length === 0) return -1;
  const i = indexOfId(rows, c.id);
  if (i >= 0) return i;
  return c.index < 0 ? -1 : Math.min(c.index, rows.length - 1);
}

function withCursor(s: UiState, rows: readonly RowMeta[], index: number, viewport: number, atTop = false): UiState {
  const key = screenId(currentScreen(s));
  if (rows.length === 0) return { ...s, cursors: { ...s.cursors, [key]: { index: -1, top: 0 } } };
  const i = Math.min(Math.max(0, index), rows.length - 1);
  const old = s.cursors[key] ?? NO_CURSOR;
  const top = scrollTop(rows, i, atTop ? Math.max(0, i - 1) : old.top, viewport);
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
      const key = screenId(currentScreen(s));
      return { ...s, cursors: { ...s.cursors, [key]: moveCursor(a.rows, cursorOf(s), a.by, a.viewport) } };
    }
    case 'select': {
      const i = indexOfId(a.rows, a.id);
      return i < 0 ? s : withCursor(s, a.rows, i, a.viewport, a.atTop === true);
    }
    case 'push': {
      const cur = currentScreen(s);
      if (screenId(cur) === screenId(a.screen)) return s;
      // a picker or help replaces another overlay instead of stacking them
      const base = cur.kind === 'help' || cur.kind === 'picker' ? s.stack.slice(0, -1) : s.stack;
      const stack = [...base, a.screen].slice(-30);
      // a fresh drill-in starts at the top, not where this screen was last left
      const cursors = { ...s.cursors };
      delete cursors[screenId(a.screen)];
      // a picker opens unfiltered: an old filter would hide entries without saying why
      const filters = { ...s.filters };
      if (a.screen.kind === 'picker') delete filters[screenId(a.screen)];
      return { ...s, stack, cursors, filters, input: undefined };
    }
    case 'back': {
      if (s.stack.length > 1) return { ...s, stack: s.stack.slice(0, -1) };
      // at the root, Esc clears the filter
      return filterOf(s) !== '' ? setFilter(s, '') : s;
    }
    case 'setView': {
      // a digit goes to the view's list: its Tab history is dropped
      const histories = { ...s.histories };
      delete histories[a.view];
      return { ...s, stack: [{ kind: 'list', view: a.view }], histories, input: undefined };
    }
    case 'nextView': {
      const from = rootView(s);
      const view = VIEWS[(VIEWS.indexOf(from) + 1) % VIEWS.length] ?? 'services';
      // Tab keeps the history of the view it leaves (without help or a picker on top) and restores the next one's
      const kept = s.stack.filter((x) => x.kind === 'list' || x.kind === 'detail');
      const histories = { ...s.histories, [from]: kept.length > 1 ? kept : undefined };
      const back = histories[view];
      delete histories[view];
      return { ...s, stack: back ?? [{ kind: 'list', view }], histories, input: undefined };
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
      // the YAML opened from an overview stacks on it, so Esc (or y) goes back to that overview
      if (cur.mode === 'overview') return { ...s, stack: [...s.stack, { ...cur, mode: 'yaml' as const }].slice(-30) };
      const prev = s.stack[s.stack.length - 2];
      if (prev?.kind === 'detail' && prev.target === cur.target && prev.mode === 'overview') return { ...s, stack: s.stack.slice(0, -1) };
      const flipped: Screen = { ...cur, mode: 'overview' };
      return { ...s, stack: [...s.stack.slice(0, -1), flipped] };
    }
    case 'flash':
      return { ...s, flash: { text: a.text, tone: a.tone } };
    case 'clearFlash':
      return s.flash ? { ...s, flash: undefined } : s;
    case 'resetCursor': {
      const cursors = { ...s.cursors };
      delete cursors[screenId(currentScreen(s))];
      return { ...s, cursors };
    }
    case 'reset':
      return initialState(a.view ?? rootView(s));
    default: {
      const never: never = a;
      return never;
    }
  }
}
