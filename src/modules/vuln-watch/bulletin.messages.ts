/** Interface texts of the bulletins, public portal, indicators and news pages, French first. */
import { defineMessages, type Text } from '../../platform/i18n/i18n.js';
import type { BulletinChange, BulletinRisk, BulletinStatus } from './bulletin.types.js';
import type { NewsKind } from './news.types.js';
import type { ProductCategory, Severity } from './vuln-watch.types.js';

/** Every text of the portal pages. */
export const bulletinMessages = defineMessages({
  // Navigation and titles
  watch: { fr: 'Veille', en: 'Watch' },
  bulletins: { fr: 'Bulletins de sécurité', en: 'Security bulletins' },
  bulletinsIntro: {
    fr: 'Les vulnérabilités de score CVSS 7 ou plus, ou activement exploitées, qui touchent des produits déployés dans les établissements de santé et médico-sociaux.',
    en: 'Vulnerabilities scored CVSS 7 or more, or actively exploited, that affect products deployed in health and medico-social structures.',
  },
  toReview: { fr: 'Bulletins à valider', en: 'Bulletins to review' },
  toReviewIntro: {
    fr: 'Brouillons proposés à partir de la base de connaissances (les vulnérabilités exploitées et les scores les plus élevés d’abord), et bulletins publiés dont une CVE a changé.',
    en: 'Drafts proposed from the knowledge base (exploited vulnerabilities and highest scores first), and published bulletins whose CVE changed.',
  },
  drafts: { fr: 'Brouillons', en: 'Drafts' },
  noDrafts: { fr: 'Aucun brouillon.', en: 'No draft.' },
  pendingTitle: { fr: 'Bulletins publiés à revoir', en: 'Published bulletins to review' },
  noPending: { fr: 'Aucun bulletin publié n’attend de révision.', en: 'No published bulletin waits for a revision.' },
  newBulletin: { fr: 'Nouveau bulletin', en: 'New bulletin' },
  editBulletin: { fr: 'Modifier le bulletin', en: 'Edit bulletin' },
  news: { fr: 'Actualités', en: 'News' },
  newsIntro: {
    fr: 'Activités malveillantes visant le secteur de la santé : campagnes d’hameçonnage, rançongiciels, dénis de service…',
    en: 'Malicious activities targeting the health sector: phishing campaigns, ransomware, denial of service…',
  },
  newNews: { fr: 'Nouvelle actualité', en: 'New news item' },
  editNews: { fr: 'Modifier l’actualité', en: 'Edit news item' },
  noNews: { fr: 'Aucune actualité publiée.', en: 'No news published.' },
  newsDrafts: { fr: 'Actualités non publiées', en: 'Unpublished news' },
  feed: { fr: 'Flux Atom', en: 'Atom feed' },
  feedTitle: { fr: 'Hygie — bulletins de sécurité et actualités', en: 'Hygie — security bulletins and news' },
  indicators: { fr: 'Indicateurs', en: 'Indicators' },
  indicatorsIntro: {
    fr: 'Chiffres publics de la veille : CVE publiées, ajouts au catalogue KEV de la CISA, bulletins publiés et incidents déclarés.',
    en: 'Public figures of the watch: CVEs published, additions to CISA’s KEV catalogue, bulletins published and incidents declared.',
  },
  portalSections: { fr: 'Rubriques de la veille', en: 'Watch sections' },

  // Bulletin fields (CERT-FR sections)
  reference: { fr: 'Référence', en: 'Reference' },
  title: { fr: 'Titre', en: 'Title' },
  summary: { fr: 'Résumé', en: 'Summary' },
  risks: { fr: 'Risques', en: 'Risks' },
  affectedSystems: { fr: 'Systèmes affectés', en: 'Affected systems' },
  affectedSystemsHelp: { fr: 'Une ligne par produit ou plage de versions.', en: 'One line per product or version range.' },
  solution: { fr: 'Solution', en: 'Solution' },
  documentation: { fr: 'Documentation', en: 'Documentation' },
  referencesHelp: { fr: 'Un lien par ligne : « libellé | https://… » ou l’adresse seule.', en: 'One link per line: "label | https://…" or the address alone.' },
  cves: { fr: 'CVE', en: 'CVEs' },
  cveIdsHelp: { fr: 'Identifiants séparés par des espaces ou des retours à la ligne (CVE-2024-3400 …).', en: 'Ids separated by spaces or new lines (CVE-2024-3400 …).' },
  products: { fr: 'Produits concernés', en: 'Products concerned' },
  productsHelp: {
    fr: 'Sans choix, les produits du catalogue touchés par les CVE sont retenus.',
    en: 'With none chosen, the catalogue products the CVEs affect are used.',
  },
  severity: { fr: 'Sévérité', en: 'Severity' },
  score: { fr: 'Score', en: 'Score' },
  maxScore: { fr: 'Score CVSS maximal', en: 'Highest CVSS score' },
  kev: { fr: 'Exploitée (KEV)', en: 'Exploited (KEV)' },
  kevBadge: { fr: 'Exploitée', en: 'Exploited' },
  status: { fr: 'Statut', en: 'Status' },
  firstPublished: { fr: 'Date de la première version', en: 'First version' },
  lastRevision: { fr: 'Date de la dernière version', en: 'Latest version' },
  revisions: { fr: 'Gestion détaillée du document', en: 'Document history' },
  revisionNumber: { fr: 'Version', en: 'Version' },
  revisionDate: { fr: 'Date', en: 'Date' },
  revisionNote: { fr: 'Motif de la révision', en: 'Revision note' },
  revisionNoteHelp: {
    fr: 'Le bulletin est publié : l’enregistrement publie une nouvelle version avec ce motif.',
    en: 'The bulletin is published: saving publishes a new version with this note.',
  },
  origin: { fr: 'Origine', en: 'Origin' },
  originProposed: { fr: 'Proposé automatiquement', en: 'Proposed automatically' },
  originManual: { fr: 'Rédigé par un analyste', en: 'Written by an analyst' },
  createdBy: { fr: 'Créé par', en: 'Created by' },
  updatedAt: { fr: 'Modifié le', en: 'Changed on' },
  pendingUpdate: { fr: 'Changements à examiner', en: 'Changes to review' },
  pendingUpdateIntro: {
    fr: 'La base de connaissances a changé depuis la rédaction de ce bulletin :',
    en: 'The knowledge base changed since this bulletin was written:',
  },
  withdrawnBanner: { fr: 'Ce bulletin a été retiré le {date}.', en: 'This bulletin was withdrawn on {date}.' },
  draftBanner: { fr: 'Brouillon : ce bulletin n’est pas publié.', en: 'Draft: this bulletin is not published.' },
  noBulletin: { fr: 'Aucun bulletin ne correspond à ces critères.', en: 'No bulletin matches these criteria.' },

  // Actions
  save: { fr: 'Enregistrer', en: 'Save' },
  saveRevision: { fr: 'Publier cette révision', en: 'Publish this revision' },
  create: { fr: 'Créer le brouillon', en: 'Create the draft' },
  edit: { fr: 'Modifier', en: 'Edit' },
  publish: { fr: 'Publier', en: 'Publish' },
  withdraw: { fr: 'Retirer', en: 'Withdraw' },
  discard: { fr: 'Écarter', en: 'Discard' },
  withdrawReason: { fr: 'Motif du retrait', en: 'Reason for withdrawal' },
  acknowledge: { fr: 'Marquer comme examiné sans révision', en: 'Mark as reviewed without a revision' },
  search: { fr: 'Rechercher', en: 'Search' },
  searchWords: { fr: 'Mots recherchés', en: 'Search words' },
  filters: { fr: 'Filtres', en: 'Filters' },
  vendor: { fr: 'Éditeur', en: 'Vendor' },
  product: { fr: 'Produit', en: 'Product' },
  category: { fr: 'Catégorie de produit', en: 'Product category' },
  any: { fr: 'Tous', en: 'Any' },
  kevOnly: { fr: 'Exploitées uniquement', en: 'Exploited only' },
  kevNot: { fr: 'Non exploitées', en: 'Not exploited' },
  fromDate: { fr: 'Publié depuis le', en: 'Published from' },
  toDate: { fr: 'Publié jusqu’au', en: 'Published until' },
  resetFilters: { fr: 'Effacer les filtres', en: 'Clear filters' },
  open: { fr: 'Ouvrir', en: 'Open' },

  // CVE page
  cvePage: { fr: 'Fiche CVE', en: 'CVE record' },
  description: { fr: 'Description', en: 'Description' },
  descriptionLang: { fr: 'Texte d’origine, en anglais.', en: 'Original text.' },
  published: { fr: 'Publiée le', en: 'Published on' },
  lastModified: { fr: 'Dernière modification de la source', en: 'Last modified at the source' },
  nvdStatus: { fr: 'Statut NVD', en: 'NVD status' },
  rejected: { fr: 'Cette CVE a été rejetée par le programme CVE : elle ne fait l’objet d’aucune alerte.', en: 'This CVE was rejected by the CVE program: no alert is sent for it.' },
  scores: { fr: 'Scores CVSS', en: 'CVSS scores' },
  selectedScore: { fr: 'Score retenu pour le seuil de 7', en: 'Score used for the threshold of 7' },
  selectionRule: { fr: 'Règle de sélection', en: 'Selection rule' },
  notScored: { fr: 'Pas encore évaluée : aucune source n’a publié de score CVSS.', en: 'Not yet scored: no source has published a CVSS score.' },
  version: { fr: 'Version', en: 'Version' },
  vector: { fr: 'Vecteur', en: 'Vector' },
  source: { fr: 'Source', en: 'Source' },
  provider: { fr: 'Fournisseur', en: 'Provider' },
  selected: { fr: 'retenu', en: 'selected' },
  weaknesses: { fr: 'Faiblesses (CWE)', en: 'Weaknesses (CWE)' },
  noWeakness: { fr: 'Aucune faiblesse renseignée.', en: 'No weakness given.' },
  configurations: { fr: 'Configurations affectées', en: 'Affected configurations' },
  configurationsNvd: { fr: 'Selon l’analyse de la NVD :', en: 'According to the NVD analysis:' },
  configurationsCve5: {
    fr: 'La NVD n’a pas encore analysé cette CVE : versions affectées selon l’enregistrement CVE (CNA, CISA-ADP).',
    en: 'The NVD has not analysed this CVE yet: affected versions according to the CVE record (CNA, CISA-ADP).',
  },
  noConfiguration: { fr: 'Aucune donnée sur les versions affectées.', en: 'No data on affected versions.' },
  kevSection: { fr: 'Exploitation connue (catalogue KEV de la CISA)', en: 'Known exploitation (CISA KEV catalogue)' },
  kevAbsent: { fr: 'Absente du catalogue KEV de la CISA.', en: 'Not in CISA’s KEV catalogue.' },
  kevDateAdded: { fr: 'Ajoutée le', en: 'Added on' },
  kevDueDate: { fr: 'Échéance fixée aux agences fédérales', en: 'Due date for US federal agencies' },
  kevAction: { fr: 'Mesure demandée', en: 'Required action' },
  kevRansomware: { fr: 'Utilisée par des rançongiciels', en: 'Used by ransomware' },
  epss: { fr: 'Probabilité d’exploitation (EPSS)', en: 'Exploit prediction (EPSS)' },
  epssAbsent: { fr: 'Pas de score EPSS.', en: 'No EPSS score.' },
  epssValue: { fr: '{score} % (centile {percentile}), au {date}', en: '{score}% (percentile {percentile}), as of {date}' },
  references: { fr: 'Références', en: 'References' },
  bulletinsOfCve: { fr: 'Bulletins publiés', en: 'Published bulletins' },
  noBulletinOfCve: { fr: 'Aucun bulletin publié pour cette CVE.', en: 'No bulletin published for this CVE.' },
  nvdNotice: {
    fr: 'Ce produit utilise des données de l’API NVD sans être approuvé ni certifié par la NVD.',
    en: 'This product uses data from the NVD API but is not endorsed or certified by the NVD.',
  },
  yes: { fr: 'oui', en: 'yes' },
  no: { fr: 'non', en: 'no' },
  unknown: { fr: 'inconnu', en: 'unknown' },

  // Indicators
  period: { fr: 'Depuis le mois', en: 'From month' },
  show: { fr: 'Afficher', en: 'Show' },
  chartCves: { fr: 'CVE publiées par mois, par sévérité', en: 'CVEs published per month, by severity' },
  chartKev: { fr: 'Ajouts au catalogue KEV de la CISA par mois', en: 'Additions to CISA’s KEV catalogue per month' },
  chartBulletins: { fr: 'Bulletins publiés par catégorie de produit', en: 'Bulletins published per product category' },
  chartIncidents: { fr: 'Incidents déclarés par mois, par catégorie', en: 'Incidents declared per month, by category' },
  incidentsPending: {
    fr: 'Les incidents déclarés apparaîtront ici quand le module de gestion des incidents sera en service.',
    en: 'Declared incidents will appear here once the incident module is in service.',
  },
  month: { fr: 'Mois', en: 'Month' },
  count: { fr: 'Nombre', en: 'Count' },
  total: { fr: 'Total', en: 'Total' },
  dataTable: { fr: 'Données du graphique (tableau)', en: 'Chart data (table)' },
  emptyChart: { fr: 'Aucune donnée pour cette période', en: 'No data for this period' },
  cvesAxis: { fr: 'CVE', en: 'CVEs' },
  bulletinsAxis: { fr: 'Bulletins', en: 'Bulletins' },
  incidentsAxis: { fr: 'Incidents', en: 'Incidents' },
  kevAxis: { fr: 'Ajouts KEV', en: 'KEV additions' },
  incidentCategory: { fr: 'Catégorie d’incident', en: 'Incident category' },
  noProductCategory: { fr: 'sans produit du catalogue', en: 'no catalogue product' },

  // News
  newsKind: { fr: 'Type d’activité', en: 'Activity kind' },
  newsSummary: { fr: 'Chapô', en: 'Summary' },
  newsSummaryHelp: { fr: 'Une ou deux phrases, reprises dans les listes et le flux.', en: 'One or two sentences, shown in lists and the feed.' },
  newsBody: { fr: 'Texte', en: 'Text' },
  newsDraftBanner: { fr: 'Brouillon : cette actualité n’est pas publiée.', en: 'Draft: this news item is not published.' },
  newsWithdrawnBanner: { fr: 'Cette actualité a été retirée le {date}.', en: 'This news item was withdrawn on {date}.' },
});

