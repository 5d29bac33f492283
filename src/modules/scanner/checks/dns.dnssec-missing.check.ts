import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'dns.dnssec-missing',
  category: 'misconfiguration',
  severity: 'info',
  title: {
    fr: 'Zone DNS non signée (DNSSEC absent)',
    en: 'DNS zone not signed (no DNSSEC)',
  },
  description: {
    fr: "La zone n'est pas signée avec DNSSEC : un résolveur ne peut pas vérifier que les réponses viennent bien de l'établissement. Un attaquant capable d'empoisonner un cache DNS ou de détourner le trafic peut alors rediriger patients, partenaires ou messageries entrantes vers ses propres serveurs. DNSSEC est aussi le prérequis de DANE pour la sécurité de la messagerie.",
    en: 'The zone is not signed with DNSSEC: a resolver cannot check that answers really come from the organisation. An attacker able to poison a DNS cache or divert traffic can then send patients, partners or incoming mail to their own servers. DNSSEC is also the prerequisite of DANE for mail security.',
  },
  recommendation: {
    fr: "Activer la signature DNSSEC de la zone chez l'hébergeur DNS (ou sur le serveur maître), puis publier l'enregistrement DS chez le bureau d'enregistrement (registrar) ; prévoir le renouvellement des clés. Vérification : « dig +dnssec DNSKEY <zone> » renvoie des clés et des signatures RRSIG, et un test comme internet.nl ou DNSViz montre une chaîne de confiance valide.",
    en: 'Turn on DNSSEC signing of the zone at the DNS host (or on the primary server), then publish the DS record at the registrar; plan key rollovers. Verify: "dig +dnssec DNSKEY <zone>" returns keys and RRSIG signatures, and a test such as internet.nl or DNSViz shows a valid chain of trust.',
  },
  references: [REF.rfc4033, REF.anssiDomains, REF.internetNl],
};

/** `dns.dnssec-missing`: a zone apex of a domain target answers DNSKEY with no key. */
export const dnsDnssecMissingCheck: Check = {
  definition,
  evaluate(input) {
    return input.zones
      .filter((z) => z.apex && z.dnssec.status === 'unsigned')
      .map((z) =>
        buildFinding(definition, {
          target: { domain: z.domain },
          evidence: `DNSKEY ${z.domain} with DO bit${z.dnssec.server ? ` (asked of ${z.dnssec.server})` : ''}: no key, no RRSIG`,
        }),
      );
  },
};
