// Incremental parsing of API bodies, so no response ever becomes one giant string:
// - a List body is split into its `items` (each parsed on its own, handed out at once)
//   and a small skeleton (apiVersion, kind, metadata) parsed at the end;
// - a watch body is newline-delimited JSON, one event per line.
// Byte-level scanning is safe for UTF-8: every structural character is ASCII and
// multi-byte sequences never contain bytes below 0x80.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

export interface ListEnvelope {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

/** Splits a JSON List body into items without holding more than one item at a time. */
export class ListSplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private expectKey = false; // at depth 1, the next string is a key
  private keyParts: Buffer[] | undefined;
  private lastKey = '';
  private inItems = false;
  private itemParts: Buffer[] | undefined;
  private skeleton: Buffer[] = [];
  itemCount = 0;

  constructor(private readonly onItem: (raw: unknown) => void) {}

  push(chunk: Buffer): void {
    let skelStart = this.inItems ? -1 : 0;
    let itemStart = this.itemParts ? 0 : -1;
    let keyStart = this.keyParts ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString) {
        const q = this.closingQuote(chunk, i);
        if (q < 0) break;
        i = q;
        this.inString = false;
        if (this.keyParts && keyStart >= 0) {
          this.keyParts.push(chunk.subarray(keyStart, q));
          this.lastKey = Buffer.concat(this.keyParts).toString('utf8');
          this.keyParts = undefined;
          keyStart = -1;
        }
        continue;
      }
      const c = chunk[i];
      switch (c) {
        case QUOTE:
          this.inString = true;
          this.escape = false;
          if (this.depth === 1 && this.expectKey) {
            this.expectKey = false;
            this.keyParts = [];
            keyStart = i + 1;
          }
          break;
        case LBRACE:
        case LBRACKET:
          this.depth++;
          if (this.depth === 1) this.expectKey = true;
          else if (this.depth === 2 && c === LBRACKET && this.lastKey === 'items') {
            this.inItems = true;
            this.skeleton.push(chunk.subarray(skelStart, i + 1));
            skelStart = -1;
          } else if (this.depth === 3 && this.inItems) {
            this.itemParts = [];
            itemStart = i;
          }
          break;
        case RBRACE:
        case RBRACKET:
          this.depth--;
          if (this.depth === 2 && this.inItems && this.itemParts && itemStart >= 0) {
            this.itemParts.push(chunk.subarray(itemStart, i + 1));
            this.emit(this.itemParts);
            this.itemParts = undefined;
            itemStart = -1;
          } else if (this.depth === 1 && this.inItems) {
            this.inItems = false;
            skelStart = i;
          }
          break;
        case COMMA:
          if (this.depth === 1) this.expectKey = true;
          break;
        default:
          break;
      }
    }
    if (skelStart >= 0) this.skeleton.push(chunk.subarray(skelStart));
    if (this.itemParts && itemStart >= 0) this.itemParts.push(chunk.subarray(itemStart));
    if (this.keyParts && keyStart >= 0) this.keyParts.push(chunk.subarray(keyStart));
  }

  /**
   * Index of the quote that ends the current string, or -1 (string continues in the next
   * chunk). Jumps with indexOf instead of walking every byte: a quote is escaped when an odd
   * run of backslashes precedes it; `escape` carries an unpaired backslash across chunks.
   */
  private closingQuote(chunk: Buffer, from: number): number {
    for (let j = from; ; ) {
      const q = chunk.indexOf(QUOTE, j);
      const end = q < 0 ? chunk.length : q;
      let run = 0;
      let k = end - 1;
      while (k >= j && chunk[k] === BACKSLASH) {
        run++;
        k--;
      }
      if (k < j && j === from && this.escape) run++;
      if (q < 0) {
        this.escape = run % 2 === 1;
        return -1;
      }
      if (run % 2 === 0) {
        this.escape = false;
        return q;
      }
      j = q + 1;
    }
  }

  /** The list without its items; throws when the body was not complete JSON. */
  end(): ListEnvelope {
    if (this.depth !== 0 || this.inString) throw new Error('truncated list response');
    const parsed: unknown = JSON.parse(Buffer.concat(this.skeleton).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('list response is not a JSON object');
    return parsed as ListEnvelope;
  }

  private emit(parts: Buffer[]): void {
    const text = (parts.length === 1 ? (parts[0] ?? Buffer.alloc(0)) : Buffer.concat(parts)).toString('utf8');
    this.itemCount++;
    this.onItem(JSON.parse(text));
  }
}

/** Splits newline-delimited JSON (a watch body) into parsed values. */
export class LineSplitter {
  private pending: Buffer[] = [];

  constructor(private readonly onValue: (v: unknown) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      this.pending.push(chunk.subarray(start, nl));
      this.flush();
      start = nl + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    const text = Buffer.concat(this.pending).toString('utf8').trim();
    this.pending = [];
    if (text !== '') this.onValue(JSON.parse(text));
  }
}
