import { defineErrors } from '../../lib/errors.js';

/**
 * Error catalogue of subscriptions, digests and unsubscribe links (codes
 * VULNWATCH_SUBSCRIPTION_*). Merged into the module's catalogue by `index.ts`.
 */
export const VulnWatchSubscriptionErrors = defineErrors({
  VULNWATCH_SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    fr: 'Abonnement introuvable : il a peut-être été supprimé. Revenez à la liste de vos abonnements.',
    en: 'Subscription not found: it may have been deleted. Go back to the list of your subscriptions.',
  },
  VULNWATCH_SUBSCRIPTION_STRUCTURE_NOT_ALLOWED: {
    status: 403,
    fr: 'Vous ne pouvez vous abonner que pour les structures dont vous êtes responsable : choisissez l’une d’elles, ou aucune.',
    en: 'You may subscribe only for the structures you act for: choose one of them, or none.',
  },
  VULNWATCH_SUBSCRIPTION_DEPLOYMENTS_NOT_ALLOWED: {
    status: 403,
    fr: 'Le suivi des « produits déployés » est réservé aux utilisateurs d’une structure et à l’équipe du CERT : décochez cette option.',
    en: 'Watching "deployed products" is for a structure’s users and CERT staff: untick this option.',
  },
  VULNWATCH_SUBSCRIPTION_INVALID: {
    status: 400,
    fr: 'Abonnement invalide : corrigez les champs signalés puis réessayez.',
    en: 'Invalid subscription: fix the fields shown and try again.',
  },
  VULNWATCH_SUBSCRIPTION_NOTHING_WATCHED: {
    status: 400,
    fr: 'Cet abonnement enverrait toutes les CVE publiées : choisissez au moins un éditeur, un produit, un mot-clé, vos produits déployés, un score minimal ou « KEV uniquement ».',
    en: 'This subscription would send every published CVE: choose at least a vendor, a product, a keyword, your deployed products, a minimum score or "KEV only".',
  },
  VULNWATCH_SUBSCRIPTION_PRODUCT_UNKNOWN: {
    status: 400,
    fr: 'Le produit {id} n’est pas au catalogue : choisissez-le dans la liste ou saisissez un couple éditeur:produit.',
    en: 'Product {id} is not in the catalogue: pick it from the list or type a vendor:product pair.',
  },
  VULNWATCH_SUBSCRIPTION_LIMIT: {
    status: 409,
    fr: 'Vous avez déjà {max} abonnements : supprimez-en un ou regroupez leurs critères.',
    en: 'You already have {max} subscriptions: delete one or merge their criteria.',
  },
  VULNWATCH_SUBSCRIPTION_TOKEN_INVALID: {
    status: 400,
    fr: 'Ce lien de désabonnement est invalide ou incomplet : copiez-le en entier depuis l’e-mail, ou gérez vos abonnements depuis votre espace.',
    en: 'This unsubscribe link is invalid or incomplete: copy it whole from the e-mail, or manage your subscriptions from your space.',
  },
});

/** A code of the subscriptions catalogue. */
export type VulnWatchSubscriptionErrorCode = keyof typeof VulnWatchSubscriptionErrors;
