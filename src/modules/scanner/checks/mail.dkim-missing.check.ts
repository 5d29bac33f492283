import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { mailDomains } from './mail-view.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'mail.dkim-missing',
  category: 'identity-spoofing',
  severity: 'low',
  title: {
    fr: 'Aucune clé DKIM publiée pour le domaine',
    en: 'No DKIM key published for the domain',
  },
  description: {
    fr: "Aucune clé DKIM n'est publiée pour le domaine : le nom « _domainkey » n'existe pas et aucun sélecteur courant ne répond. Les courriels de l'établissement ne sont donc pas signés ; DMARC ne peut s'appuyer que sur SPF, qui échoue dès qu'un message est transféré (listes de diffusion, redirections de praticiens), et les destinataires ne peuvent pas distinguer un vrai courriel de l'hôpital d'un faux bien construit.",
    en: 'No DKIM key is published for the domain: the name "_domainkey" does not exist and no usual selector answers. The organisation\'s mail is therefore not signed; DMARC can only rely on SPF, which fails as soon as a message is forwarded (mailing lists, practitioners\' redirections), and recipients cannot tell a real message from the hospital from a well-made fake.',
  },
  recommendation: {
    fr: 'Activer la signature DKIM sur la passerelle de messagerie (Exchange Online, Postfix avec OpenDKIM ou rspamd, prestataires d\'envoi) avec une clé RSA 2048 bits ou Ed25519, publier « <sélecteur>._domainkey.<domaine> TXT "v=DKIM1; k=rsa; p=…" », et prévoir la rotation des clés. Vérification : un courriel envoyé à une boîte externe porte « dkim=pass » aligné sur le domaine. Si l\'établissement signe déjà avec un sélecteur non standard, marquer ce constat comme faux positif.',
    en: 'Turn on DKIM signing at the mail gateway (Exchange Online, Postfix with OpenDKIM or rspamd, mailing providers) with a 2048-bit RSA or Ed25519 key, publish "<selector>._domainkey.<domain> TXT \\"v=DKIM1; k=rsa; p=…\\"", and plan key rotation. Verify: a message sent to an outside mailbox carries an aligned "dkim=pass". If the organisation already signs with a non-standard selector, mark this finding as a false positive.',
  },
  references: [REF.rfc6376, REF.internetNl],
};

/**
 * `mail.dkim-missing` (added): a mail domain with no key at the usual selectors and no
 * `_domainkey` node at all (NXDOMAIN proves no selector exists; NOERROR means keys elsewhere).
 */
export const mailDkimMissingCheck: Check = {
  definition,
  evaluate(input) {
    return mailDomains(input).flatMap((m) => {
      const d = m.dkim;
      if (!d || d.found.length > 0 || d.domainKeyRcode !== 'NXDOMAIN') return [];
      return [
        buildFinding(definition, {
          target: { domain: m.domain },
          evidence: `_domainkey.${m.domain}: NXDOMAIN; no key at selectors ${d.selectorsTried.join(', ')}`,
        }),
      ];
    });
  },
};
