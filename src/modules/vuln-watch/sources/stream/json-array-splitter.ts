/**
 * A streaming splitter for the big array of a JSON document (NVD `vulnerabilities`, KEV
 * `vulnerabilities`, a top-level array of CVE 5 records): bytes go in chunk by chunk, the raw
 * bytes of each element come out as soon as the element is complete, so a 2 GB file is read
 * with the memory of one record. Each element is then `JSON.parse`d on its own, which also
 * isolates a bad record from the rest.
 *
 * Only the structure is checked here (strings, nesting, brackets that match); a truncated or
 * malformed document throws `JsonSyntaxError` with the byte offset, after every complete
 * element before it was already handed out.
 */

/** Structural error in the JSON stream; `offset` is the byte where reading stopped. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at byte ${offset}`);
    this.name = 'JsonSyntaxError';
  }
}

/** One complete element of the target array. */
export interface SplitElement {
  readonly bytes: Buffer;
  /** 0-based position in the array. */
  readonly index: number;
  /** Byte offset of the element's first byte in the document. */
  readonly offset: number;
}

/** Options of the splitter. */
export interface JsonArraySplitterOptions {
  /**
   * Key of the array to split when the document is an object (`vulnerabilities`). Without it, an
   * object document is one single element. An array document is always split.
   */
  readonly arrayKey?: string;
  /** Largest accepted element (default 64 MiB): a guard against a runaway record. */
  readonly maxElementBytes?: number;
  /** Bytes of the envelope (everything but the split array) kept for `envelope()` (default 1 MiB). */
  readonly maxEnvelopeBytes?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Splits a JSON document into the elements of one array; see the file comment. */
export class JsonArraySplitter {
  private readonly arrayKey: string | undefined;
  private readonly maxElementBytes: number;
  private readonly maxEnvelopeBytes: number;
  private readonly stack: number[] = [];
  private offset = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private finished = false;
  /** Depth of the array being split (its own nesting level), or -1 when not inside it. */
  private arrayDepth = -1;
  private splitDone = false;
  /** The whole document is one element (object document without `arrayKey`). */
  private single = false;
  private elementActive = false;
  private elementOffset = 0;
  private elementParts: Buffer[] = [];
  private elementBytes = 0;
  private elementIndex = 0;
  private expectElement = false;
  private stringStart = -1;
  private keyParts: Buffer[] = [];
  private lastDepth1String: string | null = null;
  private currentKey: string | null = null;
  private envelopeParts: Buffer[] = [];
  private envelopeBytes = 0;
  private envelopeOverflow = false;

  constructor(options: JsonArraySplitterOptions = {}) {
    this.arrayKey = options.arrayKey;
    this.maxElementBytes = options.maxElementBytes ?? 64 * 1024 * 1024;
    this.maxEnvelopeBytes = options.maxEnvelopeBytes ?? 1024 * 1024;
  }

  /** Bytes consumed so far. */
  get bytesRead(): number {
    return this.offset;
  }