/** Severity labels. */
export const SEVERITY_LABELS: Readonly<Record<Severity, Text>> = {
  critical: { fr: 'Critique', en: 'Critical' },
  high: { fr: 'Élevée', en: 'High' },
  medium: { fr: 'Moyenne', en: 'Medium' },
  low: { fr: 'Faible', en: 'Low' },
  none: { fr: 'Nulle', en: 'None' },
  unscored: { fr: 'Non évaluée', en: 'Not scored' },
};

/** Bootstrap badge class per severity (colour plus the text label: never colour alone). */
export const SEVERITY_BADGES: Readonly<Record<Severity, string>> = {
  critical: 'text-bg-danger',
  high: 'text-bg-warning',
  medium: 'text-bg-info',
  low: 'text-bg-success',
  none: 'text-bg-secondary',
  unscored: 'text-bg-light border',
};

/** Risk labels (CERT-FR wording). */
export const RISK_LABELS: Readonly<Record<BulletinRisk, Text>> = {
  'remote-code-execution': { fr: 'Exécution de code arbitraire à distance', en: 'Remote arbitrary code execution' },
  'privilege-escalation': { fr: 'Élévation de privilèges', en: 'Privilege escalation' },
  'security-bypass': { fr: 'Contournement de la politique de sécurité', en: 'Security policy bypass' },
  confidentiality: { fr: 'Atteinte à la confidentialité des données', en: 'Data confidentiality breach' },
  integrity: { fr: 'Atteinte à l’intégrité des données', en: 'Data integrity breach' },
  'denial-of-service': { fr: 'Déni de service', en: 'Denial of service' },
  xss: { fr: 'Injection de code indirecte à distance (XSS)', en: 'Cross-site scripting (XSS)' },
  csrf: { fr: 'Falsification de requêtes intersites (CSRF)', en: 'Cross-site request forgery (CSRF)' },
  unspecified: { fr: 'Non spécifié par l’éditeur', en: 'Not specified by the vendor' },
};

