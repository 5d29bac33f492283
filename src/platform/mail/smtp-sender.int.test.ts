import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connection.js';
import { manualClock } from '../../lib/clock.js';
import { createTestDatabase, testDialects } from '../../../test/support/test-db.js';
import { createDatabaseJobQueue } from '../jobs/database-job-queue.js';
import { createJobRunner } from '../jobs/job-runner.js';
import { createLogger, type Logger } from '../log/logger.js';
import { createMailJob, MAIL_SCHEDULE } from './mail.jobs.js';
import { queueMail } from './outbox.js';
import { countOutboxByStatus, findOutboxMessage, listOutboxMessages } from './outbox.repository.js';
import { createSmtpSender, MAX_MAIL_ATTEMPTS, sendDueMail, type MailSender } from './smtp-sender.js';

const START = new Date('2030-03-01T08:00:00.000Z');
const FROM = 'Hygie CERT <hygie@cert-sante.test>';

/** A real SMTP server on loopback that keeps every message it receives. */
interface Sink {
  readonly port: number;
  readonly received: Buffer[];
  close(): Promise<void>;
}

function startSink(port = 0): Promise<Sink> {
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
    server.listen(port, '127.0.0.1', () => {
      const address = server.server.address() as AddressInfo;
      resolve({
        port: address.port,
        received,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: createLogger('debug', stream), lines };
}

describe.each(testDialects())('mail outbox and SMTP sender on %s', (dialect) => {
  let handle: DatabaseHandle;
  let clock: ReturnType<typeof manualClock>;
  let silent: Logger;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    silent = createLogger('silent');
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    clock = manualClock(START);
    await handle.db.deleteFrom('outbox_messages').execute();
    await handle.db.deleteFrom('jobs').execute();
    await handle.db.deleteFrom('job_schedules').execute();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function senderFor(port: number): MailSender {
    const sender = createSmtpSender(`smtp://127.0.0.1:${port}`, FROM);
    cleanups.push(() => sender.close());
    return sender;
  }

  it('keeps mail pending while the relay is down and delivers each message once when it is back', async () => {
    const firstSink = await startSink();
    const port = firstSink.port;
    const sender = senderFor(port);
    const recipients = ['rssi@chu-exemple.test', 'dsi@clinique.test', 'astreinte@ehpad.test'];
    const ids: string[] = [];
    for (const [i, to] of recipients.entries()) {
      ids.push(
        await queueMail(handle.db, clock, {
          to,
          subject: `Alerte de sécurité n°${i + 1} : vulnérabilité critique à corriger — établissement « Hôpital »`,
          text: `Bonjour,\nUne vulnérabilité a été détectée (message ${i + 1}).\nÀ bientôt, l'équipe du CERT`,
          html: `<p>Bonjour,</p><p>Une vulnérabilité a été détectée (message <b>${i + 1}</b>).</p>`,
          headers: { 'X-Hygie-Test': `m${i + 1}` },
        }),
      );
    }
    await firstSink.close();

    const down = await sendDueMail({ db: handle.db, clock, log: silent, sender, batchSize: 10 });
    expect(down).toEqual({ sent: 0, failed: 0, retried: 3 });
    for (const id of ids) {
      const message = await findOutboxMessage(handle.db, id);
      expect(message).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
      expect(message!.nextAttemptAt.getTime()).toBe(START.getTime() + 30_000);
      expect(message!.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    }
    // Not due yet: nothing is tried.
    expect(await sendDueMail({ db: handle.db, clock, log: silent, sender, batchSize: 10 })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });

    const sink = await startSink(port);
    cleanups.push(() => sink.close());
    clock.advance(31_000);
    expect(await sendDueMail({ db: handle.db, clock, log: silent, sender, batchSize: 10 })).toEqual({
      sent: 3,
      failed: 0,
      retried: 0,
    });
    expect(await sendDueMail({ db: handle.db, clock, log: silent, sender, batchSize: 10 })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(sink.received).toHaveLength(3);

    const parsed: ParsedMail[] = await Promise.all(sink.received.map((raw) => simpleParser(raw)));
    const tag = (mail: ParsedMail): string => {
      const value = mail.headers.get('x-hygie-test');
      return typeof value === 'string' ? value : '';
    };
    parsed.sort((a, b) => tag(a).localeCompare(tag(b)));
    expect(parsed.map(tag)).toEqual(['m1', 'm2', 'm3']);
    parsed.forEach((mail, i) => {
      expect(mail.subject).toBe(
        `Alerte de sécurité n°${i + 1} : vulnérabilité critique à corriger — établissement « Hôpital »`,
      );
      expect(addressesOf(mail.to)).toEqual([recipients[i]]);
      expect(addressesOf(mail.from)).toEqual(['hygie@cert-sante.test']);
      expect(mail.text?.trim()).toBe(
        `Bonjour,\nUne vulnérabilité a été détectée (message ${i + 1}).\nÀ bientôt, l'équipe du CERT`,
      );
      expect(mail.html).toContain(`<b>${i + 1}</b>`);
      expect(mail.html).toContain('vulnérabilité');
      expect(mail.messageId).toBe(`<${ids[i]}@cert-sante.test>`);
    });
    for (const id of ids) {
      expect(await findOutboxMessage(handle.db, id)).toMatchObject({
        status: 'sent',
        attempts: 2,
        lastError: null,
        sentAt: clock.now(),
      });
    }
  });

  it('does not send a message queued in a transaction that rolled back', async () => {
    const sink = await startSink();
    cleanups.push(() => sink.close());
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await queueMail(trx, clock, { to: 'annule@exemple.test', subject: 'Annulé', text: 'jamais' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await handle.db
      .transaction()
      .execute((trx) => queueMail(trx, clock, { to: 'garde@exemple.test', subject: 'Gardé', text: 'oui' }));

    const report = await sendDueMail({
      db: handle.db,
      clock,
      log: silent,
      sender: senderFor(sink.port),
      batchSize: 10,
    });
    expect(report).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(sink.received).toHaveLength(1);
    const mail = await simpleParser(sink.received[0]!);
    expect(addressesOf(mail.to)).toEqual(['garde@exemple.test']);
    expect((await listOutboxMessages(handle.db)).map((m) => m.to)).toEqual(['garde@exemple.test']);
  });

  it(`gives a message up after ${MAX_MAIL_ATTEMPTS} failed attempts`, async () => {
    const sink = await startSink();
    const port = sink.port;
    await sink.close();
    const sender = senderFor(port);
    const id = await queueMail(handle.db, clock, { to: 'perdu@exemple.test', subject: 's', text: 't' });
    const totals = { sent: 0, failed: 0, retried: 0 };
    for (let i = 0; i < MAX_MAIL_ATTEMPTS; i++) {
      const report = await sendDueMail({ db: handle.db, clock, log: silent, sender, batchSize: 10 });
      totals.sent += report.sent;
      totals.failed += report.failed;
      totals.retried += report.retried;
      clock.advance(3_600_000);
    }
    expect(totals).toEqual({ sent: 0, failed: 1, retried: MAX_MAIL_ATTEMPTS - 1 });
    expect(await findOutboxMessage(handle.db, id)).toMatchObject({
      status: 'failed',
      attempts: MAX_MAIL_ATTEMPTS,
    });
  });

  it('stores and logs SMTP errors without the credentials of the relay URL', async () => {
    const sink = await startSink();
    const port = sink.port;
    await sink.close();
    const { log, lines } = capturingLogger();
    const sender = createSmtpSender(`smtp://relay-user:Tr3s-s3cret@127.0.0.1:${port}`, FROM);
    cleanups.push(() => sender.close());
    const id = await queueMail(handle.db, clock, { to: 'a@exemple.test', subject: 's', text: 't' });
    await sendDueMail({ db: handle.db, clock, log, sender, batchSize: 10 });
    const message = await findOutboxMessage(handle.db, id);
    expect(message?.lastError).toBeTruthy();
    expect(message?.lastError).not.toContain('Tr3s-s3cret');
    expect(lines.join('')).not.toContain('Tr3s-s3cret');
  });

  it('rejects a recipient or header that could inject headers', async () => {
    await expect(
      queueMail(handle.db, clock, { to: 'a@b.test\r\nBcc: x@y.test', subject: 's', text: 't' }),
    ).rejects.toThrow('"to"');
    await expect(
      queueMail(handle.db, clock, {
        to: 'a@b.test',
        subject: 's',
        text: 't',
        headers: { 'X-A': 'v\nBcc: x@y.test' },
      }),
    ).rejects.toThrow('one line');
    await expect(
      queueMail(handle.db, clock, { to: 'a@b.test', subject: 's', text: 't', headers: { Bcc: 'x@y.test' } }),
    ).rejects.toThrow('not allowed');
    expect(await listOutboxMessages(handle.db)).toEqual([]);
  });

  it('sends the outbox through the scheduled mail.send-outbox job', async () => {
    const sink = await startSink();
    cleanups.push(() => sink.close());
    const jobs = createDatabaseJobQueue(handle.db, clock, dialect);
    await jobs.schedule(MAIL_SCHEDULE.name, MAIL_SCHEDULE.cron);
    const definition = createMailJob({
      db: handle.db,
      clock,
      log: silent,
      config: { smtpUrl: `smtp://127.0.0.1:${sink.port}`, mailFrom: FROM },
      batchSize: 2,
    });
    const runner = createJobRunner({ db: handle.db, dialect, clock, log: silent, definitions: [definition] });
    for (let i = 0; i < 5; i++) {
      await queueMail(handle.db, clock, { to: `u${i}@exemple.test`, subject: `n°${i}`, text: 'corps' });
    }
    expect(await runner.runDueJobs()).toBe(0); // the schedule is due at the next minute
    clock.advance(60_000);
    expect(await runner.runDueJobs()).toBe(1);
    expect(sink.received).toHaveLength(5);
    expect(await countOutboxByStatus(handle.db)).toEqual({ pending: 0, sent: 5, failed: 0 });
  });

  it('leaves mail pending and warns once when no SMTP relay is configured', async () => {
    const { log, lines } = capturingLogger();
    const definition = createMailJob({
      db: handle.db,
      clock,
      log,
      config: { smtpUrl: null, mailFrom: FROM },
    });
    await queueMail(handle.db, clock, { to: 'a@exemple.test', subject: 's', text: 't' });
    await definition.handler(null, { id: 'j1', attempt: 1, name: definition.name });
    await definition.handler(null, { id: 'j2', attempt: 1, name: definition.name });
    const warnings = lines.filter((line) => line.includes('HYGIE_SMTP_URL is not set'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"pending":1');
    expect(await countOutboxByStatus(handle.db)).toEqual({ pending: 1, sent: 0, failed: 0 });
  });
});
