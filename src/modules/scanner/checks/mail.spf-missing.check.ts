import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { answered, mailDomains } from './mail-view.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'mail.spf-missing',
  category: 'identity-spoofing',
  severity: 'medium',
  title: {
    fr: 'Aucun enregistrement SPF sur un domaine de messagerie',
    en: 'No SPF record on a mail domain',
  },
  description: {
    fr: "Le domaine reçoit du courrier (il a des MX) mais ne publie pas d'enregistrement SPF : rien n'indique aux messageries destinataires quels serveurs ont le droit d'envoyer au nom de l'établissement. N'importe qui peut alors envoyer des courriels « @domaine-de-l-hopital » (fausses convocations, faux résultats, fraude au virement auprès des fournisseurs) avec de bonnes chances d'arriver en boîte de réception.",
    en: 'The domain receives mail (it has MX records) but publishes no SPF record: nothing tells receiving mail systems which servers may send on behalf of the organisation. Anyone can then send "@hospital-domain" e-mail (fake appointments, fake results, invoice fraud against suppliers) with good odds of reaching the inbox.',
  },
  recommendation: {
    fr: "Publier un enregistrement TXT « v=spf1 … -all » listant exactement les émetteurs légitimes (serveurs de messagerie, prestataires d'envoi, plateformes de rendez-vous) et se terminant par -all (ou ~all le temps de la mise au point), en restant sous 10 recherches DNS. Vérification : « dig TXT <domaine> » renvoie un seul enregistrement v=spf1, et un courriel de test envoyé à une boîte externe montre « spf=pass ».",
    en: 'Publish a TXT record "v=spf1 … -all" listing exactly the legitimate senders (mail servers, mailing providers, appointment platforms) and ending in -all (or ~all while tuning), staying under 10 DNS lookups. Verify: "dig TXT <domain>" returns one v=spf1 record, and a test message sent to an outside mailbox shows "spf=pass".',
  },
  references: [REF.rfc7208, REF.anssiDomains, REF.internetNl],
};

/** `mail.spf-missing`: a domain target with MX records and no `v=spf1` TXT record. */
export const mailSpfMissingCheck: Check = {
  definition,
  evaluate(input) {
    return mailDomains(input)
      .filter((m) => m.spf.records.length === 0 && answered(m.spf.rcode))
      .map((m) =>
        buildFinding(definition, {
          target: { domain: m.domain },
          evidence: `MX ${m.mx.map((x) => x.exchange).join(', ')}; TXT ${m.domain} (${m.spf.rcode}): no v=spf1 record`,
        }),
      );
  },
};
