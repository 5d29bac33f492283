import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 (random port) that keeps every message it receives. */
export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  readonly received: Buffer[];
  /** Every message received so far, parsed. */
  parsed(): Promise<ParsedMail[]>;
  /** Messages received after the first `from`, parsed (for step-by-step tests). */
  parsedSince(from: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** Starts a sink; `close()` it in `afterAll`. */
export function startSmtpSink(): Promise<SmtpSink> {
  const received: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as AddressInfo;
      const parsedSince = (from: number) => Promise.all(received.slice(from).map((raw) => simpleParser(raw)));
      resolve({
        port,
        url: `smtp://127.0.0.1:${port}`,
        received,
        parsed: () => parsedSince(0),
        parsedSince,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** The raw value of a header of a parsed message (unfolded), or '' when absent. */
export function headerText(mail: ParsedMail, name: string): string {
  // mailparser moves List-* headers into `mail.list`; the raw lines keep every header.
  const line = mail.headerLines.find((l) => l.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n/g, '').trim() : '';
}
