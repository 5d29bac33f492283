import { defineMessages, type Text } from '../../platform/i18n/i18n.js';
import type { ImportKind } from './csv-import.mapping.js';
import type {
  AlertKind,
  ContactRole,
  DomainOwnership,
  LegalStatus,
  StructureKind,
} from './registry.types.js';

/** Every text of the registry pages, in French and English. */
export const registryMessages = defineMessages({
  // Navigation and titles
  structures: { fr: 'Structures', en: 'Structures' },
  groups: { fr: 'GHT', en: 'Hospital groups (GHT)' },
  newStructure: { fr: 'Nouvelle structure', en: 'New structure' },
  editStructure: { fr: 'Modifier la structure', en: 'Edit structure' },
  newGroup: { fr: 'Nouveau GHT', en: 'New GHT' },
  editGroup: { fr: 'Modifier le GHT', en: 'Edit GHT' },
  editContact: { fr: 'Modifier le contact', en: 'Edit contact' },
  importTitle: { fr: 'Importer un fichier CSV', en: 'Import a CSV file' },
  structuresIntro: {
    fr: 'Les établissements de santé et médico-sociaux suivis par le CERT, avec leurs contacts, noms de domaine et réseaux.',
    en: 'The health and medico-social structures the CERT serves, with their contacts, domain names and networks.',
  },
  groupsIntro: {
    fr: 'Les groupements hospitaliers de territoire et leurs établissements membres.',
    en: 'Territorial hospital groups and their member establishments.',
  },

  // Common actions
  search: { fr: 'Rechercher', en: 'Search' },
  filter: { fr: 'Filtrer', en: 'Filter' },
  reset: { fr: 'Réinitialiser', en: 'Reset' },
  save: { fr: 'Enregistrer', en: 'Save' },
  create: { fr: 'Créer', en: 'Create' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  edit: { fr: 'Modifier', en: 'Edit' },
  archive: { fr: 'Archiver', en: 'Archive' },
  restore: { fr: 'Restaurer', en: 'Restore' },
  add: { fr: 'Ajouter', en: 'Add' },
  actions: { fr: 'Actions', en: 'Actions' },
  backToList: { fr: 'Retour à la liste', en: 'Back to the list' },
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
  requiredNote: {
    fr: 'Les champs marqués d’un astérisque (*) sont obligatoires.',
    en: 'Fields marked with an asterisk (*) are required.',
  },
  requiredMark: { fr: '(obligatoire)', en: '(required)' },
  formErrors: { fr: 'Le formulaire contient des erreurs :', en: 'The form has errors:' },
  archivedBadge: { fr: 'Archivée', en: 'Archived' },
  archivedGroupBadge: { fr: 'Archivé', en: 'Archived' },
  archivedNotice: {
    fr: 'Fiche archivée le {date} : elle n’apparaît plus dans les listes ni dans les recherches de propriétaire. Restaurez-la pour la modifier.',
    en: 'Record archived on {date}: it no longer shows in lists or owner lookups. Restore it to change it.',
  },

  // Structure list
  searchLabel: { fr: 'Nom, FINESS, SIRET ou ville', en: 'Name, FINESS, SIRET or city' },
  allRegions: { fr: 'Toutes les régions', en: 'All regions' },
  allKinds: { fr: 'Toutes les catégories', en: 'All kinds' },
  allGroups: { fr: 'Tous les GHT', en: 'All GHTs' },
  onlyOiv: { fr: 'OIV seulement', en: 'OIV only' },
  onlyOse: { fr: 'OSE seulement', en: 'OSE only' },
  showArchived: { fr: 'Afficher les fiches archivées', en: 'Show archived records' },
  noStructure: {
    fr: 'Aucune structure ne correspond à la recherche.',
    en: 'No structure matches the search.',
  },
  structureListCaption: {
    fr: 'Structures correspondant à la recherche',
    en: 'Structures matching the search',
  },
  flags: { fr: 'Statut', en: 'Flags' },

  // Structure fields
  name: { fr: 'Raison sociale', en: 'Name (national directory)' },
  finess: { fr: 'Numéro FINESS', en: 'FINESS number' },
  finessHint: {
    fr: '9 caractères, par exemple 750712184. Le numéro FINESS ou le numéro SIRET est obligatoire.',
    en: '9 characters, e.g. 750712184. The FINESS or the SIRET number is required.',
  },
  siret: { fr: 'Numéro SIRET', en: 'SIRET number' },
  siretHint: { fr: '14 chiffres (SIREN puis NIC).', en: '14 digits (SIREN then NIC).' },
  kind: { fr: 'Catégorie', en: 'Kind' },
  legalStatus: { fr: 'Statut juridique', en: 'Legal status' },
  region: { fr: 'Région', en: 'Region' },
  address: { fr: 'Adresse', en: 'Address' },
  postalCode: { fr: 'Code postal', en: 'Postal code' },
  city: { fr: 'Ville', en: 'City' },
  isOiv: { fr: 'Opérateur d’importance vitale (OIV)', en: 'Operator of vital importance (OIV)' },
  isOse: { fr: 'Opérateur de services essentiels (OSE)', en: 'Operator of essential services (OSE)' },
  groupId: { fr: 'GHT', en: 'GHT' },
  noGroup: { fr: 'Aucun GHT', en: 'No GHT' },
  choose: { fr: 'Choisir…', en: 'Choose…' },
  identification: { fr: 'Identification', en: 'Identification' },
  location: { fr: 'Localisation', en: 'Location' },
  related: { fr: 'Ailleurs dans Hygie', en: 'Elsewhere in Hygie' },
  regulatory: { fr: 'Statut réglementaire', en: 'Regulatory status' },
  createdAt: { fr: 'Créée le', en: 'Created on' },
  updatedAt: { fr: 'Modifiée le', en: 'Updated on' },

  // Contacts
  contacts: { fr: 'Contacts', en: 'Contacts' },
  addContact: { fr: 'Ajouter un contact', en: 'Add a contact' },
  noContact: { fr: 'Aucun contact enregistré.', en: 'No contact registered.' },
  role: { fr: 'Fonction', en: 'Role' },
  lastName: { fr: 'Nom', en: 'Last name' },
  firstName: { fr: 'Prénom', en: 'First name' },
  email: { fr: 'E-mail', en: 'E-mail' },
  phone: { fr: 'Téléphone mobile', en: 'Mobile phone' },
  phoneHint: {
    fr: 'Par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.',
    en: 'E.g. 06 12 34 56 78 or +33 6 12 34 56 78.',
  },
  alertKinds: { fr: 'Alertes reçues', en: 'Alerts received' },
  contactsCaption: { fr: 'Contacts de la structure', en: 'Contacts of the structure' },

  // Domains
  domains: { fr: 'Noms de domaine', en: 'Domain names' },
  addDomain: { fr: 'Ajouter un nom de domaine', en: 'Add a domain name' },
  noDomain: { fr: 'Aucun nom de domaine enregistré.', en: 'No domain name registered.' },
  domainName: { fr: 'Nom de domaine', en: 'Domain name' },
  domainHint: {
    fr: 'Le nom seul, par exemple ch-exemple.fr ; ses sous-domaines en font partie.',
    en: 'The name only, e.g. ch-example.fr; its subdomains belong to it.',
  },
  ownership: { fr: 'Preuve de propriété', en: 'Ownership proof' },
  notes: { fr: 'Notes', en: 'Notes' },
  domainsCaption: { fr: 'Noms de domaine de la structure', en: 'Domain names of the structure' },

  // Networks
  networks: { fr: 'Réseaux', en: 'Networks' },
  addNetwork: { fr: 'Ajouter un réseau', en: 'Add a network' },
  noNetwork: { fr: 'Aucun réseau enregistré.', en: 'No network registered.' },
  cidr: { fr: 'Réseau (CIDR)', en: 'Network (CIDR)' },
  cidrHint: {
    fr: 'Par exemple 192.0.2.0/24 ou 2001:db8::/48 ; une adresse seule désigne un hôte.',
    en: 'E.g. 192.0.2.0/24 or 2001:db8::/48; a bare address means one host.',
  },
  asn: { fr: 'Numéro d’AS', en: 'AS number' },
  description: { fr: 'Description', en: 'Description' },
  networksCaption: { fr: 'Réseaux de la structure', en: 'Networks of the structure' },

  // Groups
  groupName: { fr: 'Nom du GHT', en: 'GHT name' },
  groupCode: { fr: 'Code', en: 'Code' },
  groupCodeHint: { fr: 'Référence courte, par exemple GHT-BRE-01.', en: 'Short reference, e.g. GHT-BRE-01.' },
  members: { fr: 'Structures membres', en: 'Member structures' },
  memberCount: { fr: 'Membres', en: 'Members' },
  noGroupFound: { fr: 'Aucun GHT ne correspond.', en: 'No GHT matches.' },
  noMember: { fr: 'Aucune structure active dans ce GHT.', en: 'No active structure in this GHT.' },
  groupSearchLabel: { fr: 'Nom ou code', en: 'Name or code' },
  groupListCaption: { fr: 'GHT correspondant à la recherche', en: 'GHTs matching the search' },
  membersCaption: { fr: 'Structures membres du GHT', en: 'Member structures of the GHT' },
  groupMembersHint: {
    fr: 'Pour rattacher une structure à ce GHT, modifiez la structure et choisissez le GHT.',
    en: 'To add a structure to this GHT, edit the structure and pick the GHT.',
  },

  // CSV import
  importIntro: {
    fr: 'Le fichier peut être enregistré en UTF-8 ou en Windows-1252 (Excel), avec des virgules ou des points-virgules. Sa première ligne nomme les colonnes (en français ou en anglais). Les contacts, domaines et réseaux désignent leur structure par son numéro FINESS.',
    en: 'The file may be saved as UTF-8 or Windows-1252 (Excel), with commas or semicolons. Its first line names the columns (in French or English). Contacts, domains and networks name their structure by its FINESS number.',
  },
  importKind: { fr: 'Contenu du fichier', en: 'File content' },
  importFile: { fr: 'Fichier CSV', en: 'CSV file' },
  importFileHint: { fr: '50 Mo et 200 000 lignes au plus.', en: 'At most 50 MB and 200,000 rows.' },
  dryRun: { fr: 'Vérifier seulement, sans rien enregistrer', en: 'Check only, store nothing' },
  dryRunHint: {
    fr: 'Décochez pour importer : toutes les lignes sont enregistrées, ou aucune si l’une est invalide.',
    en: 'Untick to import: every row is stored, or none if one is invalid.',
  },
  importSubmit: { fr: 'Envoyer le fichier', en: 'Send the file' },
  importColumns: { fr: 'Colonnes reconnues', en: 'Recognised columns' },
  importColumnsIntro: {
    fr: 'Titres acceptés par type de fichier (les colonnes en gras sont obligatoires ; majuscules, accents et espaces sont ignorés) :',
    en: 'Accepted titles per file type (bold columns are required; case, accents and spaces are ignored):',
  },
  reportTitle: { fr: 'Résultat', en: 'Result' },
  reportChecked: {
    fr: 'Vérification terminée : {valid} ligne(s) valide(s) sur {rows}. Rien n’a été enregistré.',
    en: 'Check finished: {valid} valid row(s) out of {rows}. Nothing was stored.',
  },
  reportImported: {
    fr: '{created} enregistrement(s) importé(s) sur {rows} ligne(s).',
    en: '{created} record(s) imported from {rows} row(s).',
  },
  reportNoError: {
    fr: 'Aucun problème : vous pouvez décocher « Vérifier seulement » et renvoyer le fichier.',
    en: 'No problem: untick "Check only" and send the file again.',
  },
  reportErrors: {
    fr: '{count} problème(s) trouvé(s) : corrigez le fichier puis renvoyez-le.',
    en: '{count} problem(s) found: fix the file and send it again.',
  },
  reportFile: {
    fr: 'Encodage détecté : {encoding} ; séparateur : « {delimiter} ».',
    en: 'Detected encoding: {encoding}; separator: "{delimiter}".',
  },
  ignoredColumns: {
    fr: 'Colonnes ignorées (titre non reconnu) : {columns}.',
    en: 'Ignored columns (unknown title): {columns}.',
  },
  errorsCaption: { fr: 'Problèmes trouvés dans le fichier', en: 'Problems found in the file' },
  line: { fr: 'Ligne', en: 'Line' },
  column: { fr: 'Colonne', en: 'Column' },
  problem: { fr: 'Problème', en: 'Problem' },
  fileMissing: { fr: 'Choisissez le fichier CSV à envoyer.', en: 'Choose the CSV file to send.' },
});

/** A key of the registry dictionary. */
export type RegistryMessageKey = keyof typeof registryMessages;

/** Display names of structure kinds. */
export const KIND_LABELS: Readonly<Record<StructureKind, Text>> = {
  'health-establishment': { fr: 'Établissement de santé', en: 'Health establishment' },
  'medico-social': { fr: 'Établissement médico-social', en: 'Medico-social establishment' },
  'group-support': { fr: 'Établissement support de GHT', en: 'GHT support establishment' },
  other: { fr: 'Autre', en: 'Other' },
};

/** Display names of legal statuses. */
export const LEGAL_STATUS_LABELS: Readonly<Record<LegalStatus, Text>> = {
  public: { fr: 'Public', en: 'Public' },
  'private-non-profit': { fr: 'Privé non lucratif', en: 'Private non-profit' },
  private: { fr: 'Privé', en: 'Private' },
};

/** Display names of contact roles. */
export const ROLE_LABELS: Readonly<Record<ContactRole, Text>> = {
  'security-officer': { fr: 'RSSI', en: 'Security officer' },
  deputy: { fr: 'RSSI suppléant', en: 'Deputy security officer' },
  'it-director': { fr: 'DSI', en: 'IT director' },
  director: { fr: 'Directeur ou directrice', en: 'Director' },
};

/** Display names of alert kinds. */
export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, Text>> = {
  vulnerability: { fr: 'Vulnérabilité', en: 'Vulnerability' },
  compromise: { fr: 'Compromission', en: 'Compromise' },
  exposure: { fr: 'Exposition de service', en: 'Service exposure' },
  bulletin: { fr: 'Bulletin de veille', en: 'Watch bulletin' },
  incident: { fr: 'Incident', en: 'Incident' },
  audit: { fr: 'Audit', en: 'Audit' },
};

/** Display names of ownership proofs. */
export const OWNERSHIP_LABELS: Readonly<Record<DomainOwnership, Text>> = {
  declared: { fr: 'Déclaré par la structure', en: 'Declared by the structure' },
  'dns-txt': { fr: 'Enregistrement DNS TXT', en: 'DNS TXT record' },
  whois: { fr: 'Whois', en: 'Whois' },
  convention: { fr: 'Convention', en: 'Agreement' },
  analyst: { fr: 'Vérifié par un analyste', en: 'Checked by an analyst' },
};

/** Display names of import kinds. */
export const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, Text>> = {
  structures: { fr: 'Structures', en: 'Structures' },
  contacts: { fr: 'Contacts', en: 'Contacts' },
  domains: { fr: 'Noms de domaine', en: 'Domain names' },
  networks: { fr: 'Réseaux', en: 'Networks' },
};
