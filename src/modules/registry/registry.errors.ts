import { defineErrors } from '../../lib/errors.js';

/**
 * Error catalogue of the registry. Messages say what is wrong and what to do next; they double
 * as per-field detail messages, so they read well both alone and next to a form field.
 */
export const RegistryErrors = defineErrors({
  REGISTRY_VALIDATION: {
    status: 400,
    fr: 'Certaines valeurs sont invalides : corrigez les champs signalés puis réessayez.',
    en: 'Some values are invalid: fix the fields shown and try again.',
  },
  REGISTRY_FIELD_REQUIRED: {
    status: 400,
    fr: 'Valeur obligatoire : renseignez ce champ.',
    en: 'This value is required: fill in the field.',
  },
  REGISTRY_FIELD_TOO_LONG: {
    status: 400,
    fr: 'Valeur trop longue ({max} caractères au plus) : raccourcissez-la.',
    en: 'Value too long (at most {max} characters): shorten it.',
  },
  REGISTRY_FIELD_CONTROL_CHARS: {
    status: 400,
    fr: 'La valeur contient des caractères de contrôle (tabulation, retour à la ligne…) : retirez-les.',
    en: 'The value contains control characters (tab, line break…): remove them.',
  },
  REGISTRY_FORMULA_INJECTION: {
    status: 400,
    fr: 'Une valeur ne peut pas commencer par =, +, -, @ (un tableur l’exécuterait comme une formule) : retirez ce premier caractère.',
    en: 'A value cannot start with =, +, -, @ (a spreadsheet would run it as a formula): remove that first character.',
  },
  REGISTRY_FINESS_INVALID: {
    status: 400,
    fr: 'Numéro FINESS invalide : saisissez les 9 caractères (département sur 2 caractères, puis 7 chiffres dont la clé) tels qu’ils figurent sur finess.esante.gouv.fr.',
    en: 'Invalid FINESS number: enter its 9 characters (2 for the département, then 7 digits including the check digit) as shown on finess.esante.gouv.fr.',
  },
  REGISTRY_FINESS_TAKEN: {
    status: 409,
    fr: 'Le numéro FINESS {finess} est déjà enregistré (structure « {name} ») : modifiez la fiche existante, ou restaurez-la si elle est archivée.',
    en: 'FINESS number {finess} is already registered (structure "{name}"): edit the existing record, or restore it if it is archived.',
  },
  REGISTRY_SIRET_INVALID: {
    status: 400,
    fr: 'Numéro SIRET invalide : saisissez les 14 chiffres (SIREN puis NIC) tels qu’ils figurent sur annuaire-entreprises.data.gouv.fr.',
    en: 'Invalid SIRET number: enter its 14 digits (SIREN then NIC) as shown on annuaire-entreprises.data.gouv.fr.',
  },
  REGISTRY_IDENTIFIER_REQUIRED: {
    status: 400,
    fr: 'Une structure a au moins un identifiant : renseignez son numéro FINESS ou son numéro SIRET.',
    en: 'A structure needs at least one identifier: enter its FINESS or its SIRET number.',
  },
  REGISTRY_KIND_UNKNOWN: {
    status: 400,
    fr: 'Catégorie inconnue : choisissez établissement de santé, médico-social, support de GHT ou autre.',
    en: 'Unknown kind: choose health establishment, medico-social, GHT support or other.',
  },
  REGISTRY_LEGAL_STATUS_UNKNOWN: {
    status: 400,
    fr: 'Statut juridique inconnu : choisissez public, privé non lucratif ou privé.',
    en: 'Unknown legal status: choose public, private non-profit or private.',
  },
  REGISTRY_REGION_UNKNOWN: {
    status: 400,
    fr: 'Région inconnue : indiquez l’une des 18 régions françaises, par son nom (Bretagne), son code (BRE) ou son numéro INSEE (53).',
    en: 'Unknown region: give one of the 18 French regions by name (Bretagne), code (BRE) or INSEE number (53).',
  },
  REGISTRY_POSTAL_CODE_INVALID: {
    status: 400,
    fr: 'Code postal invalide : saisissez 5 chiffres, par exemple 35000.',
    en: 'Invalid postal code: enter 5 digits, e.g. 35000.',
  },
  REGISTRY_BOOLEAN_INVALID: {
    status: 400,
    fr: 'Valeur invalide : écrivez oui ou non.',
    en: 'Invalid value: write yes or no.',
  },
  REGISTRY_GROUP_UNKNOWN: {
    status: 400,
    fr: 'GHT inconnu ou archivé : choisissez un GHT de la liste, ou créez-le d’abord.',
    en: 'Unknown or archived GHT: pick a GHT from the list, or create it first.',
  },
  REGISTRY_GROUP_CODE_INVALID: {
    status: 400,
    fr: 'Code de GHT invalide : utilisez lettres, chiffres, points, tirets ou soulignés (40 caractères au plus), par exemple GHT-BRE-01.',
    en: 'Invalid GHT code: use letters, digits, dots, hyphens or underscores (at most 40 characters), e.g. GHT-BRE-01.',
  },
  REGISTRY_GROUP_CODE_TAKEN: {
    status: 409,
    fr: 'Le code de GHT {code} est déjà utilisé : choisissez-en un autre ou modifiez le GHT existant.',
    en: 'GHT code {code} is already used: choose another one or edit the existing GHT.',
  },
  REGISTRY_GROUP_HAS_MEMBERS: {
    status: 409,
    fr: 'Ce GHT compte encore {count} structure(s) active(s) : rattachez-les à un autre GHT ou archivez-les avant d’archiver le GHT.',
    en: 'This GHT still has {count} active structure(s): move them to another GHT or archive them before archiving the GHT.',
  },
  REGISTRY_CONTACT_ROLE_UNKNOWN: {
    status: 400,
    fr: 'Fonction inconnue : choisissez RSSI, suppléant, DSI ou directeur.',
    en: 'Unknown role: choose security officer, deputy, IT director or director.',
  },
  REGISTRY_EMAIL_INVALID: {
    status: 400,
    fr: 'Adresse e-mail invalide : saisissez une adresse de la forme prenom.nom@exemple.fr.',
    en: 'Invalid e-mail address: enter an address such as first.last@example.fr.',
  },
  REGISTRY_PHONE_INVALID: {
    status: 400,
    fr: 'Numéro de téléphone invalide : saisissez un numéro français, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.',
    en: 'Invalid phone number: enter a French number such as 06 12 34 56 78 or +33 6 12 34 56 78.',
  },
  REGISTRY_ALERT_KIND_UNKNOWN: {
    status: 400,
    fr: 'Type d’alerte inconnu : choisissez parmi vulnérabilité, compromission, exposition, bulletin, incident, audit.',
    en: 'Unknown alert kind: choose among vulnerability, compromise, exposure, bulletin, incident, audit.',
  },
  REGISTRY_CONTACT_TAKEN: {
    status: 409,
    fr: 'Un contact avec l’adresse {email} existe déjà pour cette structure : modifiez-le plutôt que d’en créer un autre.',
    en: 'A contact with address {email} already exists for this structure: edit it instead of creating another.',
  },
  REGISTRY_DOMAIN_INVALID: {
    status: 400,
    fr: 'Nom de domaine invalide : saisissez seulement le nom, par exemple ch-exemple.fr (sans https:// ni chemin).',
    en: 'Invalid domain name: enter only the name, e.g. ch-example.fr (no https:// and no path).',
  },
  REGISTRY_DOMAIN_TAKEN: {
    status: 409,
    fr: 'Le domaine {name} est déjà enregistré pour une structure : vérifiez la fiche qui le détient avant de le réattribuer.',
    en: 'Domain {name} is already registered for a structure: check the record that holds it before reassigning it.',
  },
  REGISTRY_OWNERSHIP_UNKNOWN: {
    status: 400,
    fr: 'Preuve de propriété inconnue : choisissez déclaré, DNS TXT, whois, convention ou analyste.',
    en: 'Unknown ownership proof: choose declared, DNS TXT, whois, convention or analyst.',
  },
  REGISTRY_CIDR_INVALID: {
    status: 400,
    fr: 'Réseau invalide : saisissez un bloc CIDR, par exemple 192.0.2.0/24 ou 2001:db8::/48.',
    en: 'Invalid network: enter a CIDR block, e.g. 192.0.2.0/24 or 2001:db8::/48.',
  },
  REGISTRY_CIDR_TOO_WIDE: {
    status: 400,
    fr: 'Bloc trop large : un réseau de structure est au plus un /8 en IPv4 ou un /16 en IPv6 ; vérifiez la longueur du préfixe.',
    en: 'Block too wide: a structure network is at most a /8 in IPv4 or a /16 in IPv6; check the prefix length.',
  },
  REGISTRY_NETWORK_TAKEN: {
    status: 409,
    fr: 'Le réseau {cidr} est déjà enregistré : vérifiez la fiche qui le détient avant de le réattribuer.',
    en: 'Network {cidr} is already registered: check the record that holds it before reassigning it.',
  },
  REGISTRY_ASN_INVALID: {
    status: 400,
    fr: 'Numéro d’AS invalide : saisissez un entier entre 0 et 4294967295, par exemple 2200 ou AS2200.',
    en: 'Invalid AS number: enter a whole number between 0 and 4294967295, e.g. 2200 or AS2200.',
  },
  REGISTRY_IP_INVALID: {
    status: 400,
    fr: 'Adresse IP invalide : saisissez une adresse IPv4 (192.0.2.10) ou IPv6 (2001:db8::1).',
    en: 'Invalid IP address: enter an IPv4 (192.0.2.10) or IPv6 (2001:db8::1) address.',
  },
  REGISTRY_ARCHIVED: {
    status: 409,
    fr: '{what} est archivé(e) : restaurez la structure avant de la modifier.',
    en: '{what} is archived: restore the structure before changing it.',
  },
  REGISTRY_CSV_KIND_UNKNOWN: {
    status: 400,
    fr: 'Type d’import inconnu : choisissez structures, contacts, domains ou networks.',
    en: 'Unknown import kind: choose structures, contacts, domains or networks.',
  },
  REGISTRY_CSV_UNREADABLE: {
    status: 400,
    fr: 'Fichier illisible (ligne {line}) : {reason} Enregistrez-le au format « CSV UTF-8 » puis réessayez.',
    en: 'Unreadable file (line {line}): {reason} Save it as "CSV UTF-8" and try again.',
  },
  REGISTRY_CSV_FILE_MISSING: {
    status: 400,
    fr: 'Aucun fichier reçu : choisissez le fichier CSV à envoyer.',
    en: 'No file received: choose the CSV file to send.',
  },
  REGISTRY_CSV_EMPTY: {
    status: 400,
    fr: 'Le fichier ne contient aucune ligne de données : ajoutez au moins une ligne sous l’en-tête.',
    en: 'The file has no data row: add at least one row below the header.',
  },
  REGISTRY_CSV_TOO_LARGE: {
    status: 400,
    fr: 'Le fichier dépasse la limite de {limit} : découpez-le en plusieurs fichiers.',
    en: 'The file exceeds the limit of {limit}: split it into several files.',
  },
  REGISTRY_CSV_COLUMNS_MISSING: {
    status: 400,
    fr: 'Colonnes manquantes : {columns}. Ajoutez-les à la première ligne (voir le modèle dans la documentation du registre).',
    en: 'Missing columns: {columns}. Add them to the first line (see the template in the registry documentation).',
  },
  REGISTRY_CSV_COLUMN_DUPLICATE: {
    status: 400,
    fr: 'La colonne « {column} » désigne un champ déjà présent : supprimez l’une des deux colonnes.',
    en: 'Column "{column}" names a field that is already present: remove one of the two columns.',
  },
  REGISTRY_CSV_DUPLICATE_IN_FILE: {
    status: 400,
    fr: 'Valeur déjà présente à la ligne {line} du fichier : chaque ligne doit être unique.',
    en: 'Value already present on line {line} of the file: each row must be unique.',
  },
  REGISTRY_CSV_ALREADY_REGISTERED: {
    status: 400,
    fr: 'Déjà enregistré dans Hygie : retirez cette ligne du fichier, ou modifiez la fiche existante dans Hygie.',
    en: 'Already registered in Hygie: remove this row from the file, or edit the existing record in Hygie.',
  },
  REGISTRY_CSV_STRUCTURE_UNKNOWN: {
    status: 400,
    fr: 'Aucune structure active n’a ce numéro FINESS : importez d’abord la structure, ou corrigez le numéro.',
    en: 'No active structure has this FINESS number: import the structure first, or fix the number.',
  },
  REGISTRY_CSV_INVALID_ROWS: {
    status: 400,
    fr: '{count} erreur(s) dans le fichier : rien n’a été importé. Corrigez les lignes signalées puis relancez l’import.',
    en: '{count} error(s) in the file: nothing was imported. Fix the rows shown and run the import again.',
  },
});

/** A code of the registry catalogue. */
export type RegistryErrorCode = keyof typeof RegistryErrors;
