import { defineMessages, type Text } from '../../platform/i18n/i18n.js';
import type { FindingChange } from './findings/finding-lifecycle.js';
import type { FindingCategory, FindingSeverity, FindingStatus } from './findings/finding.types.js';

/** Interface texts of the scanner pages, French first. */
export const scannerMessages = defineMessages({
  scans: { fr: 'Scans', en: 'Scans' },
  scansIntro: {
    fr: 'Cartographie de la surface exposée : noms de domaine, adresses, ports ouverts et services identifiés.',
    en: 'Map of the exposed surface: domain names, addresses, open ports and identified services.',
  },
  newScan: { fr: 'Nouveau scan', en: 'New scan' },
  targets: { fr: 'Cibles', en: 'Targets' },
  targetsHelp: {
    fr: 'Adresses IP, blocs CIDR (/16 au plus large) ou noms de domaine, un par ligne ou séparés par des espaces.',
    en: 'IP addresses, CIDR blocks (/16 at the widest) or domain names, one per line or separated by spaces.',
  },
  ports: { fr: 'Ports', en: 'Ports' },
  portsTop100: { fr: '100 ports les plus utiles (top100)', en: '100 most useful ports (top100)' },
  portsTop1000: { fr: '1 000 ports les plus utiles (top1000)', en: '1,000 most useful ports (top1000)' },
  portsAll: { fr: 'Tous les ports (1-65535)', en: 'All ports (1-65535)' },
  portList: { fr: 'Ou une liste de ports', en: 'Or a list of ports' },
  portListHelp: {
    fr: 'Par exemple 80,443,8000-8100 ; remplace le choix ci-dessus.',
    en: 'For example 80,443,8000-8100; replaces the choice above.',
  },
  structure: { fr: 'Structure', en: 'Structure' },
  structureNone: { fr: '— aucune (cibles seules) —', en: '— none (targets only) —' },
  structureHelp: {
    fr: 'Ajoute les domaines et réseaux enregistrés de la structure aux cibles, et rattache le scan à la structure.',
    en: "Adds the structure's registered domains and networks to the targets, and links the scan to it.",
  },
  launch: { fr: 'Lancer le scan', en: 'Launch the scan' },
  none: { fr: 'Aucun scan pour le moment.', en: 'No scan yet.' },
  created: { fr: 'Créé', en: 'Created' },
  status: { fr: 'État', en: 'Status' },
  stage: { fr: 'Étape', en: 'Stage' },
  by: { fr: 'Par', en: 'By' },
  hosts: { fr: 'Hôtes', en: 'Hosts' },
  services: { fr: 'Services', en: 'Services' },
  domains: { fr: 'Domaines', en: 'Domains' },
  scan: { fr: 'Scan', en: 'Scan' },
  progress: { fr: 'Progression', en: 'Progress' },
  started: { fr: 'Démarré', en: 'Started' },
  finished: { fr: 'Terminé', en: 'Finished' },
  cancel: { fr: 'Annuler le scan', en: 'Cancel the scan' },
  refused: { fr: 'Refusé par le périmètre', en: 'Refused by the scope' },
  refusedIntro: {
    fr: 'Adresses et noms que le contrôle de périmètre a refusés : rien ne leur a été envoyé.',
    en: 'Addresses and names the scope guard refused: nothing was sent to them.',
  },
  reason: { fr: 'Raison', en: 'Reason' },
  target: { fr: 'Cible', en: 'Target' },
  notes: { fr: 'Remarques', en: 'Notes' },
  address: { fr: 'Adresse', en: 'Address' },
  names: { fr: 'Noms', en: 'Names' },
  port: { fr: 'Port', en: 'Port' },
  protocol: { fr: 'Protocole', en: 'Protocol' },
  product: { fr: 'Produit', en: 'Product' },
  version: { fr: 'Version', en: 'Version' },
  banner: { fr: 'Bannière', en: 'Banner' },
  source: { fr: 'Source', en: 'Source' },
  addresses: { fr: 'Adresses', en: 'Addresses' },
  noHosts: { fr: 'Aucun hôte trouvé pour le moment.', en: 'No host found yet.' },
  host: { fr: 'Hôte', en: 'Host' },
  firstSeen: { fr: 'Vu la première fois', en: 'First seen' },
  lastSeen: { fr: 'Vu la dernière fois', en: 'Last seen' },
  technologies: { fr: 'Technologies', en: 'Technologies' },
  lastScan: { fr: 'Dernier scan', en: 'Last scan' },
  structureLink: { fr: 'Structure propriétaire', en: 'Owning structure' },
  unknownStructure: { fr: 'non rattaché au référentiel', en: 'not linked to the registry' },
  error: { fr: 'Erreur', en: 'Error' },
  resumeHint: {
    fr: 'Ce scan a été interrompu : un opérateur peut le reprendre avec « hygie scan --resume {id} ».',
    en: 'This scan was interrupted: an operator can resume it with "hygie scan --resume {id}".',
  },
  statusQueued: { fr: 'en attente', en: 'queued' },
  statusRunning: { fr: 'en cours', en: 'running' },
  statusCompleted: { fr: 'terminé', en: 'completed' },
  statusPartial: { fr: 'partiel', en: 'partial' },
  statusFailed: { fr: 'échec', en: 'failed' },
  stageDiscover: { fr: 'découverte DNS', en: 'DNS discovery' },
  stagePorts: { fr: 'ports', en: 'ports' },
  stageIdentify: { fr: 'identification', en: 'identification' },
  stageAssess: { fr: 'contrôles', en: 'checks' },
  reasonFirstSeen: { fr: 'vu pour la première fois', en: 'first seen' },
  reasonSeenAgain: { fr: 'vu de nouveau après sa résolution', en: 'seen again after it was resolved' },
  reasonEvidenceChanged: {
    fr: 'ce qui est observé a changé depuis qu’il a été jugé faux positif',
    en: 'what is observed changed since it was judged a false positive',
  },
  reasonNotSeen: {
    fr: 'plus vu par un scan complet du même périmètre',
    en: 'no longer seen by a complete scan of the same scope',
  },
  stageDone: { fr: 'fini', en: 'done' },
  tlsYes: { fr: 'TLS', en: 'TLS' },
  findings: { fr: 'Constats', en: 'Findings' },
  findingsIntro: {
    fr: 'Problèmes de sécurité relevés par les scans, suivis d’un scan à l’autre jusqu’à leur correction.',
    en: 'Security problems found by scans, followed from one scan to the next until they are fixed.',
  },
  finding: { fr: 'Constat', en: 'Finding' },
  severity: { fr: 'Sévérité', en: 'Severity' },
  category: { fr: 'Type', en: 'Category' },
  check: { fr: 'Contrôle', en: 'Check' },
  findingTitle: { fr: 'Intitulé', en: 'Title' },
  findingStatus: { fr: 'Statut', en: 'Status' },
  searchText: { fr: 'Texte recherché', en: 'Search text' },
  scanFilter: { fr: 'Identifiant de scan', en: 'Scan id' },
  any: { fr: 'Tous', en: 'Any' },
  statusToHandle: {
    fr: 'À traiter (hors résolus et faux positifs)',
    en: 'To handle (not resolved, not false positives)',
  },
  statusAll: { fr: 'Tous les statuts', en: 'Every status' },
  filter: { fr: 'Filtrer', en: 'Filter' },
  resetFilters: { fr: 'Effacer les filtres', en: 'Clear the filters' },
  noFindings: { fr: 'Aucun constat ne correspond.', en: 'No finding matches.' },
  evidence: { fr: 'Ce qui a été observé', en: 'What was seen' },
  description: { fr: 'Description', en: 'Description' },
  recommendation: { fr: 'Recommandation', en: 'Recommendation' },
  references: { fr: 'Références', en: 'References' },
  vulnerabilities: { fr: 'Vulnérabilités connues', en: 'Known vulnerabilities' },
  cvss: { fr: 'Score CVSS', en: 'CVSS score' },
  cvssVector: { fr: 'Vecteur CVSS', en: 'CVSS vector' },
  kev: {
    fr: 'Activement exploitée (catalogue CISA KEV)',
    en: 'Actively exploited (CISA KEV catalogue)',
  },
  statusSetBy: { fr: 'Décidé par {who} le {when}', en: 'Set by {who} on {when}' },
  statusSetByScan: { fr: 'Fixé par un scan le {when}', en: 'Set by a scan on {when}' },
  scanActor: { fr: 'un scan', en: 'a scan' },
  history: { fr: 'Historique du statut', en: 'Status history' },
  historyNone: { fr: 'Aucun changement de statut.', en: 'No status change.' },
  date: { fr: 'Date', en: 'Date' },
  fromStatus: { fr: 'Avant', en: 'From' },
  toStatus: { fr: 'Après', en: 'To' },
  triage: { fr: 'Changer le statut', en: 'Change the status' },
  newStatus: { fr: 'Nouveau statut', en: 'New status' },
  reasonHelp: {
    fr: 'Obligatoire pour un faux positif ou un risque accepté : expliquez pourquoi, pour les prochains analystes.',
    en: 'Required for a false positive or an accepted risk: explain why, for the next analysts.',
  },
  save: { fr: 'Enregistrer', en: 'Save' },
  statusSaved: { fr: 'Le statut du constat est enregistré.', en: 'The finding’s status is saved.' },
  scanFindings: { fr: 'Constats de ce scan', en: 'Findings of this scan' },
  diffBase: {
    fr: 'Comparé au scan précédent du même périmètre :',
    en: 'Compared with the previous scan of the same scope:',
  },
  diffNoBase: {
    fr: 'Premier scan de ce périmètre : tous ses constats sont nouveaux.',
    en: 'First scan of this scope: all its findings are new.',
  },
  diffCounts: {
    fr: 'Nouveaux : {new} · toujours présents : {still} · corrigés : {fixed}',
    en: 'New: {new} · still present: {still} · fixed: {fixed}',
  },
  noScanFindings: { fr: 'Ce scan n’a relevé aucun constat.', en: 'This scan found nothing.' },
  scanSarifLink: {
    fr: 'Télécharger les constats au format SARIF 2.1.0',
    en: 'Download the findings as SARIF 2.1.0',
  },
  scanFindingsLink: {
    fr: 'Voir les constats de ce scan dans la liste',
    en: 'See this scan’s findings in the list',
  },
  change: { fr: 'Évolution', en: 'Change' },
});

