import { fileURLToPath } from 'node:url';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type UserActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { createLogger } from '../../platform/log/logger.js';
import { createSmtpSender, sendDueMail, type MailSender } from '../../platform/mail/index.js';
import { createUser, type User } from '../accounts/index.js';
import { insertTestStructure } from '../../../test/support/login.js';
import { headerText, startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.js';
import { testDialects } from '../../../test/support/test-db.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { sendDigests } from './digest.service.js';
import { importCves } from './import.service.js';
import { addProduct, declareDeployment } from './product.service.js';
import { FIXTURES } from './sources/fixtures.js';
import { createSubscription, getMySubscription, removeSubscription } from './subscription.service.js';
import type { Subscription } from './subscription.types.js';

/*
 * Digests end to end: real CVE samples imported through the knowledge base, subscriptions of a
 * beneficiary, the digest job, the outbox sent to a REAL smtp-server sink on 127.0.0.1, and the
 * delivered messages parsed with mailparser. Then: nothing twice, a cosmetic update is not sent,
 * a score raise and a KEV addition are sent as « mise à jour », the one-click unsubscribe link
 * stops further digests (and a tampered one changes nothing), daily and weekly timing.
 */

const FIXTURE = (name: string) => fileURLToPath(new URL(`./subscription-fixtures/${name}`, import.meta.url));
const FROM = 'CERT Santé <veille@cert-sante.test>';
const PUBLIC_URL = 'http://127.0.0.1:8080';

/** CVE ids a digest lists (its "Fiche détaillée" links), in order. */
function listed(mail: ParsedMail): string[] {
  return [...(mail.text ?? '').matchAll(/Fiche détaillée : http:\/\/127\.0\.0\.1:8080\/cves\/(CVE-\d{4}-\d+)/g)].map((m) => m[1] ?? '');
}

function bySubject(mails: ParsedMail[], name: string): ParsedMail {
  const found = mails.filter((m) => (m.subject ?? '').startsWith(`[Hygie] ${name} :`));
  if (found.length !== 1) throw new Error(`expected one digest "${name}", got ${found.length}: ${mails.map((m) => m.subject).join(' | ')}`);
  return found[0]!;
}

function actorOf(user: User): UserActor {
  return { kind: 'user', userId: user.id, role: user.role, structureIds: user.structureIds, label: user.email };
}

describe.each(testDialects())('digests through a real SMTP sink on %s', (dialect) => {
  let server: TestServer;
  let sink: SmtpSink;
  let sender: MailSender;
  let system: ServiceContext;
  let rssi: User;
  let ctx: ServiceContext;
  const subs: Record<string, Subscription> = {};
  const silent = createLogger('silent');

  const run = () => sendDigests(server.platform);
  const deliver = () => sendDueMail({ db: server.platform.db, clock: server.platform.clock, log: silent, sender, batchSize: 100 });

  beforeAll(async () => {
    server = await startTestServer(dialect, { listen: false, env: { HYGIE_PUBLIC_URL: PUBLIC_URL } });
    sink = await startSmtpSink();
    sender = createSmtpSender(sink.url, FROM);
    system = contextFor(server.platform, systemActor('test'));
    const valmont = await insertTestStructure(server.platform.db, 'Centre hospitalier de Valmont');
    const kerlann = await insertTestStructure(server.platform.db, 'Clinique de Port-Kerlann');
    const imported = await importCves(system, [FIXTURES.nvdFkie, FIXTURES.cve5]);
    expect(imported.status).toBe('completed');
    const panos = await addProduct(system, { vendor: 'paloaltonetworks', product: 'pan-os', displayName: 'Palo Alto PAN-OS', category: 'firewall' });
    const fortios = await addProduct(system, { vendor: 'fortinet', product: 'fortios', displayName: 'Fortinet FortiOS', category: 'firewall' });
    await declareDeployment(system, valmont, { productId: panos.id, version: '10.2.9' });
    // Another structure's deployment, which the beneficiary's digests must not mention.
    await declareDeployment(system, kerlann, { productId: panos.id, version: '11.1.2' });
    rssi = (await createUser(system, { email: 'rssi@ch-valmont.test', firstName: 'Marc', lastName: 'Rssi', role: 'beneficiary', structureIds: [valmont] })).user;
    ctx = contextFor(server.platform, actorOf(rssi), { ip: '127.0.0.1' });
    subs.fortinet = await createSubscription(ctx, { name: 'Fortinet', vendors: ['fortinet'], minScore: 7, frequency: 'immediate' });
    subs.fortios = await createSubscription(ctx, { name: 'FortiOS', products: [{ productId: fortios.id }], frequency: 'immediate' });
    subs.pacs = await createSubscription(ctx, { name: 'Imagerie', keywords: ['PACS'], frequency: 'immediate' });
    subs.panos = await createSubscription(ctx, { name: 'Parc déclaré', deployedProducts: true, structureId: valmont, frequency: 'immediate' });
    subs.apache = await createSubscription(ctx, { name: 'Apache', products: [{ vendor: 'apache', product: 'http_server' }], minScore: 9, frequency: 'immediate' });
  });
  afterAll(async () => {
    sender?.close();
    await sink?.close();
    await server?.close();
  });

  it('sends each subscription one digest holding exactly the CVEs it asked for', async () => {
    const report = await run();
    expect(report).toMatchObject({ due: 5, sent: 5, skipped: 0, lost: 0 });
    expect(await deliver()).toEqual({ sent: 5, failed: 0, retried: 0 });
    const mails = await sink.parsed();
    expect(mails).toHaveLength(5);
    for (const mail of mails) {
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual(['rssi@ch-valmont.test']);
      expect(mail.text).toContain('Bonjour,');
      expect(mail.text).toContain('Versions concernées :');
      expect(mail.html).toContain('<html lang="fr">');
      expect(headerText(mail, 'List-Unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:8080\/desabonnement\?token=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}>$/);
      expect(headerText(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    }

    // Vendor fortinet, score ≥ 7: the real Fortinet records of the samples, and none below 7.
    const fortinet = bySubject(mails, 'Fortinet');
    expect(new Set(listed(fortinet))).toEqual(
      new Set(['CVE-2018-13379', 'CVE-2018-13382', 'CVE-2022-40684', 'CVE-2022-42475', 'CVE-2023-27997', 'CVE-2024-21762', 'CVE-2024-23110', 'CVE-2024-23113', 'CVE-2024-23667', 'CVE-2024-23668', 'CVE-2024-23670', 'CVE-2024-47575']),
    );
    expect(fortinet.subject).toBe('[Hygie] Fortinet : 12 nouvelle(s) CVE (dont 8 exploitée(s) activement)');
    expect(fortinet.text).toContain('Pourquoi vous la recevez : éditeur suivi : fortinet');
    expect(fortinet.text).toContain('  - fortinet fortios : de 6.0.0 (incluse) à 6.0.18 (exclue)');
    expect(fortinet.html).toContain('<a href="http://127.0.0.1:8080/cves/CVE-2024-21762">CVE-2024-21762</a>');

    // Catalogue product FortiOS (not FortiWeb Manager nor FortiManager), default minimum score 7.
    const fortios = bySubject(mails, 'FortiOS');
    expect(listed(fortios)).toEqual(expect.arrayContaining(['CVE-2024-21762', 'CVE-2024-23110', 'CVE-2024-23113']));
    expect(listed(fortios)).not.toContain('CVE-2024-23667');
    expect(listed(fortios)).not.toContain('CVE-2024-47575');
    expect(fortios.text).toContain('produit suivi : Fortinet FortiOS');

    // Keyword PACS (whole word), default minimum score 7.
    const pacs = bySubject(mails, 'Imagerie');
    expect(new Set(listed(pacs))).toEqual(new Set(['CVE-2023-40150', 'CVE-2023-40159', 'CVE-2023-40704', 'CVE-2023-51637', 'CVE-2024-1863']));
    expect(pacs.text).toContain('mot-clé « PACS »');

    // PAN-OS 10.2.9 deployed at the beneficiary's structure: version-aware (CVE-2024-5913 is 6.1).
    const panos = bySubject(mails, 'Parc déclaré');
    expect(listed(panos)).toEqual(['CVE-2024-3400', 'CVE-2024-9468']);
    expect(panos.subject).toBe('[Hygie] Parc déclaré : 2 nouvelle(s) CVE (dont 1 exploitée(s) activement)');
    expect(panos.text).toContain('produit déployé : Palo Alto PAN-OS 10.2.9 (Centre hospitalier de Valmont)');
    expect(panos.text).toContain('exploitée activement (catalogue KEV de la CISA depuis le 12 avril 2024)');
    expect(panos.text).toContain('Score : 10,0 (critique, CVSS');
    expect(panos.text).toContain('  - Palo Alto Networks PAN-OS : de 10.2.0 (incluse) à 10.2.9-h1 (exclue)');
    expect(panos.text).not.toContain('Port-Kerlann');
    expect(panos.html).toContain('exploitée activement');

    expect(listed(bySubject(mails, 'Apache'))).toContain('CVE-2024-38475');
  });

  it('sends nothing new on a second run, nor when two runs race', async () => {
    const before = sink.received.length;
    expect(await run()).toMatchObject({ due: 5, sent: 0 });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.sent + b.sent).toBe(0);
    expect(await deliver()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(sink.received.length).toBe(before);

    // A new subscription evaluated by two racing runs: one digest, not two.
    const race = await createSubscription(ctx, { name: 'Course', vendors: ['paloaltonetworks'], frequency: 'immediate' });
    const [c, d] = await Promise.all([run(), run()]);
    expect(c.sent + d.sent).toBe(1);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect((await sink.parsedSince(before)).map((m) => m.subject?.split(' :')[0])).toEqual(['[Hygie] Course']);
    await removeSubscription(ctx, race.id);
  });

  it('unsubscribes by the link of the e-mail, without logging in; a tampered link changes nothing', async () => {
    const mail = bySubject(await sink.parsed(), 'FortiOS');
    const url = new URL(headerText(mail, 'List-Unsubscribe').replace(/^<|>$/g, ''));
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/desabonnement`);
    expect(mail.text).toContain(`Se désabonner en un clic : ${url.href}`);
    const path = `${url.pathname}${url.search}`;

    // GET shows a confirmation and changes nothing.
    const page = await server.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ne plus recevoir les e-mails de l’abonnement « FortiOS » ?');
    expect((await getMySubscription(ctx, subs.fortios!.id)).active).toBe(true);

    // A tampered token: refused, nothing changes.
    const token = url.searchParams.get('token') ?? '';
    const tampered = `/desabonnement?token=${encodeURIComponent(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))}`;
    for (const method of ['GET', 'POST'] as const) {
      const refused = await server.app.inject({ method, url: tampered, headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...(method === 'POST' ? { payload: 'List-Unsubscribe=One-Click' } : {}) });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('VULNWATCH_SUBSCRIPTION_TOKEN_INVALID');
    }
    const otherSubscription = `/desabonnement?token=${encodeURIComponent(`${subs.fortinet!.id}.${token.split('.')[1] ?? ''}`)}`;
    expect((await server.app.inject({ method: 'POST', url: otherSubscription, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(400);
    expect((await getMySubscription(ctx, subs.fortios!.id)).active).toBe(true);
    expect((await getMySubscription(ctx, subs.fortinet!.id)).active).toBe(true);

    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", no cookie, no CSRF token.
    const done = await server.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('vous ne recevrez plus les e-mails de l’abonnement « FortiOS »');
    expect((await getMySubscription(ctx, subs.fortios!.id)).active).toBe(false);
    const again = await server.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('est déjà suspendu');
    const audit = await server.platform.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('object_id', '=', subs.fortios!.id).orderBy('at').execute();
    expect(audit).toEqual([
      { action: 'vuln-watch.create-subscription', actor_kind: 'user' },
      { action: 'vuln-watch.unsubscribe', actor_kind: 'anonymous' },
    ]);
  });

  it('does not re-send a cosmetic update; sends a score raise and a KEV addition as « mise à jour », not to the unsubscribed', async () => {
    server.platform.clock.advance(60_000);
    // Reworded description of CVE-2024-23113: material for the knowledge base, cosmetic for subscribers.
    const reworded = await importCves(system, [FIXTURE('cve5-CVE-2024-23113-reworded.json')]);
    expect(reworded.counts.updated).toBe(1);
    expect(await run()).toMatchObject({ sent: 0 });

    server.platform.clock.advance(60_000);
    const before = sink.received.length;
    await importCves(system, [FIXTURE('cve5-CVE-2024-23110-rescored.json'), FIXTURE('kev-CVE-2024-38475.json')]);
    expect(await run()).toMatchObject({ sent: 2, cves: 2 });
    expect(await deliver()).toMatchObject({ sent: 2 });
    const mails = await sink.parsedSince(before);
    // The FortiOS subscription also holds CVE-2024-23110, but it was unsubscribed above.
    expect(mails.map((m) => m.subject?.split(' :')[0]).sort()).toEqual(['[Hygie] Apache', '[Hygie] Fortinet']);

    const fortinet = bySubject(mails, 'Fortinet');
    expect(listed(fortinet)).toEqual(['CVE-2024-23110']);
    expect(fortinet.subject).toBe('[Hygie] Fortinet : 1 mise(s) à jour');
    expect(fortinet.text).toContain('[Mise à jour] score relevé de 7,4 à 8,8');
    expect(fortinet.html).toContain('Mise à jour');

    const apache = bySubject(mails, 'Apache');
    expect(listed(apache)).toEqual(['CVE-2024-38475']);
    expect(apache.subject).toBe('[Hygie] Apache : 1 mise(s) à jour (dont 1 exploitée(s) activement)');
    expect(apache.text).toContain('[Mise à jour] ajoutée au catalogue des vulnérabilités exploitées (KEV)');
    expect(apache.text).toContain('exploitée activement (catalogue KEV de la CISA depuis le 1 mai 2025)');

    // The raise is recorded: the same state is not sent again.
    expect(await run()).toMatchObject({ sent: 0 });
  });
});

describe.each(testDialects())('daily and weekly digests on %s (manual clock, Europe/Paris)', (dialect) => {
  let server: TestServer;
  let sink: SmtpSink;
  let sender: MailSender;
  let system: ServiceContext;
  let structureId: string;
  const silent = createLogger('silent');
  const at = (iso: string) => server.platform.clock.set(new Date(iso));
  const deliver = () => sendDueMail({ db: server.platform.db, clock: server.platform.clock, log: silent, sender, batchSize: 100 });

  beforeAll(async () => {
    server = await startTestServer(dialect, { listen: false, env: { HYGIE_PUBLIC_URL: PUBLIC_URL } });
    sink = await startSmtpSink();
    sender = createSmtpSender(sink.url, FROM);
    system = contextFor(server.platform, systemActor('test'));
    await importCves(system, [FIXTURES.nvdFkie, FIXTURES.cve5]);
    structureId = await insertTestStructure(server.platform.db, 'Centre hospitalier de test');
  });
  afterAll(async () => {
    sender?.close();
    await sink?.close();
    await server?.close();
  });

  it('sends a daily digest once a day at its hour and a weekly one on its day, never an empty one', async () => {
    at('2026-11-29T09:00:00.000Z'); // Sunday, 10:00 in Paris
    const user = (await createUser(system, { email: 'veille@ch-test.test', firstName: 'Anne', lastName: 'Veille', role: 'beneficiary', structureIds: [structureId] })).user;
    const ctx = contextFor(server.platform, actorOf(user));
    await createSubscription(ctx, { name: 'Quotidien', vendors: ['fortinet'], frequency: 'daily', hour: 8 });
    await createSubscription(ctx, { name: 'Hebdomadaire', products: [{ vendor: 'apache', product: 'http_server' }], minScore: 9, frequency: 'weekly', weekday: 1, hour: 8 });
    const step = async (iso: string) => {
      at(iso);
      const report = await sendDigests(server.platform);
      await deliver();
      return report;
    };

    expect(await step('2026-11-29T09:00:00.000Z')).toMatchObject({ due: 0, sent: 0 }); // created after today's 8:00
    expect(await step('2026-11-30T06:50:00.000Z')).toMatchObject({ due: 0, sent: 0 }); // Monday 7:50
    expect(await step('2026-11-30T07:05:00.000Z')).toMatchObject({ due: 2, sent: 2 }); // Monday 8:05: both
    expect((await sink.parsed()).map((m) => m.subject?.split(' :')[0]).sort()).toEqual(['[Hygie] Hebdomadaire', '[Hygie] Quotidien']);
    expect(await step('2026-11-30T07:20:00.000Z')).toMatchObject({ due: 0 });

    at('2026-11-30T09:00:00.000Z');
    await importCves(system, [FIXTURE('cve5-CVE-2024-23110-rescored.json'), FIXTURE('kev-CVE-2024-38475.json')]);
    expect(await step('2026-11-30T11:00:00.000Z')).toMatchObject({ due: 0 });
    const tuesday = sink.received.length;
    expect(await step('2026-12-01T07:01:00.000Z')).toMatchObject({ due: 1, sent: 1 }); // Tuesday 8:01: the daily one
    const [daily] = await sink.parsedSince(tuesday);
    expect(daily?.subject).toBe('[Hygie] Quotidien : 1 mise(s) à jour');
    expect(daily?.text).toContain('CVE-2024-23110');
    expect(await step('2026-12-02T07:01:00.000Z')).toMatchObject({ due: 1, sent: 0 }); // nothing new: no e-mail
    const monday = sink.received.length;
    expect(await step('2026-12-07T07:01:00.000Z')).toMatchObject({ due: 2, sent: 1 }); // next Monday: the weekly one
    const [weekly] = await sink.parsedSince(monday);
    expect(weekly?.subject).toBe('[Hygie] Hebdomadaire : 1 mise(s) à jour (dont 1 exploitée(s) activement)');
    expect(weekly?.text).toContain('ajoutée au catalogue des vulnérabilités exploitées (KEV)');
    expect(sink.received).toHaveLength(4);
  });

  it('skips the subscriptions of a disabled user without sending anything', async () => {
    at('2026-12-08T09:00:00.000Z');
    const user = (await createUser(system, { email: 'parti@ch-test.test', firstName: 'Paul', lastName: 'Parti', role: 'analyst' })).user;
    await createSubscription(contextFor(server.platform, actorOf(user)), { name: 'KEV', kevOnly: true, minScore: null, frequency: 'immediate' });
    await server.platform.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    const before = sink.received.length;
    expect(await sendDigests(server.platform)).toMatchObject({ skipped: 1, sent: 0 });
    await deliver();
    expect(sink.received.length).toBe(before);
  });
});
