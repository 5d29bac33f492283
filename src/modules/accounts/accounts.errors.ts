import { defineErrors } from '../../lib/errors.js';

/** Error catalogue of the accounts module; every message says what to do next. */
export const AccountsErrors = defineErrors({
  ACCOUNTS_INVALID_CREDENTIALS: {
    status: 401,
    fr: "Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez, ou utilisez « Mot de passe oublié ».",
    en: 'Wrong e-mail address or password. Check them and try again, or use "Forgot password".',
  },
  ACCOUNTS_LOCKED: {
    status: 429,
    fr: 'Trop de tentatives de connexion échouées : ce compte est bloqué. Attendez {minutes} minute(s) puis réessayez, ou réinitialisez votre mot de passe.',
    en: 'Too many failed login attempts: this account is locked. Wait {minutes} minute(s) and try again, or reset your password.',
  },
  ACCOUNTS_INVALID_TOTP_CODE: {
    status: 401,
    fr: "Code incorrect ou déjà utilisé. Saisissez le code à 6 chiffres affiché en ce moment par votre application d'authentification.",
    en: 'Wrong or already used code. Enter the 6-digit code your authenticator app shows right now.',
  },
  ACCOUNTS_TOTP_UNREADABLE: {
    status: 409,
    fr: "Votre second facteur ne peut pas être vérifié (la clé du serveur a changé). Demandez à un administrateur de réinitialiser votre TOTP, puis enrôlez-le de nouveau.",
    en: 'Your second factor cannot be checked (the server key changed). Ask an administrator to reset your TOTP, then enrol again.',
  },
  ACCOUNTS_TOTP_ALREADY_ENABLED: {
    status: 409,
    fr: "Le second facteur est déjà activé sur ce compte. Pour changer d'appareil, demandez à un administrateur de le réinitialiser.",
    en: 'The second factor is already enabled on this account. To change device, ask an administrator to reset it.',
  },
  ACCOUNTS_SESSION_EXPIRED: {
    status: 401,
    fr: 'Votre session a expiré. Reconnectez-vous.',
    en: 'Your session has expired. Log in again.',
  },
  ACCOUNTS_PASSWORD_TOO_SHORT: {
    status: 400,
    fr: 'Le mot de passe doit compter au moins {min} caractères : choisissez une phrase de passe plus longue.',
    en: 'The password must have at least {min} characters: choose a longer passphrase.',
  },
  ACCOUNTS_PASSWORD_TOO_LONG: {
    status: 400,
    fr: 'Le mot de passe compte au plus {max} caractères : raccourcissez-le.',
    en: 'The password has at most {max} characters: shorten it.',
  },
  ACCOUNTS_PASSWORD_EQUALS_EMAIL: {
    status: 400,
    fr: "Le mot de passe ne peut pas être votre adresse e-mail : choisissez-en un autre.",
    en: 'The password cannot be your e-mail address: choose another one.',
  },
  ACCOUNTS_PASSWORD_UNCHANGED: {
    status: 400,
    fr: "Le nouveau mot de passe doit être différent de l'actuel.",
    en: 'The new password must differ from the current one.',
  },
  ACCOUNTS_PASSWORD_CONFIRMATION: {
    status: 400,
    fr: 'Les deux saisies du nouveau mot de passe diffèrent : saisissez-le deux fois à l’identique.',
    en: 'The two entries of the new password differ: type it twice the same way.',
  },
  ACCOUNTS_WRONG_CURRENT_PASSWORD: {
    status: 400,
    fr: 'Le mot de passe actuel est incorrect : saisissez celui avec lequel vous vous êtes connecté.',
    en: 'The current password is wrong: enter the one you logged in with.',
  },
  ACCOUNTS_EMAIL_TAKEN: {
    status: 409,
    fr: 'Un compte existe déjà avec cette adresse e-mail : modifiez-le plutôt que d’en créer un autre.',
    en: 'An account already exists with this e-mail address: edit it instead of creating another one.',
  },
  ACCOUNTS_STRUCTURES_REQUIRED: {
    status: 400,
    fr: 'Un bénéficiaire agit pour au moins une structure : indiquez son identifiant.',
    en: 'A beneficiary acts for at least one structure: give its identifier.',
  },
  ACCOUNTS_STRUCTURES_NOT_ALLOWED: {
    status: 400,
    fr: 'Seuls les bénéficiaires sont rattachés à des structures : retirez les structures ou choisissez le rôle bénéficiaire.',
    en: 'Only beneficiaries are bound to structures: remove the structures or choose the beneficiary role.',
  },
  ACCOUNTS_UNKNOWN_STRUCTURE: {
    status: 400,
    fr: "Structure inconnue : {ids}. Vérifiez l'identifiant dans le référentiel.",
    en: 'Unknown structure: {ids}. Check the identifier in the registry.',
  },
  ACCOUNTS_SELF_LOCKOUT: {
    status: 409,
    fr: 'Vous ne pouvez pas désactiver votre propre compte ni retirer votre rôle administrateur : demandez-le à un autre administrateur.',
    en: 'You cannot disable your own account or drop your own admin role: ask another administrator.',
  },
  ACCOUNTS_RESET_LINK_INVALID: {
    status: 400,
    fr: 'Ce lien de réinitialisation est invalide, déjà utilisé ou expiré (validité 30 minutes). Demandez-en un nouveau.',
    en: 'This reset link is invalid, already used or expired (valid for 30 minutes). Request a new one.',
  },
  ACCOUNTS_TOKEN_ROLE_NOT_ALLOWED: {
    status: 403,
    fr: "Un jeton d'API ne peut avoir que votre propre rôle ({role}) : choisissez ce rôle.",
    en: 'An API token can only have your own role ({role}): choose that role.',
  },
  ACCOUNTS_TOKEN_NEEDS_SESSION: {
    status: 403,
    fr: "Un jeton d'API ne peut pas créer d'autre jeton : connectez-vous à l'interface pour en créer un.",
    en: 'An API token cannot create another token: log in to the web interface to create one.',
  },
  ACCOUNTS_TOKEN_EXPIRY_PAST: {
    status: 400,
    fr: "La date d'expiration doit être dans le futur : choisissez une date à venir ou laissez le champ vide.",
    en: 'The expiry date must be in the future: pick a coming date or leave the field empty.',
  },
  ACCOUNTS_INVALID_API_TOKEN: {
    status: 401,
    fr: "Jeton d'API invalide, révoqué ou expiré : créez un nouveau jeton sur la page « Jetons d'API ».",
    en: 'Invalid, revoked or expired API token: create a new token on the "API tokens" page.',
  },
});
