// The builder of detail rows: numbered ids, section headings, boxed tables.
import type { Segment, TableRow, ViewRow } from '../types.js';
import { seg, textRow } from './common.js';

/** The detail is where everything is read whole: its lines wrap to the terminal (hanging indent 2) instead of being cut. */
export class Rows {
  readonly out: ViewRow[] = [];
  private n = 0;
  /** `prefix` keeps ids unique when rows of two builders are put together */
  constructor(private readonly prefix = 'd') {}
  line(depth: number, segments: Segment[], target?: string, hang = 2): void {
    this.out.push({ ...textRow(`${this.prefix}${this.n++}`, depth, segments, target), wrap: hang });
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
