import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { detailFlag, detailText, servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.dicom-open-association',
  category: 'weak-authentication',
  severity: 'critical',
  title: {
    fr: "Le service DICOM accepte une association depuis n'importe quel titre AE",
    en: 'The DICOM service accepts an association from any AE title',
  },
  description: {
    fr: "Le service DICOM a accepté une association demandée avec des titres AE arbitraires (appelant et appelé inventés). Il ne contrôle donc pas qui se connecte : n'importe qui atteignant le port peut ouvrir une session DICOM et, selon les services proposés, interroger et récupérer les examens et l'identité des patients (C-FIND, C-MOVE), ou envoyer de fausses images (C-STORE).",
    en: 'The DICOM service accepted an association requested with arbitrary AE titles (made-up calling and called titles). It therefore does not control who connects: anyone reaching the port can open a DICOM session and, depending on the services offered, query and retrieve studies and patient identities (C-FIND, C-MOVE), or send fake images (C-STORE).',
  },
  recommendation: {
    fr: "Configurer le PACS ou la modalité pour n'accepter que les titres AE et adresses IP déclarés (liste blanche des équipements appelants, vérification du titre appelé), activer l'authentification et le chiffrement DICOM TLS lorsque c'est possible, et ne jamais l'exposer sur Internet. Vérification : « echoscu -aet INCONNU -aec INCONNU <hôte> <port> » est rejeté (A-ASSOCIATE-RJ).",
    en: 'Configure the PACS or modality to accept only declared AE titles and IP addresses (allow-list of calling devices, called-title check), turn on DICOM TLS and authentication where available, and never expose it on the Internet. Verify: "echoscu -aet UNKNOWN -aec UNKNOWN <host> <port>" is rejected (A-ASSOCIATE-RJ).',
  },
  references: [REF.dicomPs38, REF.dicomPs315, REF.pgssiS],
};

/** `service.dicom-open-association`: the association with a made-up called AE title was accepted. */
export const serviceDicomOpenAssociationCheck: Check = {
  definition,
  evaluate(input) {
    return servicesOf(input, 'dicom')
      .filter((v) => detailFlag(v.service, 'anyAeTitleAccepted') === true)
      .map((v) =>
        buildFinding(definition, {
          target: serviceTarget(v),
          evidence: `A-ASSOCIATE-AC for calling AE HYGIE-SCAN and called AE ${detailText(v.service, 'calledAeTitle') ?? 'ANY-SCP-TEST'} (Verification SOP class: ${detailText(v.service, 'verificationContext') ?? '?'})`,
        }),
      );
  },
};