  /** Feeds a chunk; returns the elements it completed. */
  push(chunk: Buffer): SplitElement[] {
    const out: SplitElement[] = [];
    let i = 0;
    const n = chunk.length;
    if (
      !this.started &&
      this.offset === 0 &&
      n >= 3 &&
      chunk[0] === 0xef &&
      chunk[1] === 0xbb &&
      chunk[2] === 0xbf
    )
      i = 3;
    let elementStartInChunk = this.elementActive ? 0 : -1;
    let envelopeStart = this.arrayDepth < 0 && !this.single ? i : -1;
    let keyStartInChunk = this.stringStart >= 0 ? 0 : -1;
    const base = this.offset;

    const flushEnvelope = (end: number): void => {
      if (envelopeStart >= 0 && end > envelopeStart) this.keepEnvelope(chunk.subarray(envelopeStart, end));
    };

    for (; i < n; i++) {
      const c = chunk[i] as number;
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        // Tight scan to the end of the string.
        for (; i < n; i++) {
          const d = chunk[i] as number;
          if (d === BACKSLASH) {
            if (i + 1 < n) i++;
            else this.escaped = true;
          } else if (d === QUOTE) break;
        }
        if (i >= n) break;
        this.inString = false;
        if (keyStartInChunk >= 0) {
          this.keyParts.push(chunk.subarray(keyStartInChunk, i));
          this.lastDepth1String = Buffer.concat(this.keyParts).toString('utf8');
          this.keyParts = [];
          keyStartInChunk = -1;
          this.stringStart = -1;
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (this.finished) throw new JsonSyntaxError(base + i, 'data after the end of the JSON document');
      const depth = this.stack.length;

      // Start of an element of the split array (any value).
      if (
        this.arrayDepth >= 0 &&
        depth === this.arrayDepth &&
        this.expectElement &&
        c !== CLOSE_ARRAY &&
        c !== COMMA
      ) {
        this.elementActive = true;
        this.expectElement = false;
        this.elementOffset = base + i;
        this.elementParts = [];
        this.elementBytes = 0;
        elementStartInChunk = i;
      }

      if (!this.started) {
        this.started = true;
        if (c === OPEN_ARRAY) {
          this.stack.push(c);
          this.beginSplit(1);
          envelopeStart = -1;
          continue;
        }
        if (c !== OPEN_OBJECT) throw new JsonSyntaxError(base + i, 'a JSON document here starts with { or [');
        if (this.arrayKey === undefined) {
          this.single = true;
          this.elementActive = true;
          this.elementOffset = base + i;
          elementStartInChunk = i;
          envelopeStart = -1;
        }
        this.stack.push(c);
        continue;
      }

      switch (c) {
        case QUOTE:
          this.inString = true;
          if (depth === 1 && this.stack[0] === OPEN_OBJECT && !this.single) {
            this.stringStart = base + i + 1;
            keyStartInChunk = i + 1;
            this.keyParts = [];
          }
          break;
        case COLON:
          if (depth === 1) this.currentKey = this.lastDepth1String;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.stack.push(c);
          if (
            c === OPEN_ARRAY &&
            depth === 1 &&
            !this.single &&
            !this.splitDone &&
            this.arrayKey !== undefined &&
            this.currentKey === this.arrayKey
          ) {
            flushEnvelope(i + 1);
            envelopeStart = -1;
            this.beginSplit(2);
          }
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY: {
          const open = this.stack.pop();
          if (open === undefined || (c === CLOSE_OBJECT) !== (open === OPEN_OBJECT)) {
            throw new JsonSyntaxError(base + i, `unexpected "${String.fromCharCode(c)}"`);
          }
          if (this.arrayDepth >= 0 && this.stack.length === this.arrayDepth - 1) {
            // The split array closes: finish its last element.
            if (this.elementActive) out.push(this.finishElement(chunk, elementStartInChunk, i));
            elementStartInChunk = -1;
            this.arrayDepth = -1;
            this.splitDone = true;
            envelopeStart = i;
          }
          if (this.stack.length === 0) {
            this.finished = true;
            if (this.single) {
              out.push(this.finishElement(chunk, elementStartInChunk, i + 1));
              elementStartInChunk = -1;
            }
          }
          break;
        }
        case COMMA:
          if (this.arrayDepth >= 0 && depth === this.arrayDepth) {
            if (!this.elementActive) throw new JsonSyntaxError(base + i, 'empty element in the array');
            out.push(this.finishElement(chunk, elementStartInChunk, i));
            elementStartInChunk = -1;
            this.expectElement = true;
          }
          break;
        default:
          break;
      }
    }

    if (this.elementActive && elementStartInChunk >= 0) {
      const part = chunk.subarray(elementStartInChunk, n);
      this.elementParts.push(part);
      this.elementBytes += part.length;
      if (this.elementBytes > this.maxElementBytes) {
        throw new JsonSyntaxError(
          this.elementOffset,
          `record #${this.elementIndex + 1} is larger than ${this.maxElementBytes} bytes`,
        );
      }
    }
    if (this.stringStart >= 0 && keyStartInChunk >= 0) this.keyParts.push(chunk.subarray(keyStartInChunk, n));
    flushEnvelope(n);
    this.offset += n;
    return out;
  }

  /** Declares the end of input; throws when the document is incomplete (truncated file). */
  end(): void {
    if (!this.started) throw new JsonSyntaxError(this.offset, 'empty input: no JSON document');
    if (!this.finished || this.inString) {
      const where = this.elementActive
        ? ` inside record #${this.elementIndex + 1} (starting at byte ${this.elementOffset})`
        : '';
      throw new JsonSyntaxError(
        this.offset,
        `unexpected end of input${where}: the file is truncated or not JSON`,
      );
    }
  }

  /** Elements handed out so far. */
  get elementCount(): number {
    return this.elementIndex;
  }

  /** True once the split array was found (or the document is an array or a single object). */
  get foundArray(): boolean {
    return this.splitDone || this.arrayDepth >= 0 || this.single;
  }

  /** The document without the split array (its value replaced by `[]`), or null when too large or unreadable. */
  envelope(): Record<string, unknown> | null {
    if (this.envelopeOverflow || this.envelopeParts.length === 0) return null;
    try {
      const text = Buffer.concat(this.envelopeParts).toString('utf8');
      const value: unknown = JSON.parse(text);
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }

  private beginSplit(depth: number): void {
    this.arrayDepth = depth;
    this.expectElement = true;
  }

  private keepEnvelope(part: Buffer): void {
    if (this.envelopeOverflow) return;
    this.envelopeBytes += part.length;
    if (this.envelopeBytes > this.maxEnvelopeBytes) {
      this.envelopeOverflow = true;
      this.envelopeParts = [];
      return;
    }
    this.envelopeParts.push(Buffer.from(part));
  }

  private finishElement(chunk: Buffer, startInChunk: number, endInChunk: number): SplitElement {
    if (startInChunk >= 0) this.elementParts.push(chunk.subarray(startInChunk, endInChunk));
    let bytes =
      this.elementParts.length === 1
        ? Buffer.from(this.elementParts[0] as Buffer)
        : Buffer.concat(this.elementParts);
    let end = bytes.length;
    while (end > 0 && isSpace(bytes[end - 1] as number)) end--;
    if (end !== bytes.length) bytes = bytes.subarray(0, end);
    const element: SplitElement = { bytes, index: this.elementIndex, offset: this.elementOffset };
    this.elementIndex++;
    this.elementActive = false;
    this.elementParts = [];
    this.elementBytes = 0;
    return element;
  }
}
