import { CommonErrors, defineErrors, HygieError, type Lang } from '../../lib/errors.js';

/** Error catalogue of the scanner: what is wrong and what to do next. */
export const ScannerErrors = defineErrors({
  SCANNER_TARGET_INVALID: {
    status: 400,
    fr: 'Cible invalide : donnez des adresses IP, des blocs CIDR (/16 au plus large) ou des noms de domaine ; le détail indique chaque cible à corriger.',
    en: 'Invalid target: give IP addresses, CIDR blocks (/16 at the widest) or domain names; the details name each target to fix.',
  },
  SCANNER_PORTS_INVALID: {
    status: 400,
    fr: 'Liste de ports invalide ({reason}) : écrivez top100, top1000, all, ou une liste telle que 80,443,8000-8100.',
    en: 'Invalid port list ({reason}): write top100, top1000, all, or a list such as 80,443,8000-8100.',
  },
  SCANNER_NO_PORTS: {
    status: 400,
    fr: 'Aucun port à scanner une fois les ports exclus retirés : élargissez la liste ou réduisez les exclusions.',
    en: 'No port left to scan once excluded ports are removed: widen the list or exclude fewer ports.',
  },
  SCANNER_DNS_SERVER_INVALID: {
    status: 400,
    fr: 'Serveur DNS invalide « {value} » : donnez une adresse IP, éventuellement suivie de :port (192.0.2.53:53).',
    en: 'Invalid DNS server "{value}": give an IP address, optionally followed by :port (192.0.2.53:53).',
  },
  SCANNER_DNS_NOT_CONFIGURED: {
    status: 400,
    fr: 'Des noms de domaine sont à scanner mais aucun serveur DNS n’est configuré : définissez HYGIE_DNS_SERVERS ou passez --dns-server (le résolveur du système n’est jamais utilisé).',
    en: 'Domain names are to be scanned but no DNS server is configured: set HYGIE_DNS_SERVERS or pass --dns-server (the system resolver is never used).',
  },
  SCANNER_CT_FILE_INVALID: {
    status: 400,
    fr: 'Fichier de transparence des certificats illisible : {reason}',
    en: 'Unreadable certificate-transparency file: {reason}',
  },
  SCANNER_TIMEOUT_INVALID: {
    status: 400,
    fr: 'Délai invalide : donnez un nombre de millisecondes entre 100 et 60000.',
    en: 'Invalid timeout: give a number of milliseconds between 100 and 60000.',
  },
  SCANNER_STRUCTURE_EMPTY: {
    status: 400,
    fr: 'La structure « {name} » n’a ni domaine ni réseau actif enregistré : ajoutez-les au référentiel ou donnez des cibles.',
    en: 'Structure "{name}" has no active domain or network registered: add them to the registry or give targets.',
  },
  SCANNER_NOT_FINISHED: {
    status: 409,
    fr: 'Le scan n’est pas terminé (état : {status}) : son résultat sera disponible à la fin ; suivez sa progression sur sa page.',
    en: 'The scan has not finished (status: {status}): its result is available at the end; follow its progress on its page.',
  },
  SCANNER_NOT_RESUMABLE: {
    status: 409,
    fr: 'Ce scan est terminé (état : {status}) : il n’y a rien à reprendre ; lancez un nouveau scan.',
    en: 'This scan has finished (status: {status}): there is nothing to resume; launch a new scan.',
  },
  SCANNER_ALREADY_FINISHED: {
    status: 409,
    fr: 'Ce scan est déjà terminé (état : {status}) : il ne peut plus être annulé.',
    en: 'This scan has already finished (status: {status}): it can no longer be cancelled.',
  },
  SCANNER_FINDING_STATUS_INVALID: {
    status: 400,
    fr: 'Statut invalide « {value} » : choisissez open, acknowledged, resolved, false-positive ou accepted-risk.',
    en: 'Invalid status "{value}": choose open, acknowledged, resolved, false-positive or accepted-risk.',
  },
  SCANNER_FINDING_REASON_REQUIRED: {
    status: 400,
    fr: 'Expliquez pourquoi (3 à 2000 caractères) : un faux positif ou un risque accepté doit être justifié pour les prochains analystes.',
    en: 'Explain why (3 to 2,000 characters): a false positive or an accepted risk must be justified for the next analysts.',
  },
  SCANNER_DIFF_UNAVAILABLE: {
    status: 409,
    fr: 'Pas de comparaison possible : {reason}',
    en: 'No comparison possible: {reason}',
  },
});

/** "Scan not found" (the platform's 404, so that a hidden scan answers like a missing one). */
export function scanNotFound(_lang?: Lang): HygieError {
  return new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: 'Scan' });
}

/** "Finding not found", likewise. */
export function findingNotFound(lang: Lang): HygieError {
  return new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: lang === 'fr' ? 'Constat' : 'Finding' });
}

/** "Host not found", likewise. */
export function hostNotFound(lang: Lang): HygieError {
  return new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: lang === 'fr' ? 'Hôte' : 'Host' });
}