/** Status labels of bulletins and news items. */
export const STATUS_LABELS: Readonly<Record<BulletinStatus, Text>> = {
  draft: { fr: 'Brouillon', en: 'Draft' },
  published: { fr: 'Publié', en: 'Published' },
  withdrawn: { fr: 'Retiré', en: 'Withdrawn' },
};

/** News kind labels. */
export const NEWS_KIND_LABELS: Readonly<Record<NewsKind, Text>> = {
  phishing: { fr: 'Hameçonnage', en: 'Phishing' },
  ransomware: { fr: 'Rançongiciel', en: 'Ransomware' },
  ddos: { fr: 'Déni de service distribué', en: 'Distributed denial of service' },
  intrusion: { fr: 'Intrusion', en: 'Intrusion' },
  fraud: { fr: 'Fraude, usurpation', en: 'Fraud, impersonation' },
  'data-leak': { fr: 'Fuite de données', en: 'Data leak' },
  exploitation: { fr: 'Exploitation de vulnérabilité', en: 'Vulnerability exploitation' },
  other: { fr: 'Autre', en: 'Other' },
};

/** Product category labels (the knowledge base's categories). */
export const CATEGORY_LABELS: Readonly<Record<ProductCategory, Text>> = {
  vpn: { fr: 'VPN', en: 'VPN' },
  firewall: { fr: 'Pare-feu', en: 'Firewall' },
  hypervisor: { fr: 'Hyperviseur', en: 'Hypervisor' },
  mail: { fr: 'Messagerie', en: 'Mail' },
  'web-server': { fr: 'Serveur web', en: 'Web server' },
  'pacs-imaging': { fr: 'PACS, imagerie', en: 'PACS, imaging' },
  ehr: { fr: 'Dossier patient informatisé', en: 'Electronic health record' },
  'remote-access': { fr: 'Accès à distance', en: 'Remote access' },
  'operating-system': { fr: 'Système d’exploitation', en: 'Operating system' },
  database: { fr: 'Base de données', en: 'Database' },
  'network-device': { fr: 'Équipement réseau', en: 'Network device' },
  'medical-device': { fr: 'Dispositif médical', en: 'Medical device' },
  library: { fr: 'Bibliothèque logicielle', en: 'Software library' },
  other: { fr: 'Autre', en: 'Other' },
};

