import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'dns.zone-transfer',
  category: 'misconfiguration',
  severity: 'high',
  title: {
    fr: 'Transfert de zone DNS ouvert à tous',
    en: 'DNS zone transfer open to anyone',
  },
  description: {
    fr: "Un serveur de noms de l'établissement répond à une demande de transfert de zone (AXFR) venant de n'importe qui : il livre d'un coup la liste complète des noms de la zone (serveurs, applications métier, PACS, accès distants, noms de tests oubliés). Pour un attaquant, c'est la cartographie de l'hôpital offerte sans effort, qui lui indique les cibles à attaquer en premier.",
    en: "One of the organisation's name servers answers a zone transfer request (AXFR) from anyone: it hands over the full list of names in the zone at once (servers, clinical applications, PACS, remote access, forgotten test names). For an attacker this is a free map of the hospital, showing which targets to attack first.",
  },
  recommendation: {
    fr: "Restreindre les transferts de zone aux seuls serveurs secondaires, par adresse IP et si possible par clé TSIG (BIND : allow-transfer { adresses; }; NSD : provide-xfr avec une clé ; Windows DNS : « Autoriser les transferts de zone uniquement vers les serveurs suivants »). Faire de même chez l'hébergeur DNS. Vérification : depuis une machine extérieure, « dig AXFR <zone> @<serveur> » doit répondre « Transfer failed » ou REFUSED.",
    en: 'Allow zone transfers only to the secondary servers, by IP address and preferably with a TSIG key (BIND: allow-transfer { addresses; }; NSD: provide-xfr with a key; Windows DNS: "Only to the following servers"). Do the same at the DNS hosting provider. Verify: from an outside machine, "dig AXFR <zone> @<server>" must answer "Transfer failed" or REFUSED.',
  },
  references: [REF.rfc5936, REF.anssiDomains],
};

/** `dns.zone-transfer`: a name server of a domain target transferred the zone (fully or partly). */
export const dnsZoneTransferCheck: Check = {
  definition,
  evaluate(input) {
    return input.zones.flatMap((zone) =>
      zone.zoneTransfers
        .filter((t) => t.status === 'transferred' || t.status === 'partial')
        .map((t) =>
          buildFinding(definition, {
            target: { domain: zone.domain, hostname: t.nameServer },
            discriminator: t.nameServer.toLowerCase(),
            evidence: `AXFR ${zone.domain} from ${t.nameServer}${t.server ? ` (${t.server})` : ''}: ${t.status}, ${t.records} records`,
          }),
        ),
    );
  },
};
