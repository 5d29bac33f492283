import { defineErrors } from '../../lib/errors.js';

/**
 * Error catalogue of the bulletins, public portal, indicators and news part of the vulnerability
 * watch (codes VULNWATCH_BULLETIN_*, VULNWATCH_NEWS_*, VULNWATCH_INDICATORS_*). French first.
 */
export const VulnWatchBulletinErrors = defineErrors({
  VULNWATCH_BULLETIN_NOT_FOUND: {
    status: 404,
    fr: 'Bulletin introuvable : il n’existe pas ou n’est pas publié. Revenez à la liste des bulletins.',
    en: 'Bulletin not found: it does not exist or is not published. Go back to the bulletin list.',
  },
  VULNWATCH_BULLETIN_INCOMPLETE: {
    status: 400,
    fr: 'Le bulletin ne peut pas être publié : complétez les champs signalés (titre, résumé, systèmes affectés, solution).',
    en: 'The bulletin cannot be published: fill in the fields shown (title, summary, affected systems, solution).',
  },
  VULNWATCH_BULLETIN_FIELD_INVALID: {
    status: 400,
    fr: 'Champ « {field} » invalide : {reason}.',
    en: 'Field "{field}" is invalid: {reason}.',
  },
  VULNWATCH_BULLETIN_RISK_UNKNOWN: {
    status: 400,
    fr: 'Risque inconnu « {value} » : choisissez parmi {allowed}.',
    en: 'Unknown risk "{value}": choose among {allowed}.',
  },
  VULNWATCH_BULLETIN_REFERENCE_INVALID: {
    status: 400,
    fr: 'Lien de documentation invalide ligne {line} (« {value} ») : écrivez « libellé | https://… » ou une adresse http(s) seule.',
    en: 'Invalid documentation link on line {line} ("{value}"): write "label | https://…" or an http(s) address alone.',
  },
  VULNWATCH_BULLETIN_CVE_UNKNOWN: {
    status: 400,
    fr: '{id} n’est pas dans la base de connaissances (ou n’est pas un identifiant CVE) : importez-la d’abord ou corrigez l’identifiant.',
    en: '{id} is not in the knowledge base (or is not a CVE id): import it first or fix the id.',
  },
  VULNWATCH_BULLETIN_PRODUCT_UNKNOWN: {
    status: 400,
    fr: 'Produit « {id} » absent du catalogue : ajoutez-le au catalogue ou retirez-le du bulletin.',
    en: 'Product "{id}" is not in the catalogue: add it to the catalogue or remove it from the bulletin.',
  },
  VULNWATCH_BULLETIN_REVISION_NOTE_REQUIRED: {
    status: 400,
    fr: 'Ce bulletin est publié : toute modification crée une révision publique. Indiquez le motif de la révision (par exemple « Ajout des versions corrigées »).',
    en: 'This bulletin is published: any change creates a public revision. Give the revision note (e.g. "Fixed versions added").',
  },
  VULNWATCH_BULLETIN_STATUS: {
    status: 409,
    fr: 'Action impossible sur un bulletin {status} : {action}.',
    en: 'Not possible on a {status} bulletin: {action}.',
  },
  VULNWATCH_BULLETIN_STATUS_FILTER: {
    status: 403,
    fr: 'Seuls les analystes du CERT voient les bulletins en brouillon ou retirés.',
    en: 'Only CERT analysts see draft or withdrawn bulletins.',
  },
  VULNWATCH_BULLETIN_REFERENCE_TAKEN: {
    status: 409,
    fr: 'La référence {reference} vient d’être attribuée à un autre bulletin : publiez de nouveau.',
    en: 'Reference {reference} was just given to another bulletin: publish again.',
  },
  VULNWATCH_NEWS_NOT_FOUND: {
    status: 404,
    fr: 'Actualité introuvable : elle n’existe pas ou n’est pas publiée.',
    en: 'News item not found: it does not exist or is not published.',
  },
  VULNWATCH_NEWS_INCOMPLETE: {
    status: 400,
    fr: 'L’actualité ne peut pas être publiée : complétez le titre, le chapô et le texte.',
    en: 'The news item cannot be published: fill in the title, the summary and the text.',
  },
  VULNWATCH_NEWS_KIND_UNKNOWN: {
    status: 400,
    fr: 'Type d’activité inconnu « {value} » : choisissez parmi {allowed}.',
    en: 'Unknown activity kind "{value}": choose among {allowed}.',
  },
  VULNWATCH_NEWS_STATUS: {
    status: 409,
    fr: 'Action impossible sur une actualité {status} : {action}.',
    en: 'Not possible on a {status} news item: {action}.',
  },
  VULNWATCH_INDICATORS_CHART_UNKNOWN: {
    status: 404,
    fr: 'Graphique inconnu « {chart} » : les indicateurs proposent {allowed}.',
    en: 'Unknown chart "{chart}": the indicators offer {allowed}.',
  },
});

/** A code of the bulletins/portal catalogue. */
export type VulnWatchBulletinErrorCode = keyof typeof VulnWatchBulletinErrors;