/** A category label, or the code itself for a category this list does not know. */
export function categoryLabel(category: string, lang: 'fr' | 'en'): string {
  if (category === 'none') return bulletinMessages.noProductCategory[lang];
  return (CATEGORY_LABELS as Readonly<Record<string, Text>>)[category]?.[lang] ?? category;
}

/** A change reported by the knowledge base, in words. */
export function changeWords(change: BulletinChange, lang: 'fr' | 'en'): string {
  const fr = lang === 'fr';
  const score = (s: number | null) => (s === null ? (fr ? 'aucun' : 'none') : s.toFixed(1));
  switch (change.kind) {
    case 'score':
      return fr ? `${change.cveId} : score ${score(change.from)} → ${score(change.to)}` : `${change.cveId}: score ${score(change.from)} → ${score(change.to)}`;
    case 'kev':
      return fr ? `${change.cveId} : ajoutée au catalogue KEV le ${change.dateAdded} (exploitation active)` : `${change.cveId}: added to the KEV catalogue on ${change.dateAdded} (actively exploited)`;
    case 'product':
      return fr ? `${change.cveId} : touche aussi ${change.product}` : `${change.cveId}: also affects ${change.product}`;
    case 'rejected':
      return fr ? `${change.cveId} : rejetée par le programme CVE` : `${change.cveId}: rejected by the CVE program`;
    case 'content':
      return fr ? `${change.cveId} : description ou versions affectées modifiées` : `${change.cveId}: description or affected versions changed`;
  }
}
