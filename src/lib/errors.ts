/**
 * Errors that reach a user carry a catalogue code (`<MODULE>_<WHAT>`), an HTTP status and a
 * message in French and English that says what to do next.
 */
export type Lang = 'fr' | 'en';

/** One entry of the error catalogue. */
export interface ErrorDefinition {
  readonly code: string;
  readonly status: number;
  readonly fr: string;
  readonly en: string;
}

/** Details a caller may attach: which field was wrong, which line of a file, … */
export interface ErrorDetail {
  readonly field?: string;
  readonly line?: number;
  readonly message: string;
}

/** The one error type services throw for a user-facing failure. */
export class HygieError extends Error {
  readonly code: string;
  readonly status: number;
  readonly definition: ErrorDefinition;
  readonly params: Readonly<Record<string, string | number>>;
  readonly details: readonly ErrorDetail[];

  constructor(
    definition: ErrorDefinition,
    params: Record<string, string | number> = {},
    details: readonly ErrorDetail[] = [],
  ) {
    super(formatMessage(definition.en, params));
    this.name = 'HygieError';
    this.code = definition.code;
    this.status = definition.status;
    this.definition = definition;
    this.params = params;
    this.details = details;
  }

  /** The message in the reader's language, with its parameters filled in. */
  messageIn(lang: Lang): string {
    return formatMessage(this.definition[lang], this.params);
  }
}

/** Declares a catalogue of errors; keys must equal codes so the catalogue reads like a table. */
export function defineErrors<const T extends Record<string, Omit<ErrorDefinition, 'code'>>>(
  entries: T,
): { readonly [K in keyof T]: ErrorDefinition & { code: K } } {
  const out: Record<string, ErrorDefinition> = {};
  for (const [code, entry] of Object.entries(entries)) out[code] = { code, ...entry };
  return out as { readonly [K in keyof T]: ErrorDefinition & { code: K } };
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function formatMessage(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Errors every module may raise. */
export const CommonErrors = defineErrors({
  COMMON_VALIDATION: {
    status: 400,
    fr: 'Certaines valeurs sont invalides : corrigez les champs signalés puis réessayez.',
    en: 'Some values are invalid: fix the fields shown and try again.',
  },
  COMMON_NOT_FOUND: {
    status: 404,
    fr: "{what} introuvable : vérifiez l'identifiant ou revenez à la liste.",
    en: '{what} not found: check the identifier or go back to the list.',
  },
  COMMON_UNAUTHENTICATED: {
    status: 401,
    fr: 'Vous devez vous connecter pour accéder à cette page.',
    en: 'You must log in to access this page.',
  },
  COMMON_FORBIDDEN: {
    status: 403,
    fr: "Votre rôle ne permet pas cette action. Demandez l'accès à un administrateur du CERT.",
    en: 'Your role does not allow this action. Ask a CERT administrator for access.',
  },
  COMMON_CONFLICT: {
    status: 409,
    fr: '{what} existe déjà : modifiez la fiche existante plutôt que d’en créer une nouvelle.',
    en: '{what} already exists: edit the existing record instead of creating a new one.',
  },
  COMMON_CSRF: {
    status: 403,
    fr: 'Le formulaire a expiré : rechargez la page et renvoyez-le.',
    en: 'The form has expired: reload the page and submit it again.',
  },
  COMMON_RATE_LIMITED: {
    status: 429,
    fr: 'Trop de requêtes : patientez une minute puis réessayez.',
    en: 'Too many requests: wait a minute and try again.',
  },
  COMMON_INTERNAL: {
    status: 500,
    fr: "Erreur interne : réessayez ; si elle persiste, transmettez l'identifiant de requête {requestId} à l'équipe.",
    en: 'Internal error: try again; if it persists, send request id {requestId} to the team.',
  },
});

/** Shorthand for the most common failure: invalid input with per-field details. */
export function validationError(details: readonly ErrorDetail[]): HygieError {
  return new HygieError(CommonErrors.COMMON_VALIDATION, {}, details);
}
