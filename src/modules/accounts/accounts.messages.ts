import { defineMessages } from '../../platform/i18n/i18n.js';

/** Role names as the interface shows them. */
export const roleMessages = defineMessages({
  admin: { fr: 'Administrateur', en: 'Administrator' },
  analyst: { fr: 'Analyste', en: 'Analyst' },
  auditor: { fr: 'Auditeur', en: 'Auditor' },
  beneficiary: { fr: 'Bénéficiaire', en: 'Beneficiary' },
  authority: { fr: 'Autorité', en: 'Authority' },
});

/** Texts shared by several account pages. */
export const commonMessages = defineMessages({
  email: { fr: 'Adresse e-mail', en: 'E-mail address' },
  password: { fr: 'Mot de passe', en: 'Password' },
  currentPassword: { fr: 'Mot de passe actuel', en: 'Current password' },
  newPassword: { fr: 'Nouveau mot de passe', en: 'New password' },
  confirmation: { fr: 'Confirmez le nouveau mot de passe', en: 'Confirm the new password' },
  passwordHint: {
    fr: 'Au moins 12 caractères. Une phrase de passe de plusieurs mots est facile à retenir et difficile à deviner.',
    en: 'At least 12 characters. A passphrase of several words is easy to remember and hard to guess.',
  },
  code: { fr: 'Code à 6 chiffres', en: '6-digit code' },
  firstName: { fr: 'Prénom', en: 'First name' },
  lastName: { fr: 'Nom', en: 'Last name' },
  phone: { fr: 'Téléphone mobile', en: 'Mobile phone' },
  phoneHint: { fr: 'Format français, par exemple 06 12 34 56 78.', en: 'French format, e.g. 06 12 34 56 78.' },
  lang: { fr: "Langue de l'interface et des e-mails", en: 'Language of the interface and e-mails' },
  role: { fr: 'Rôle', en: 'Role' },
  status: { fr: 'Statut', en: 'Status' },
  active: { fr: 'Actif', en: 'Active' },
  disabled: { fr: 'Désactivé', en: 'Disabled' },
  locked: { fr: "Bloqué jusqu'à {until}", en: 'Locked until {until}' },
  structures: { fr: 'Structures', en: 'Structures' },
  save: { fr: 'Enregistrer', en: 'Save' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
  never: { fr: 'Jamais', en: 'Never' },
  logout: { fr: 'Se déconnecter', en: 'Log out' },
  saved: { fr: 'Modifications enregistrées.', en: 'Changes saved.' },
});

/** Login, second factor, password reset. */
export const loginMessages = defineMessages({
  loginTitle: { fr: 'Connexion', en: 'Log in' },
  loginIntro: {
    fr: 'Les comptes sont créés par le CERT. Connectez-vous avec votre adresse e-mail professionnelle.',
    en: 'Accounts are created by the CERT. Log in with your work e-mail address.',
  },
  loginSubmit: { fr: 'Se connecter', en: 'Log in' },
  forgot: { fr: 'Mot de passe oublié ?', en: 'Forgot your password?' },
  totpTitle: { fr: 'Vérification en deux étapes', en: 'Two-step verification' },
  totpIntro: {
    fr: "Saisissez le code à 6 chiffres affiché par votre application d'authentification pour Hygie.",
    en: 'Enter the 6-digit code your authenticator app shows for Hygie.',
  },
  totpSubmit: { fr: 'Vérifier', en: 'Verify' },
  totpLost: {
    fr: "Appareil perdu ? Demandez à un administrateur du CERT de réinitialiser votre second facteur.",
    en: 'Lost your device? Ask a CERT administrator to reset your second factor.',
  },
  forgotTitle: { fr: 'Mot de passe oublié', en: 'Forgot password' },
  forgotIntro: {
    fr: 'Indiquez votre adresse e-mail : si un compte existe, vous recevrez un lien valable 30 minutes pour choisir un nouveau mot de passe.',
    en: 'Enter your e-mail address: if an account exists, you will receive a link valid for 30 minutes to choose a new password.',
  },
  forgotSubmit: { fr: 'Envoyer le lien', en: 'Send the link' },
  forgotSent: {
    fr: "Si un compte existe pour cette adresse, un lien de réinitialisation vient d'y être envoyé. Il est valable 30 minutes et ne sert qu'une fois.",
    en: 'If an account exists for this address, a reset link has just been sent to it. It is valid for 30 minutes and works once.',
  },
  resetTitle: { fr: 'Choisir un nouveau mot de passe', en: 'Choose a new password' },
  resetSubmit: { fr: 'Enregistrer le mot de passe', en: 'Save the password' },
  resetDone: {
    fr: 'Votre mot de passe a été changé et toutes vos sessions ont été fermées. Connectez-vous avec le nouveau mot de passe.',
    en: 'Your password was changed and all your sessions were closed. Log in with the new password.',
  },
  newLink: { fr: 'Demander un nouveau lien', en: 'Request a new link' },
  backToLogin: { fr: 'Retour à la connexion', en: 'Back to log in' },
  loggedOut: { fr: 'Vous êtes déconnecté.', en: 'You are logged out.' },
});

/** The user's own account: profile, sessions, password, second factor, API tokens. */
export const accountMessages = defineMessages({
  accountTitle: { fr: 'Mon compte', en: 'My account' },
  profile: { fr: 'Profil', en: 'Profile' },
  security: { fr: 'Sécurité', en: 'Security' },
  totpStatus: { fr: 'Second facteur (TOTP)', en: 'Second factor (TOTP)' },
  totpOn: { fr: 'Activé', en: 'Enabled' },
  totpOff: { fr: 'Non activé', en: 'Not enabled' },
  totpEnable: { fr: 'Activer le second facteur', en: 'Enable the second factor' },
  changePassword: { fr: 'Changer de mot de passe', en: 'Change password' },
  tokensLink: { fr: "Jetons d'API", en: 'API tokens' },
  sessionsTitle: { fr: 'Sessions ouvertes', en: 'Open sessions' },
  sessionsIntro: {
    fr: "Chaque navigateur connecté à votre compte. Si vous n'en reconnaissez pas un, déconnectez-vous partout puis changez votre mot de passe.",
    en: "Every browser logged in to your account. If you do not recognise one, log out everywhere and change your password.",
  },
  sessionStarted: { fr: 'Ouverte le', en: 'Opened' },
  sessionSeen: { fr: 'Dernière activité', en: 'Last activity' },
  sessionIp: { fr: 'Adresse IP', en: 'IP address' },
  sessionAgent: { fr: 'Navigateur', en: 'Browser' },
  thisSession: { fr: 'cette session', en: 'this session' },
  logoutEverywhere: { fr: 'Se déconnecter partout', en: 'Log out everywhere' },
  passwordTitle: { fr: 'Changer de mot de passe', en: 'Change password' },
  passwordExpired: {
    fr: 'Votre mot de passe a été fourni par un administrateur (mot de passe à usage unique) : choisissez le vôtre pour continuer.',
    en: 'Your password was given by an administrator (one-time password): choose your own to continue.',
  },
  passwordChanged: {
    fr: 'Mot de passe changé. Vos autres sessions ont été fermées.',
    en: 'Password changed. Your other sessions were closed.',
  },
  enrolTitle: { fr: 'Activer le second facteur', en: 'Enable the second factor' },
  enrolRequired: {
    fr: "Le second facteur est obligatoire pour les comptes du CERT : activez-le pour continuer.",
    en: 'The second factor is mandatory for CERT accounts: enable it to continue.',
  },
  enrolStep1: {
    fr: "1. Installez une application d'authentification (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…).",
    en: '1. Install an authenticator app (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…).',
  },
  enrolStep2: { fr: '2. Scannez ce QR code avec l’application :', en: '2. Scan this QR code with the app:' },
  enrolManual: {
    fr: 'Ou saisissez cette clé à la main (type « basé sur le temps », 6 chiffres, 30 secondes) :',
    en: 'Or type this key by hand (time-based, 6 digits, 30 seconds):',
  },
  qrAlt: { fr: 'QR code de configuration TOTP', en: 'TOTP set-up QR code' },
  enrolStep3: { fr: '3. Saisissez le code affiché pour confirmer :', en: '3. Enter the code shown to confirm:' },
  enrolSubmit: { fr: 'Activer', en: 'Enable' },
  enrolDone: { fr: 'Le second facteur est activé.', en: 'The second factor is enabled.' },
  enrolAlready: {
    fr: "Le second facteur est déjà activé. Pour changer d'appareil, demandez à un administrateur de le réinitialiser.",
    en: 'The second factor is already enabled. To change device, ask an administrator to reset it.',
  },
  tokensTitle: { fr: "Jetons d'API", en: 'API tokens' },
  tokensIntro: {
    fr: "Un jeton permet à un script d'appeler l'API (en-tête « Authorization: Bearer … ») avec votre compte. Il n'est affiché qu'une fois : conservez-le dans un coffre de secrets.",
    en: 'A token lets a script call the API ("Authorization: Bearer …" header) with your account. It is shown once: keep it in a secret vault.',
  },
  tokenName: { fr: 'Nom (usage du jeton)', en: 'Name (what the token is for)' },
  tokenRole: { fr: 'Rôle du jeton', en: 'Token role' },
  tokenExpires: { fr: "Date d'expiration (facultative)", en: 'Expiry date (optional)' },
  tokenCreate: { fr: 'Créer le jeton', en: 'Create the token' },
  tokenShownOnce: {
    fr: "Voici votre jeton. Copiez-le maintenant : il ne sera plus jamais affiché.",
    en: 'Here is your token. Copy it now: it will never be shown again.',
  },
  tokenCreated: { fr: 'Créé le', en: 'Created' },
  tokenLastUsed: { fr: 'Dernière utilisation', en: 'Last used' },
  tokenState: { fr: 'État', en: 'State' },
  tokenRevoked: { fr: 'Révoqué', en: 'Revoked' },
  tokenExpired: { fr: 'Expiré', en: 'Expired' },
  tokenValid: { fr: 'Valide', en: 'Valid' },
  tokenRevoke: { fr: 'Révoquer', en: 'Revoke' },
  tokenNone: { fr: "Aucun jeton pour l'instant.", en: 'No token yet.' },
  actions: { fr: 'Actions', en: 'Actions' },
});

/** Administration of accounts. */
export const usersMessages = defineMessages({
  usersTitle: { fr: 'Utilisateurs', en: 'Users' },
  usersIntro: {
    fr: 'Comptes créés par le CERT. Un nouveau compte reçoit un mot de passe à usage unique, à changer à la première connexion.',
    en: 'Accounts created by the CERT. A new account gets a one-time password, to be changed at first login.',
  },
  newUser: { fr: 'Nouvel utilisateur', en: 'New user' },
  search: { fr: 'Rechercher (nom, e-mail)', en: 'Search (name, e-mail)' },
  all: { fr: 'Tous', en: 'All' },
  filter: { fr: 'Filtrer', en: 'Filter' },
  name: { fr: 'Nom', en: 'Name' },
  totp: { fr: 'TOTP', en: 'TOTP' },
  lastLogin: { fr: 'Dernière connexion', en: 'Last login' },
  none: { fr: 'Aucun utilisateur ne correspond.', en: 'No user matches.' },
  structuresHint: {
    fr: 'Bénéficiaires uniquement : identifiants des structures du référentiel, séparés par des virgules ou des retours à la ligne.',
    en: 'Beneficiaries only: identifiers of registry structures, separated by commas or new lines.',
  },
  create: { fr: 'Créer le compte', en: 'Create the account' },
  created: {
    fr: 'Compte créé. Transmettez ce mot de passe à usage unique par un canal sûr (il ne sera plus affiché) :',
    en: 'Account created. Give this one-time password through a safe channel (it will not be shown again):',
  },
  accountTitle: { fr: 'Compte utilisateur', en: 'User account' },
  editTitle: { fr: 'Compte de {name}', en: 'Account of {name}' },
  actionsTitle: { fr: 'Actions sur le compte', en: 'Account actions' },
  disable: { fr: 'Désactiver le compte', en: 'Disable the account' },
  enable: { fr: 'Réactiver le compte', en: 'Enable the account' },
  resetTotp: { fr: 'Réinitialiser le second facteur', en: 'Reset the second factor' },
  resetTotpHint: {
    fr: "Pour un appareil perdu : l'utilisateur devra enrôler un nouvel appareil.",
    en: 'For a lost device: the user will have to enrol a new device.',
  },
  issuePassword: { fr: 'Nouveau mot de passe à usage unique', en: 'New one-time password' },
  issuePasswordHint: {
    fr: 'Ferme ses sessions et lève un éventuel blocage ; le mot de passe est à changer à la connexion.',
    en: 'Closes their sessions and lifts any lock; the password must be changed at login.',
  },
  issued: {
    fr: 'Nouveau mot de passe à usage unique (il ne sera plus affiché) :',
    en: 'New one-time password (it will not be shown again):',
  },
  disabledDone: { fr: 'Compte désactivé ; ses sessions sont fermées.', en: 'Account disabled; its sessions are closed.' },
  enabledDone: { fr: 'Compte réactivé.', en: 'Account enabled.' },
  totpResetDone: { fr: 'Second facteur réinitialisé.', en: 'Second factor reset.' },
  passwordState: { fr: 'Mot de passe', en: 'Password' },
  passwordOneTime: { fr: 'à usage unique (à changer)', en: 'one-time (to be changed)' },
  passwordOwn: { fr: "choisi par l'utilisateur", en: 'chosen by the user' },
  createdAt: { fr: 'Créé le', en: 'Created' },
  back: { fr: 'Retour à la liste', en: 'Back to the list' },
});

/** E-mails sent by the accounts module. */
export const mailMessages = defineMessages({
  resetSubject: { fr: 'Hygie : réinitialisation de votre mot de passe', en: 'Hygie: reset your password' },
  resetText: {
    fr: 'Bonjour {firstName},\n\nUne réinitialisation du mot de passe de votre compte Hygie a été demandée. Pour choisir un nouveau mot de passe, ouvrez ce lien (valable {minutes} minutes, utilisable une seule fois) :\n\n{link}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé. Si cela se répète, prévenez le CERT.\n\n— Hygie',
    en: 'Hello {firstName},\n\nA password reset was requested for your Hygie account. To choose a new password, open this link (valid for {minutes} minutes, usable once):\n\n{link}\n\nIf you did not ask for it, ignore this message: your password is unchanged. If it happens again, tell the CERT.\n\n— Hygie',
  },
});
