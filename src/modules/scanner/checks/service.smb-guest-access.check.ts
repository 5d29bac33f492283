import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.smb-guest-access',
  category: 'weak-authentication',
  severity: 'high',
  title: {
    fr: 'Partage SMB accessible sans identifiants (session anonyme ou invité)',
    en: 'SMB share reachable without credentials (anonymous or guest session)',
  },
  description: {
    fr: "Le serveur accepte une session SMB anonyme (sans nom d'utilisateur ni mot de passe) et ouvre au moins un partage de fichiers avec elle. Toute personne qui atteint le serveur peut donc parcourir et copier les documents de ce partage, et souvent y déposer des fichiers : fuite de documents internes ou de données de patients, dépôt de logiciels malveillants.",
    en: 'The server accepts an anonymous SMB session (no user name, no password) and opens at least one file share to it. Anyone who reaches the server can browse and copy the documents of that share, and often drop files there: leak of internal documents or patient data, planting of malware.',
  },
  recommendation: {
    fr: "Supprimer l'accès invité et anonyme : Samba « map to guest = Never », « restrict anonymous = 2 » et « guest ok = no » sur chaque partage ; Windows : désactiver le compte Invité, « RestrictNullSessAccess = 1 », retirer « Tout le monde » / « ANONYMOUS LOGON » des droits de partage. Donner l'accès par groupes nominatifs. Vérification : « smbclient -N //<serveur>/<partage> » est refusé (NT_STATUS_ACCESS_DENIED ou LOGON_FAILURE).",
    en: 'Remove guest and anonymous access: Samba "map to guest = Never", "restrict anonymous = 2" and "guest ok = no" on each share; Windows: disable the Guest account, "RestrictNullSessAccess = 1", remove "Everyone" / "ANONYMOUS LOGON" from share permissions. Grant access through named groups. Verify: "smbclient -N //<server>/<share>" is refused (NT_STATUS_ACCESS_DENIED or LOGON_FAILURE).',
  },
  references: [REF.msSmbGuest, REF.sambaSmbConf],
};

/** `service.smb-guest-access` (added): an anonymous session connected to a disk share. */
export const serviceSmbGuestAccessCheck: Check = {
  definition,
  evaluate(input) {
    return servicesOf(input, 'smb').flatMap((v) => {
      const g = v.assessment?.smbGuest;
      const open = (g?.shares ?? []).filter((s) => s.accessible && s.shareType !== 'pipe');
      if (!g || open.length === 0 || (g.session !== 'anonymous' && g.session !== 'guest')) return [];
      return [
        buildFinding(definition, {
          target: serviceTarget(v),
          evidence: `${g.session} session (no credentials, SMB ${g.dialect ?? '?'}) connected to share${open.length > 1 ? 's' : ''} ${open.map((s) => `\\\\${v.host.address}\\${s.share} (${s.shareType ?? 'unknown'})`).join(', ')}`,
        }),
      ];
    });
  },
};
