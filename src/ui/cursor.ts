// Cursor movement over rows of which only some lead somewhere (a link, a group to fold, a
// picker entry). The cursor stops only on those; the lines between them (headings, blank
// lines, wrapped text, tables) scroll past. Like a text browser: ↓ selects the next link
// when reaching it skips no line unseen, and otherwise scrolls one line; when no link is in
// view nothing is selected (index -1). Pure functions of (rows, cursor, viewport).
import type { Move } from './keymap.js';
import type { RowMeta } from './types.js';

export interface Cursor {
  /** id of the selected row: the selection follows it across updates */
  id?: string;
  /** fallback when the id disappears (object deleted, filtered out); -1 = nothing selected */
  index: number;
  /** first visible row */
  top: number;
}

/** Rows the cursor stops on: they open something, fold a group, or are a picker entry. */
export function selectable(r: RowMeta | undefined): boolean {
  return r !== undefined && (r.selectable ?? (r.target !== undefined || r.group !== undefined));
}

const heightOf = (r: RowMeta | undefined): number => Math.max(1, r?.height ?? 1);

export function indexOfId(rows: readonly RowMeta[], id: string | undefined): number {
  if (id === undefined) return -1;
  for (let i = 0; i < rows.length; i++) if (rows[i]?.id === id) return i;
  return -1;
}

/** The largest first row that still fills the viewport (no empty space below the last row). */
export function maxTop(rows: readonly RowMeta[], viewport: number): number {
  let fill = 0;
  let t = rows.length;
  for (let i = rows.length - 1; i >= 0; i--) {
    fill += heightOf(rows[i]);
    if (fill > Math.max(1, viewport)) break;
    t = i;
  }
  return Math.max(0, Math.min(t, rows.length - 1));
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

/** First visible row so that `index` is visible and no space is wasted below the last row. O(viewport). */
export function scrollTop(rows: readonly RowMeta[], index: number, top: number, viewport: number): number {
  if (rows.length === 0) return 0;
  const vp = Math.max(1, viewport);
  let t = Math.min(Math.max(0, top), rows.length - 1);
  if (index >= 0) {
    if (index < t) t = index;
    let h = 0;
    for (let i = index; i >= t; i--) {
      h += heightOf(rows[i]);
      if (h > vp) {
        t = Math.min(i + 1, index);
        break;
      }
    }
  }
  return Math.min(t, maxTop(rows, vp));
}

function lastVisible(rows: readonly RowMeta[], top: number, viewport: number): number {
  return visibleRange(rows, top, viewport).to - 1;
}

function firstSelectable(rows: readonly RowMeta[], from: number, to: number): number {
  for (let i = Math.max(0, from); i <= to && i < rows.length; i++) if (selectable(rows[i])) return i;
  return -1;
}

function lastSelectable(rows: readonly RowMeta[], from: number, to: number): number {
  for (let i = Math.min(to, rows.length - 1); i >= from && i >= 0; i--) if (selectable(rows[i])) return i;
  return -1;
}

/** In view from `top`: `prefer` if it is selectable and visible, else the selectable row nearest to it (at or after first). */
function pickInView(rows: readonly RowMeta[], prefer: number, top: number, viewport: number): number {
  const bottom = lastVisible(rows, top, viewport);
  if (prefer >= top && prefer <= bottom && selectable(rows[prefer])) return prefer;
  const from = Math.min(Math.max(prefer, top), bottom);
  const after = firstSelectable(rows, from, bottom);
  return after >= 0 ? after : lastSelectable(rows, top, from);
}

function at(rows: readonly RowMeta[], index: number, top: number): Cursor {
  const id = index >= 0 ? rows[index]?.id : undefined;
  return { ...(id !== undefined ? { id } : {}), index, top };
}

/** Where the cursor is on these rows: the remembered row if it is still there, kept in view; never a line that leads nowhere. */
export function resolveCursor(rows: readonly RowMeta[], c: Cursor, viewport: number): Cursor {
  if (rows.length === 0) return { index: -1, top: 0 };
  let i = indexOfId(rows, c.id);
  if (i < 0) i = c.index < 0 ? -1 : Math.min(c.index, rows.length - 1);
  const top = scrollTop(rows, i, c.top, viewport);
  if (i >= 0 && !selectable(rows[i])) i = pickInView(rows, i, top, viewport);
  return at(rows, i, top);
}

export function moveCursor(rows: readonly RowMeta[], c: Cursor, by: Move, viewport: number): Cursor {
  if (rows.length === 0) return { index: -1, top: 0 };
  const { index: i, top } = resolveCursor(rows, c, viewport);
  const vp = Math.max(1, viewport);
  const bottom = lastVisible(rows, top, vp);
  const end = maxTop(rows, vp);
  const page = Math.max(1, vp - 1);
  switch (by) {
    case 'down': {
      const j = firstSelectable(rows, i >= 0 ? i + 1 : top, rows.length - 1);
      if (j >= 0) {
        const t = scrollTop(rows, j, top, vp);
        // select it when no line between is skipped unseen
        if (t <= bottom + 1) return at(rows, j, t);
      }
      const t = Math.min(top + 1, end);
      return t === top ? at(rows, i, top) : at(rows, pickInView(rows, i, t, vp), t);
    }
    case 'up': {
      const j = lastSelectable(rows, 0, i >= 0 ? i - 1 : bottom);
      if (j >= 0) {
        const t = scrollTop(rows, j, top, vp);
        if (lastVisible(rows, t, vp) >= top - 1) return at(rows, j, t);
      }
      const t = Math.max(top - 1, 0);
      if (t === top) return at(rows, i, top);
      const keep = i >= t && i <= lastVisible(rows, t, vp) ? i : lastSelectable(rows, t, lastVisible(rows, t, vp));
      return at(rows, keep, t);
    }
    case 'pageDown': {
      const t = Math.min(top + page, end);
      if (t === top) return at(rows, lastSelectable(rows, top, bottom), top);
      return at(rows, pickInView(rows, (i >= 0 ? i : top) + (t - top), t, vp), t);
    }
    case 'pageUp': {
      const t = Math.max(top - page, 0);
      if (t === top) return at(rows, firstSelectable(rows, top, bottom), top);
      return at(rows, pickInView(rows, (i >= 0 ? i : top) - (top - t), t, vp), t);
    }
    case 'top':
      return at(rows, firstSelectable(rows, 0, lastVisible(rows, 0, vp)), 0);
    case 'bottom':
      return at(rows, lastSelectable(rows, end, rows.length - 1), end);
    default: {
      const never: never = by;
      return never;
    }
  }
}
