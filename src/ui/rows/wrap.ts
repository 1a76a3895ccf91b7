// Word wrap for rows whose text must be read whole (finding messages, path hops): the rows
// are built without knowing the width, and expanded here into one row per terminal line.
// Continuation lines carry no target, so the cursor never stops on them.
import { textWidth, truncate } from '../text.js';
import type { Segment, TextRow, ViewRow } from '../types.js';

/** cells before a row's text: the cursor mark (2) */
export const MARK_WIDTH = 2;

interface Token extends Segment {
  space: boolean;
  /** a piece of a word longer than a line, cut after ',' or '=': no space before it */
  join?: boolean;
}

/** A word longer than a line is cut after ',' and '=' ("a=b,c=d" → "a=", "b,", "c=", "d"). */
function pieces(word: string): string[] {
  return word.split(/(?<=[,=])/).filter((p) => p !== '');
}

function tokens(segments: readonly Segment[], line: number): Token[] {
  const out: Token[] = [];
  for (const s of segments) {
    const parts = s.nowrap ? s.text.split(/^(\s+)/) : s.text.split(/(\s+)/);
    for (const part of parts) {
      if (part === '') continue;
      const space = /^\s+$/.test(part);
      if (space) out.push({ ...s, text: part.replace(/\s/g, ' '), space });
      else if (!s.nowrap && textWidth(part) > line) pieces(part).forEach((p, i) => out.push({ ...s, text: p, space: false, ...(i > 0 ? { join: true } : {}) }));
      else out.push({ ...s, text: part, space });
    }
  }
  return out;
}

/** A lone symbol (✓ ✗ ⚠ ? ↳ …) or a label ("fix:", "reason:") stays on the line of the word after it. */
function gluesToNext(t: Token): boolean {
  return !t.space && ([...t.text].length === 1 ? !/[\p{L}\p{N}]/u.test(t.text) : /^[\p{L}-]+:$/u.test(t.text));
}

/** Width a word needs on its line: itself, plus the words glued to it. */
function needed(ts: readonly Token[], i: number): number {
  let w = textWidth(ts[i]?.text ?? '');
  let j = i;
  while (ts[j] && gluesToNext(ts[j] as Token) && ts[j + 1]?.space && ts[j + 2] && !ts[j + 2]?.space) {
    w += textWidth(ts[j + 1]?.text ?? '') + textWidth(ts[j + 2]?.text ?? '');
    j += 2;
  }
  return w;
}

function push(line: Segment[], t: Segment): void {
  const last = line[line.length - 1];
  if (last && last.tone === t.tone && last.bold === t.bold && last.nowrap === t.nowrap) last.text += t.text;
  else line.push({ text: t.text, ...(t.tone ? { tone: t.tone } : {}), ...(t.bold ? { bold: t.bold } : {}) });
}

/**
 * Split styled text into lines of at most `width` cells, breaking at spaces; a symbol or a
 * label stays with its word; a word longer than a line breaks after ',' or '=', and only a
 * piece still longer than a line is cut.
 */
export function wrapSegments(segments: readonly Segment[], width: number, hang = 0): Segment[][] {
  const w = Math.max(4, width);
  const lines: Segment[][] = [];
  let line: Segment[] = [];
  let used = 0;
  let pendingSpace: Token | undefined;
  const newLine = (): void => {
    lines.push(line);
    line = hang > 0 ? [{ text: ' '.repeat(hang) }] : [];
    used = hang;
    pendingSpace = undefined;
  };
  const ts = tokens(segments, Math.max(1, w - hang));
  ts.forEach((t, i) => {
    if (t.space) {
      if (used > (lines.length > 0 ? hang : 0)) pendingSpace = t;
      return;
    }
    let word = t.text;
    const spaceW = pendingSpace && !t.join ? textWidth(pendingSpace.text) : 0;
    const need = Math.min(needed(ts, i), w - hang);
    if (used + spaceW + need > w && used > (lines.length > 0 ? hang : 0)) newLine();
    if (pendingSpace && !t.join) {
      push(line, pendingSpace);
      used += textWidth(pendingSpace.text);
    }
    pendingSpace = undefined;
    // a piece longer than a whole line: cut it into line-sized pieces
    while (used + textWidth(word) > w) {
      const room = Math.max(1, w - used);
      const head = truncate(word, room + 1).replace(/…$/, '');
      const piece = head === '' ? ([...word][0] ?? '') : head;
      push(line, { ...t, text: piece });
      word = word.slice(piece.length);
      newLine();
    }
    if (word !== '') {
      push(line, { ...t, text: word });
      used += textWidth(word);
    }
  });
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/** Expand wrapping rows for a terminal `width` cells wide; other rows pass through unchanged. */
export function expandWrapped(rows: readonly ViewRow[], width: number): ViewRow[] {
  if (!rows.some((r) => r.kind === 'text' && r.wrap !== undefined)) return rows as ViewRow[];
  const out: ViewRow[] = [];
  for (const r of rows) {
    if (r.kind !== 'text' || r.wrap === undefined) {
      out.push(r);
      continue;
    }
    const lines = wrapSegments(r.segments, width - MARK_WIDTH - 2 * r.depth, r.wrap);
    lines.forEach((segments, i) => {
      const { wrap: _wrap, ...rest } = r;
      out.push(i === 0 ? { ...rest, segments } : ({ kind: 'text', id: `${r.id}~${i}`, depth: r.depth, segments } satisfies TextRow));
    });
  }
  return out;
}
