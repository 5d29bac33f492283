import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { detailText, servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'dns.version-disclosure',
  category: 'information-leak',
  severity: 'info',
  title: {
    fr: 'Le serveur DNS divulgue son logiciel et sa version',
    en: 'The DNS server discloses its software and version',
  },
  description: {
    fr: "Le serveur de noms répond à la question « version.bind » (classe CHAOS) avec le nom et la version exacte de son logiciel. Cette information permet à un attaquant de chercher directement les vulnérabilités connues de cette version sans avoir à sonder davantage un service dont dépend toute la résolution de noms de l'établissement.",
    en: 'The name server answers the "version.bind" question (CHAOS class) with the name and exact version of its software. This lets an attacker look up the known vulnerabilities of that version without further probing of a service the whole organisation\'s name resolution depends on.',
  },
  recommendation: {
    fr: 'Masquer la version : BIND « version "none"; » dans options, NSD « hide-version: yes », Unbound « hide-version: yes », Knot « version: "" » ; et tenir le logiciel à jour. Vérification : « dig CH TXT version.bind @<serveur> » ne renvoie plus de version.',
    en: 'Hide the version: BIND "version \\"none\\";" in options, NSD "hide-version: yes", Unbound "hide-version: yes", Knot "version: \\"\\""; and keep the software up to date. Verify: "dig CH TXT version.bind @<server>" no longer returns a version.',
  },
  references: [REF.bindVersion, REF.nsdConf],
};

/** `dns.version-disclosure`: `version.bind` answered with a string that names a version. */
export const dnsVersionDisclosureCheck: Check = {
  definition,
  evaluate(input) {
    return servicesOf(input, 'dns').flatMap((view) => {
      const version = detailText(view.service, 'versionBind');
      if (version === undefined || !/\d/.test(version)) return [];
      return [
        buildFinding(definition, {
          target: serviceTarget(view),
          evidence: `version.bind CH TXT "${version}"`,
        }),
      ];
    });
  },
};
