import { describe, expect, it } from 'vitest';
import { mergeCve } from './cve.merge.js';
import { materialFingerprint } from './digest.fingerprint.js';
import { renderDigestMail, type DigestLinks } from './digest.mail.js';
import { affectedInWords } from './digest.words.js';
import { FIXTURES, cve5Record, nvdRecord } from './sources/fixtures.js';
import type { Digest, DigestItem, MaterialChange, MatchReason, Subscription } from './subscription.types.js';
import type { Cve } from './vuln-watch.types.js';

function real(id: string, nvd = false): Cve {
  return mergeCve({ id, nvd: nvd ? nvdRecord(FIXTURES.nvdFkie, id) : null, cve5: cve5Record(id), kev: null, epss: null }, '2026-01-01T00:00:00.000Z');
}

const links: DigestLinks = {
  cve: (id) => `https://hygie.example/cves/${id}`,
  manage: (id) => `https://hygie.example/espace/abonnements/${id}`,
  unsubscribe: (id) => `https://hygie.example/desabonnement?token=${id}.sig`,
};

function item(cve: Cve, reasons: MatchReason[], status: 'new' | 'update' = 'new', changes: MaterialChange[] = []): DigestItem {
  return {
    cveId: cve.id,
    status,
    changes,
    reasons,
    title: cve.title,
    description: cve.description,
    score: cve.selectedScore?.score ?? null,
    scoreVersion: cve.selectedScore?.version ?? null,
    vector: cve.selectedScore?.vector ?? null,
    scoreSource: cve.selectedScore?.source ?? null,
    kev: cve.kev !== null,
    kevDateAdded: cve.kev?.dateAdded ?? null,
    publishedAt: cve.publishedAt,
    affectedLines: affectedInWords(cve, 'fr'),
    url: links.cve(cve.id),
    fingerprint: materialFingerprint(cve),
    materialChangedAt: cve.materialChangedAt,
  };
}

const subscription: Subscription = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  ownerId: 'u',
  structureId: null,
  name: 'Pare-feu & VPN',
  vendors: ['fortinet'],
  products: [],
  keywords: [],
  minScore: 7,
  kevOnly: false,
  includeUnscored: true,
  deployedProducts: true,
  frequency: 'daily',
  hour: 8,
  weekday: 1,
  active: true,
  cursorAt: '2026-01-01T00:00:00.000Z',
  lastRunAt: null,
  lastSentAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const FORTIOS = real('CVE-2024-21762', true);
const PANOS = real('CVE-2024-3400');
const FORTIOS_23110 = real('CVE-2024-23110');

function digest(items: DigestItem[], omitted = 0): Digest {
  const update = items.filter((i) => i.status === 'update').length;
  return { subscriptionId: subscription.id, items, omitted, counts: { new: items.length - update + omitted, update, kev: items.filter((i) => i.kev).length } };
}

describe('digest e-mail', () => {
  const mail = renderDigestMail({
    subscription,
    lang: 'fr',
    links,
    digest: digest([
      item(PANOS, [{ kind: 'deployment', structureNames: ['Centre hospitalier A'], productName: 'PAN-OS', version: '10.2.9', certainty: 'confirmed' }]),
      item(FORTIOS, [{ kind: 'vendor', vendor: 'fortinet' }]),
      item(FORTIOS_23110, [{ kind: 'vendor', vendor: 'fortinet' }], 'update', [{ kind: 'score-raised', from: 7.4, to: 8.8 }]),
    ]),
  });

  it('says in the subject how many CVEs are new, updated and actively exploited', () => {
    expect(mail.subject).toBe('[Hygie] Pare-feu & VPN : 2 nouvelle(s) CVE, 1 mise(s) à jour (dont 2 exploitée(s) activement)');
  });

  it('gives each CVE its score, vector, KEV flag, affected versions, reason and absolute link, in French', () => {
    for (const id of ['CVE-2024-3400', 'CVE-2024-21762', 'CVE-2024-23110']) expect(mail.text).toContain(`Fiche détaillée : https://hygie.example/cves/${id}`);
    expect(mail.text).toContain('Score : 10,0 (critique, CVSS');
    expect(mail.text).toContain('Vecteur : CVSS:');
    expect(mail.text).toContain('exploitée activement (catalogue KEV de la CISA depuis le 12 avril 2024)');
    expect(mail.text).toContain('  - Palo Alto Networks PAN-OS : de 10.2.0 (incluse) à 10.2.9-h1 (exclue) ; de 11.0.0 (incluse) à 11.0.4-h1 (exclue) ; de 11.1.0 (incluse) à 11.1.2-h3 (exclue)');
    expect(mail.text).toContain('  - fortinet fortios : de 6.0.0 (incluse) à 6.0.18 (exclue)');
    expect(mail.text).toContain('Pourquoi vous la recevez : produit déployé : PAN-OS 10.2.9 (Centre hospitalier A)');
    expect(mail.text).toContain('Pourquoi vous la recevez : éditeur suivi : fortinet');
    expect(mail.text).toContain('[Mise à jour] score relevé de 7,4 à 8,8');
    expect(mail.text).toContain('Se désabonner en un clic : https://hygie.example/desabonnement?token=');
    expect(mail.html).toContain('<a href="https://hygie.example/cves/CVE-2024-3400">CVE-2024-3400</a>');
    expect(mail.html).toContain('exploitée activement');
    expect(mail.html).toContain('<html lang="fr">');
  });

  it('lists the most important first: KEV, then score', () => {
    const order = ['CVE-2024-3400', 'CVE-2024-21762', 'CVE-2024-23110'].map((id) => mail.text.indexOf(`\n${id}`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('escapes what the data says in the HTML part', () => {
    const hostile = { ...item(FORTIOS, [{ kind: 'keyword', keyword: '<b>x</b>' }]), title: '<img src=x onerror=alert(1)>', description: '</p><script>alert(1)</script>' };
    const html = renderDigestMail({ subscription: { ...subscription, name: '<i>nom</i>' }, lang: 'fr', links, digest: digest([hostile]) }).html;
    expect(html).not.toMatch(/<img|<script|<i>nom|<b>x/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('counts what it leaves out and links to the private space', () => {
    const text = renderDigestMail({ subscription, lang: 'fr', links, digest: digest([item(FORTIOS, [{ kind: 'vendor', vendor: 'fortinet' }])], 12) }).text;
    expect(text).toContain('et 12 autre(s) CVE, que vous retrouvez dans votre espace : https://hygie.example/espace/abonnements/');
  });

  it('speaks English to English-speaking users', () => {
    const en = renderDigestMail({ subscription, lang: 'en', links, digest: digest([item(FORTIOS, [{ kind: 'vendor', vendor: 'fortinet' }])]) });
    expect(en.subject).toBe('[Hygie] Pare-feu & VPN: 1 new CVE(s) (1 actively exploited)');
    expect(en.text).toContain('watched vendor: fortinet');
  });
});
