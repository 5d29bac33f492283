import { StringDecoder } from 'node:string_decoder';

/** Splits a byte stream into text lines (LF or CRLF), holding only the current partial line. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private lineNumber = 0;

  /** Feeds a chunk; returns the complete lines with their 1-based line numbers. */
  push(chunk: Buffer): { line: string; number: number }[] {
    const text = this.rest + this.decoder.write(chunk);
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    return parts.map((line) => ({ line: line.replace(/\r$/, ''), number: ++this.lineNumber }));
  }

  /** The last line when the input does not end with a newline. */
  end(): { line: string; number: number }[] {
    const last = this.rest + this.decoder.end();
    this.rest = '';
    return last === '' ? [] : [{ line: last.replace(/\r$/, ''), number: ++this.lineNumber }];
  }
}
