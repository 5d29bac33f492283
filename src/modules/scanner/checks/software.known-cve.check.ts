import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition, Finding } from '../findings/finding.types.js';
import { severityOfVulnerability } from '../findings/severity.js';
import { vulnerabilityKey } from '../findings/vulnerability-lookup.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';
import { lookupPairs } from './software-view.js';

const definition: CheckDefinition = {
  id: 'software.known-cve',
  category: 'known-vulnerability',
  severity: 'from-cvss',
  title: {
    fr: 'Vulnérabilité connue (CVE) dans la version détectée',
    en: 'Known vulnerability (CVE) in the detected version',
  },
  description: {
    fr: "La version du logiciel détectée sur ce service est concernée par une vulnérabilité publiée (CVE). La gravité suit le score CVSS ; une vulnérabilité inscrite au catalogue CISA des vulnérabilités activement exploitées (KEV) sur un service exposé est critique, car des attaquants l'utilisent déjà. La correspondance repose sur la version annoncée : un correctif rétroporté par l'éditeur ou la distribution peut la rendre sans objet.",
    en: "The software version detected on this service is affected by a published vulnerability (CVE). Severity follows the CVSS score; a vulnerability in CISA's catalogue of actively exploited vulnerabilities (KEV) on an exposed service is critical, because attackers already use it. The match relies on the announced version: a fix backported by the vendor or the distribution may make it moot.",
  },
  recommendation: {
    fr: "Appliquer la mise à jour ou le correctif de l'éditeur indiqué dans l'avis de sécurité (voir les références), en urgence pour les vulnérabilités KEV ; à défaut, appliquer les mesures de contournement publiées et restreindre l'exposition du service. Rechercher des traces de compromission si la vulnérabilité est activement exploitée. Vérification : la version annoncée n'est plus dans la plage affectée, ou le correctif apparaît dans l'inventaire.",
    en: "Apply the vendor's update or patch named in the advisory (see references), urgently for KEV vulnerabilities; failing that, apply the published workarounds and restrict the service's exposure. Look for signs of compromise if the vulnerability is actively exploited. Verify: the announced version is no longer in the affected range, or the patch shows in the inventory.",
  },
  references: [REF.nvd, REF.cisaKev, REF.certSante],
};

/** `software.known-cve`: CVEs the injected vulnerability lookup returned for a service's (CPE, version) pairs. */
export const softwareKnownCveCheck: Check = {
  definition,
  evaluate(input, context) {
    const findings: Finding[] = [];
    for (const view of serviceViews(input)) {
      for (const pair of lookupPairs(view.service)) {
        for (const v of context.vulnerabilities.get(vulnerabilityKey(pair.cpe, pair.version)) ?? []) {
          if (!/^CVE-\d{4}-\d{4,}$/.test(v.id)) continue;
          const severity = severityOfVulnerability({ cvss: v.cvss, kev: v.kev, exposed: true });
          findings.push(
            buildFinding(definition, {
              target: serviceTarget(view),
              discriminator: v.id,
              severity,
              title: {
                fr: `${v.id} : ${pair.name} ${pair.version} — ${v.title}`,
                en: `${v.id}: ${pair.name} ${pair.version} — ${v.title}`,
              },
              evidence: `${pair.name} ${pair.version} (${pair.cpe}): ${v.id}, CVSS ${v.cvss ?? 'not scored'}${v.cvssVector ? ` ${v.cvssVector}` : ''}${v.kev ? ', in CISA KEV' : ''}`,
              cve: [v.id],
              cvss: v.cvss,
              cvssVector: v.cvssVector,
              kev: v.kev,
              references: [`https://nvd.nist.gov/vuln/detail/${v.id}`],
            }),
          );
        }
      }
    }
    return findings;
  },
};
