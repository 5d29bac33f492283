import { defineErrors } from '../../lib/errors.js';

/**
 * Error catalogue of the vulnerability-watch knowledge base (CVE import, CPE matching, product
 * catalogue). The other parts of the module keep their own catalogue files (bulletins,
 * subscriptions) and `index.ts` merges them. Messages name the record, file or value at fault.
 */
export const VulnWatchKbErrors = defineErrors({
  VULNWATCH_CVE_ID_INVALID: {
    status: 400,
    fr: 'Identifiant CVE invalide « {id} » : écrivez-le sous la forme CVE-AAAA-NNNN (par exemple CVE-2024-3400).',
    en: 'Invalid CVE identifier "{id}": write it as CVE-YYYY-NNNN (e.g. CVE-2024-3400).',
  },
  VULNWATCH_CVE_NOT_FOUND: {
    status: 404,
    fr: '{id} n’est pas dans la base de connaissances : importez les données NVD ou CVE qui la contiennent.',
    en: '{id} is not in the knowledge base: import the NVD or CVE data that holds it.',
  },
  VULNWATCH_CPE_INVALID: {
    status: 400,
    fr: 'CPE invalide « {cpe} » : {reason}. Forme attendue : cpe:2.3:partie:éditeur:produit:version:… (11 attributs, caractères spéciaux précédés de \\).',
    en: 'Invalid CPE "{cpe}": {reason}. Expected form: cpe:2.3:part:vendor:product:version:… (11 attributes, special characters escaped with \\).',
  },
  VULNWATCH_IMPORT_FORMAT_UNKNOWN: {
    status: 400,
    fr: '{file} : format non reconnu ({reason}). Formats acceptés : NVD CVE API 2.0 (JSON), enregistrements CVE 5.x, catalogue KEV de la CISA, CSV EPSS (éventuellement gzip) ; ou précisez --source.',
    en: '{file}: unrecognised format ({reason}). Accepted: NVD CVE API 2.0 JSON, CVE 5.x records, CISA KEV catalogue, EPSS CSV (optionally gzipped); or give --source.',
  },
  VULNWATCH_IMPORT_LEGACY_NVD: {
    status: 400,
    fr: '{file} : le flux NVD 1.1 (CVE_Items) n’est plus publié depuis décembre 2023 et n’est pas pris en charge : utilisez l’API NVD 2.0 ou ses exports (fkie-cad/nvd-json-data-feeds).',
    en: '{file}: the legacy NVD 1.1 feed (CVE_Items) is not supported (retired in December 2023): use the NVD 2.0 API or its 2.0 feeds (fkie-cad/nvd-json-data-feeds).',
  },
  VULNWATCH_IMPORT_SCHEMA_VERSION: {
    status: 400,
    fr: '{file} : version de schéma {found} non prise en charge pour {source} (attendu : {expected}).',
    en: '{file}: schema version {found} is not supported for {source} (expected {expected}).',
  },
  VULNWATCH_IMPORT_JSON_INVALID: {
    status: 400,
    fr: '{file} : JSON invalide ou tronqué à l’octet {offset} ({reason}) ; les {imported} enregistrements lus avant cet endroit sont conservés.',
    en: '{file}: invalid or truncated JSON at byte {offset} ({reason}); the {imported} records read before that point are kept.',
  },
  VULNWATCH_IMPORT_CSV_COLUMNS: {
    status: 400,
    fr: '{file} : colonnes manquantes {columns} (en-tête lu : {header}). Un fichier EPSS a les colonnes cve,epss,percentile.',
    en: '{file}: missing columns {columns} (header read: {header}). An EPSS file has the columns cve,epss,percentile.',
  },
  VULNWATCH_IMPORT_UNREADABLE: {
    status: 400,
    fr: '{file} : lecture impossible ({reason}).',
    en: '{file}: cannot be read ({reason}).',
  },
  VULNWATCH_IMPORT_RECORD_INVALID: {
    status: 400,
    fr: 'Enregistrement {id} ({where}) ignoré : {reason}.',
    en: 'Record {id} ({where}) skipped: {reason}.',
  },
  VULNWATCH_CVSS_VECTOR_INVALID: {
    status: 400,
    fr: 'Enregistrement {id} : le vecteur CVSS {version} « {vector} » est invalide ({reason}) ; cette métrique est ignorée (« pas encore évalué » si c’était la seule).',
    en: 'Record {id}: CVSS {version} vector "{vector}" does not parse ({reason}); that metric is ignored ("not yet scored" if it was the only one).',
  },
  VULNWATCH_CVSS_SCORE_MISMATCH: {
    status: 400,
    fr: 'Enregistrement {id} : le score CVSS {version} donné ({given}) diffère de celui que calcule son vecteur ({computed}) ; le score donné est conservé.',
    en: 'Record {id}: the CVSS {version} score given ({given}) differs from what its vector computes ({computed}); the given score is kept.',
  },
  VULNWATCH_PRODUCT_NOT_FOUND: {
    status: 404,
    fr: 'Produit introuvable dans le catalogue : vérifiez l’identifiant ou revenez à la liste des produits.',
    en: 'Product not found in the catalogue: check the identifier or go back to the product list.',
  },
  VULNWATCH_PRODUCT_TAKEN: {
    status: 409,
    fr: 'Le produit {vendor}:{product} est déjà au catalogue : modifiez la fiche existante.',
    en: 'Product {vendor}:{product} is already in the catalogue: edit the existing entry.',
  },
  VULNWATCH_PRODUCT_NAME_INVALID: {
    status: 400,
    fr: '« {value} » n’est pas un nom CPE d’éditeur ou de produit : minuscules, chiffres et _ . - (par exemple fortinet, fortios).',
    en: '"{value}" is not a CPE vendor or product name: lower-case letters, digits and _ . - (e.g. fortinet, fortios).',
  },
  VULNWATCH_PRODUCT_CATEGORY_UNKNOWN: {
    status: 400,
    fr: 'Catégorie de produit inconnue « {value} » : choisissez parmi {allowed}.',
    en: 'Unknown product category "{value}": choose among {allowed}.',
  },
  VULNWATCH_DEPLOYMENT_NOT_FOUND: {
    status: 404,
    fr: 'Ce produit n’est pas déclaré pour cette structure.',
    en: 'This product is not declared for this structure.',
  },
  VULNWATCH_VERSION_INVALID: {
    status: 400,
    fr: 'Version invalide « {value} » : 100 caractères au plus, sans caractère de contrôle.',
    en: 'Invalid version "{value}": at most 100 characters, no control characters.',
  },
});

/** A code of the knowledge-base catalogue. */
export type VulnWatchKbErrorCode = keyof typeof VulnWatchKbErrors;