/** Message key of a status. */
export const STATUS_KEYS = {
  queued: 'statusQueued',
  running: 'statusRunning',
  completed: 'statusCompleted',
  partial: 'statusPartial',
  failed: 'statusFailed',
} as const;

/** Message key of the reason codes a scan writes in a finding's history. */
export const SCAN_REASON_KEYS: Readonly<Record<string, keyof typeof scannerMessages>> = {
  'first-seen': 'reasonFirstSeen',
  'seen-again': 'reasonSeenAgain',
  'evidence-changed': 'reasonEvidenceChanged',
  'not-seen': 'reasonNotSeen',
};

/** Message key of a stage. */
export const STAGE_KEYS: Readonly<Record<string, keyof typeof scannerMessages>> = {
  discover: 'stageDiscover',
  ports: 'stagePorts',
  identify: 'stageIdentify',
  assess: 'stageAssess',
  done: 'stageDone',
};

/** Severities of findings (the badge also carries the word: never colour alone). */
export const FINDING_SEVERITY_LABELS: Readonly<Record<FindingSeverity, Text>> = {
  critical: { fr: 'Critique', en: 'Critical' },
  high: { fr: 'Élevée', en: 'High' },
  medium: { fr: 'Moyenne', en: 'Medium' },
  low: { fr: 'Faible', en: 'Low' },
  info: { fr: 'Information', en: 'Info' },
};

