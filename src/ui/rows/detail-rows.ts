// The builder of detail rows: ids, section headings, boxed tables. A line that opens an
// object is named by that object (and its occurrence), so a live update that adds or
// removes lines above it leaves the cursor on the same object; other lines are numbered.
import type { Segment, TableRow, ViewRow } from '../types.js';
import { seg, textRow } from './common.js';

/** The detail is where everything is read whole: its lines wrap to the terminal (hanging indent 2) instead of being cut. */
export class Rows {
  readonly out: ViewRow[] = [];
  private n = 0;
  private readonly seen = new Map<string, number>();
  /** `prefix` keeps ids unique when rows of two builders are put together */
  constructor(private readonly prefix = 'd') {}
  line(depth: number, segments: Segment[], target?: string, hang = 2): void {
    this.out.push({ ...textRow(this.nextId(target), depth, segments, target), wrap: hang });
  }
  /** A line named by `id`, so that it can be scrolled to (a finding: Enter from Problems lands there). */
  anchor(id: string, depth: number, segments: Segment[], target?: string): void {
    this.out.push({ ...textRow(`${this.prefix}@${id}`, depth, segments, target), wrap: 2 });
  }
  private nextId(target: string | undefined): string {
    if (target === undefined) return `${this.prefix}${this.n++}`;
    const k = (this.seen.get(target) ?? 0) + 1;
    this.seen.set(target, k);
    return `${this.prefix}>${target}${k > 1 ? `#${k}` : ''}`;
  }
  heading(title: string): void {
    this.line(0, [seg('')]);
    this.line(0, [seg(title, 'heading', true)]);
  }
  table(columns: string[], data: Record<string, string>[]): void {
    const t: TableRow = { kind: 'table', id: `${this.prefix}${this.n++}`, columns, data, height: 2 * data.length + 3 };
    this.out.push(t);
  }
}
