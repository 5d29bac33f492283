import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'tls.cipher-weak',
  category: 'misconfiguration',
  severity: 'medium',
  title: {
    fr: 'Suites cryptographiques faibles acceptées',
    en: 'Weak cipher suites accepted',
  },
  description: {
    fr: "Le service accepte des suites cryptographiques cassées ou dangereuses : export (clés de 40 bits), NULL (aucun chiffrement), RC4, 3DES/DES (attaque Sweet32) ou anonymes (aucune authentification du serveur). Un attaquant peut négocier l'une d'elles pour lire ou modifier le trafic, y compris des données de santé.",
    en: 'The service accepts broken or dangerous cipher suites: export (40-bit keys), NULL (no encryption), RC4, 3DES/DES (Sweet32 attack) or anonymous (no server authentication). An attacker can negotiate one of them to read or alter the traffic, health data included.',
  },
  recommendation: {
    fr: "Restreindre les suites aux recommandations de l'ANSSI (ECDHE avec AES-GCM ou ChaCha20-Poly1305 ; TLS 1.3) : nginx « ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20; », Apache « SSLCipherSuite », IIS via les stratégies SCHANNEL ou IIS Crypto ; retirer les options « @SECLEVEL=0 » et « ALL ». Vérification : testssl.sh (« -s ») ou « nmap --script ssl-enum-ciphers » ne liste plus aucune suite NULL, export, RC4, 3DES ou anonyme.",
    en: 'Restrict the suites to ANSSI recommendations (ECDHE with AES-GCM or ChaCha20-Poly1305; TLS 1.3): nginx "ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20;", Apache "SSLCipherSuite", IIS through SCHANNEL policies or IIS Crypto; remove "@SECLEVEL=0" and "ALL" options. Verify: testssl.sh ("-s") or "nmap --script ssl-enum-ciphers" lists no NULL, export, RC4, 3DES or anonymous suite any more.',
  },
  references: [REF.anssiTls, REF.rfc7465, REF.rfc9325],
};

/** `tls.cipher-weak`: an assess attempt got a weak family accepted (untested families are notes, not findings). */
export const tlsCipherWeakCheck: Check = {
  definition,
  evaluate(input) {
    return serviceViews(input).flatMap((view) => {
      const accepted = (view.assessment?.ciphers ?? []).filter((c) => c.outcome === 'accepted');
      if (accepted.length === 0) return [];
      return [
        buildFinding(definition, {
          target: serviceTarget(view),
          evidence: accepted
            .map(
              (c) =>
                `${c.group}: ${c.cipher ?? '?'}${c.protocol ? ` (${c.protocol})` : ''} accepted (${c.method})`,
            )
            .join('; '),
        }),
      ];
    });
  },
};
