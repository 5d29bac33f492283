import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { exposureFindings } from './exposure.js';
import { REF } from './references.js';
import { detailText } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.hl7-exposed',
  category: 'exposed-service',
  severity: 'high',
  title: {
    fr: 'Interface HL7 (MLLP) accessible depuis Internet',
    en: 'HL7 interface (MLLP) reachable from the Internet',
  },
  description: {
    fr: "Un récepteur de messages HL7 v2 (moteur d'interfaces, dossier patient, laboratoire, radiologie) accepte des connexions depuis Internet. HL7 sur MLLP n'a ni chiffrement ni authentification : un attaquant peut injecter de faux messages (admissions, résultats, prescriptions) dans les systèmes cliniques ou intercepter des données de patients.",
    en: 'An HL7 v2 message receiver (interface engine, patient record, laboratory, radiology) accepts connections from the Internet. HL7 over MLLP has neither encryption nor authentication: an attacker can inject fake messages (admissions, results, orders) into clinical systems or intercept patient data.',
  },
  recommendation: {
    fr: "Ne jamais exposer les ports HL7 (2575 et ports des moteurs d'interfaces) : limiter les connexions aux adresses des partenaires, via un VPN site à site ou un tunnel TLS, et contrôler les émetteurs côté moteur d'interfaces. Vérification : depuis l'extérieur, le port du récepteur HL7 est filtré.",
    en: "Never expose HL7 ports (2575 and interface-engine ports): restrict connections to partner addresses, through a site-to-site VPN or a TLS tunnel, and check senders in the interface engine. Verify: from outside, the HL7 receiver's port is filtered.",
  },
  references: [REF.hl7Mllp, REF.pgssiS, REF.anssiInterconnexion],
};

/** `service.hl7-exposed`: an HL7 MLLP receiver acknowledged our (harmless) message. */
export const serviceHl7ExposedCheck: Check = {
  definition,
  evaluate(input) {
    return exposureFindings(input, definition, ['hl7'], {
      describe: (v) => {
        const ack = detailText(v.service, 'ack');
        const app = detailText(v.service, 'sendingApplication');
        return [ack ? `acknowledgment ${ack}` : '', app ? `application ${app}` : '']
          .filter(Boolean)
          .join(', ');
      },
    });
  },
};
