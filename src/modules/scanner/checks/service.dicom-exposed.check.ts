import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { exposureFindings } from './exposure.js';
import { REF } from './references.js';
import { detailText } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.dicom-exposed',
  category: 'exposed-service',
  severity: 'high',
  title: {
    fr: "Service d'imagerie médicale DICOM accessible depuis Internet",
    en: 'DICOM medical imaging service reachable from the Internet',
  },
  description: {
    fr: "Un service DICOM (PACS, modalité, passerelle d'imagerie) répond sur Internet. DICOM transporte les images et les données d'identité des patients, le plus souvent sans chiffrement ni authentification forte ; exposé, il permet de consulter ou d'extraire des examens, d'en injecter de faux, ou de perturber la chaîne d'imagerie.",
    en: 'A DICOM service (PACS, modality, imaging gateway) answers on the Internet. DICOM carries images and patient identity data, usually without encryption or strong authentication; exposed, it lets attackers view or pull studies, inject fake ones, or disrupt the imaging chain.',
  },
  recommendation: {
    fr: "Retirer le service DICOM de l'exposition Internet : n'autoriser que les adresses des partenaires (téléradiologie, établissements liés) via un VPN site à site ou un filtrage strict, utiliser DICOM sur TLS (profils de sécurité PS3.15) et restreindre les titres AE autorisés. Vérification : depuis l'extérieur, les ports 104 et 11112 (et 4242 pour Orthanc) sont filtrés.",
    en: 'Take the DICOM service off the Internet: allow only partner addresses (teleradiology, linked facilities) through a site-to-site VPN or strict filtering, use DICOM over TLS (PS3.15 security profiles) and restrict the allowed AE titles. Verify: from outside, ports 104 and 11112 (and 4242 for Orthanc) are filtered.',
  },
  references: [REF.dicomPs315, REF.pgssiS, REF.anssiInterconnexion],
};

/** `service.dicom-exposed`: a DICOM acceptor answered an association request. */
export const serviceDicomExposedCheck: Check = {
  definition,
  evaluate(input) {
    return exposureFindings(input, definition, ['dicom'], {
      describe: (v) => {
        const name = detailText(v.service, 'implementationVersionName');
        return name ? `implementation ${name}` : '';
      },
    });
  },
};
