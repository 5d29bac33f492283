import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition, Finding } from '../findings/finding.types.js';
import { isPastEndOfLife, matchEndOfLife } from './end-of-life.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';
import { detectedProducts } from './software-view.js';

const definition: CheckDefinition = {
  id: 'software.obsolete',
  category: 'obsolete-software',
  severity: 'high',
  title: {
    fr: 'Logiciel en fin de vie (plus de correctifs de sécurité)',
    en: 'End-of-life software (no more security fixes)',
  },
  description: {
    fr: "Le service fonctionne avec une version de logiciel dont l'éditeur a arrêté le support : les vulnérabilités découvertes depuis ne sont plus corrigées et restent exploitables indéfiniment. Les logiciels obsolètes exposés sur Internet sont l'une des premières portes d'entrée des rançongiciels qui ont paralysé des hôpitaux.",
    en: 'The service runs a software version its vendor no longer supports: vulnerabilities found since are no longer fixed and stay exploitable forever. Obsolete software exposed on the Internet is one of the main ways in for the ransomware that has paralysed hospitals.',
  },
  recommendation: {
    fr: "Planifier la migration vers une version maintenue (voir la date de fin de vie indiquée), en priorité pour les services exposés à Internet ; en attendant, restreindre l'accès (VPN, filtrage par adresse), surveiller les journaux et isoler le serveur. Si une distribution Linux fournit encore des correctifs rétroportés pour ce paquet, le documenter. Vérification : la version annoncée par le service appartient à un cycle encore supporté sur endoflife.date ou chez l'éditeur.",
    en: 'Plan the move to a supported version (see the end-of-life date given), Internet-facing services first; meanwhile restrict access (VPN, address filtering), watch the logs and isolate the server. If a Linux distribution still backports fixes for this package, document it. Verify: the version the service announces belongs to a cycle still supported on endoflife.date or by the vendor.',
  },
  references: [REF.endOfLife, REF.anssiRansomware, REF.certSante],
};

/** `software.obsolete`: a detected product version whose release cycle is past end of life at the scan's time. */
export const softwareObsoleteCheck: Check = {
  definition,
  evaluate(input, context) {
    const findings: Finding[] = [];
    for (const view of serviceViews(input)) {
      const seen = new Set<string>();
      for (const software of detectedProducts(view.service)) {
        const match = matchEndOfLife(context.endOfLife, software);
        if (!match || seen.has(match.product.id) || !isPastEndOfLife(match.cycle, context.now)) continue;
        seen.add(match.product.id);
        const when = match.cycle.eol === true ? 'date not published' : String(match.cycle.eol);
        findings.push(
          buildFinding(definition, {
            target: serviceTarget(view),
            discriminator: match.product.id,
            evidence: `${software.name} ${software.version}: ${match.via}, end of life ${when} (${match.product.url})`,
            references: [match.product.url],
          }),
        );
      }
    }
    return findings;
  },
};
