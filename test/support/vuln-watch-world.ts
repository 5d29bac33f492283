import type { ServiceContext } from '../../src/platform/context.js';
import {
  createBulletin,
  publishBulletin,
  withdrawBulletin,
} from '../../src/modules/vuln-watch/bulletin.service.js';
import { importCves } from '../../src/modules/vuln-watch/import.service.js';
import { createNews, publishNews, withdrawNews } from '../../src/modules/vuln-watch/news.service.js';
import { addProduct, declareDeployment } from '../../src/modules/vuln-watch/product.service.js';
import { FIXTURES } from '../../src/modules/vuln-watch/sources/fixtures.js';
import { createSubscription } from '../../src/modules/vuln-watch/subscription.service.js';

/*
 * Vulnerability-watch objects for the cross-module tests (authorisation matrix, CSP and markup):
 * the real fkie NVD sample in the knowledge base, a catalogue product and deployments, bulletins
 * and news items in each status, subscriptions. Everything through the module's services, acting
 * as the system (or as the subscription's owner); nothing leaves the process.
 */

/** A CVE of the fkie sample (PAN-OS GlobalProtect, KEV). */
export const KB_CVE = 'CVE-2024-3400';

/** The knowledge base of a world: the fkie sample imported, the FortiOS catalogue product. */
export async function seedKnowledgeBase(
  system: ServiceContext,
): Promise<{ cveId: string; productId: string }> {
  await importCves(system, [FIXTURES.nvdFkie]);
  const product = await addProduct(system, {
    vendor: 'fortinet',
    product: 'fortios',
    displayName: 'Fortinet FortiOS',
    category: 'firewall',
  });
  return { cveId: KB_CVE, productId: product.id };
}

/** A new catalogue product's fields (unique names). */
export function newProductFields(n: number): {
  vendor: string;
  product: string;
  displayName: string;
  category: string;
} {
  return { vendor: 'matrice', product: `produit_${n}`, displayName: `Produit ${n}`, category: 'other' };
}

/** A new deployment of the product at the structure, in a version of its own (to withdraw). */
export async function newDeployment(
  system: ServiceContext,
  structureId: string,
  productId: string,
  n: number,
): Promise<{ productId: string; version: string }> {
  const version = `7.0.${n}`;
  await declareDeployment(system, structureId, { productId, version });
  return { productId, version };
}

/** Every field a bulletin needs to be published (API form). */
export function bulletinFields(n: number): {
  title: string;
  summary: string;
  affectedSystems: string;
  solution: string;
  risks: string[];
  references: { label: string; url: string }[];
  cveIds: string[];
} {
  return {
    title: `Vulnérabilité critique dans PAN-OS GlobalProtect (${n})`,
    summary: 'Une injection de commande permet à un attaquant non authentifié d’exécuter du code.',
    affectedSystems: 'PAN-OS 10.2 avant 10.2.9-h1, 11.0 avant 11.0.4-h1, 11.1 avant 11.1.2-h3',
    solution: 'Appliquer les correctifs de l’éditeur.',
    risks: [],
    references: [{ label: 'Avis de l’éditeur', url: 'https://security.paloaltonetworks.com/CVE-2024-3400' }],
    cveIds: [KB_CVE],
  };
}

/** A bulletin in the given status (a withdrawn one was published first). */
export async function newBulletin(
  system: ServiceContext,
  status: 'draft' | 'published' | 'withdrawn',
  n: number,
): Promise<string> {
  const { id } = await createBulletin(system, bulletinFields(n));
  if (status === 'draft') return id;
  await publishBulletin(system, id);
  if (status === 'withdrawn') await withdrawBulletin(system, id, { reason: 'Publié par erreur' });
  return id;
}

/** Every field a news item needs to be published. */
export function newsFields(n: number): { kind: string; title: string; summary: string; body: string } {
  return {
    kind: 'phishing',
    title: `Campagne d’hameçonnage visant les établissements de santé (${n})`,
    summary: 'Des courriels imitant l’Assurance maladie visent les services de facturation.',
    body: 'Ne pas ouvrir les pièces jointes ; signaler les messages au CERT.',
  };
}

/** A news item in the given status. */
export async function newNews(
  system: ServiceContext,
  status: 'draft' | 'published' | 'withdrawn',
  n: number,
): Promise<string> {
  const { id } = await createNews(system, newsFields(n));
  if (status === 'draft') return id;
  await publishNews(system, id);
  if (status === 'withdrawn') await withdrawNews(system, id, { reason: 'Doublon' });
  return id;
}

/** A subscription of the user `owner` acts as (vendors only: every role may keep one). */
export async function newSubscription(owner: ServiceContext, n: number): Promise<string> {
  const s = await createSubscription(owner, {
    name: `Veille pare-feu ${n}`,
    vendors: ['fortinet', 'paloaltonetworks'],
    keywords: ['GlobalProtect'],
    frequency: 'daily',
  });
  return s.id;
}