/** Categories of findings, as the report names them (checks/CATALOGUE.md). */
export const FINDING_CATEGORY_LABELS: Readonly<Record<FindingCategory, Text>> = {
  'identity-spoofing': { fr: 'Usurpation d’identité', en: 'Identity spoofing' },
  misconfiguration: { fr: 'Défaut de configuration', en: 'Misconfiguration' },
  'obsolete-software': { fr: 'Logiciel obsolète', en: 'Obsolete software' },
  'known-vulnerability': { fr: 'Vulnérabilité connue', en: 'Known vulnerability' },
  'exposed-service': { fr: 'Service sensible exposé', en: 'Exposed sensitive service' },
  'weak-authentication': { fr: 'Authentification faible', en: 'Weak authentication' },
  'information-leak': { fr: 'Fuite d’information', en: 'Information leak' },
  takeover: { fr: 'Prise de contrôle', en: 'Takeover' },
  compromise: { fr: 'Compromission', en: 'Compromise' },
};

/** Where the CERT stands on a finding. */
export const FINDING_STATUS_LABELS: Readonly<Record<FindingStatus, Text>> = {
  open: { fr: 'ouvert', en: 'open' },
  acknowledged: { fr: 'pris en compte', en: 'acknowledged' },
  resolved: { fr: 'résolu', en: 'resolved' },
  'false-positive': { fr: 'faux positif', en: 'false positive' },
  'accepted-risk': { fr: 'risque accepté', en: 'accepted risk' },
};

/** How a finding moved since the base scan. */
export const FINDING_CHANGE_LABELS: Readonly<Record<FindingChange, Text>> = {
  new: { fr: 'nouveau', en: 'new' },
  still: { fr: 'toujours présent', en: 'still present' },
  fixed: { fr: 'corrigé', en: 'fixed' },
};
