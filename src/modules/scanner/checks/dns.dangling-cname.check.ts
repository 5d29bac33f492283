import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'dns.dangling-cname',
  category: 'takeover',
  severity: 'high',
  title: {
    fr: 'Alias DNS pendant : sous-domaine pouvant être repris par un tiers',
    en: 'Dangling DNS alias: a subdomain a third party could take over',
  },
  description: {
    fr: "Un nom de la zone est un alias (CNAME) vers un nom qui n'existe plus, ou vers un service en nuage (Azure, AWS, GitHub Pages, Heroku …) qui ne répond plus. Quiconque crée la ressource correspondante chez ce fournisseur prend le contrôle du sous-domaine de l'hôpital : faux portail patient, page d'hameçonnage crédible, vol de cookies de session, certificats émis au nom de l'établissement.",
    en: "A name in the zone is an alias (CNAME) to a name that no longer exists, or to a cloud service (Azure, AWS, GitHub Pages, Heroku …) that no longer answers. Whoever creates the matching resource at that provider takes over the hospital's subdomain: a fake patient portal, a credible phishing page, stolen session cookies, certificates issued in the organisation's name.",
  },
  recommendation: {
    fr: "Supprimer l'enregistrement CNAME s'il n'est plus utilisé, ou recréer la ressource cible chez le fournisseur au nom de l'établissement. Tenir un inventaire des alias vers des services tiers et le revoir à chaque décommissionnement. Vérification : « dig <nom> » ne doit plus renvoyer d'alias vers un nom inexistant (NXDOMAIN).",
    en: 'Delete the CNAME record if it is no longer used, or recreate the target resource at the provider under the organisation\'s account. Keep an inventory of aliases to third-party services and review it whenever a service is decommissioned. Verify: "dig <name>" no longer returns an alias to a non-existent name (NXDOMAIN).',
  },
  references: [REF.canITakeOver, REF.azureDangling, REF.anssiDomains],
};

/** Suffixes of hosting services where an unclaimed name can be registered by anyone. */
export const TAKEOVER_SUFFIXES: readonly string[] = [
  'azurewebsites.net',
  'cloudapp.net',
  'cloudapp.azure.com',
  'trafficmanager.net',
  'blob.core.windows.net',
  'azureedge.net',
  'azure-api.net',
  'azurefd.net',
  'azurestaticapps.net',
  's3.amazonaws.com',
  's3-website.eu-west-3.amazonaws.com',
  'amazonaws.com',
  'elasticbeanstalk.com',
  'cloudfront.net',
  'github.io',
  'herokuapp.com',
  'herokudns.com',
  'pantheonsite.io',
  'ghost.io',
  'myshopify.com',
  'surge.sh',
  'bitbucket.io',
  'netlify.app',
  'readthedocs.io',
  'wordpress.com',
  'zendesk.com',
  'webflow.io',
  'fly.dev',
];

function takeoverSuffix(target: string): string | undefined {
  const t = target.toLowerCase().replace(/\.$/, '');
  return TAKEOVER_SUFFIXES.find((s) => t === s || t.endsWith(`.${s}`));
}

/**
 * `dns.dangling-cname`: the CNAME target does not exist (NXDOMAIN), or is under a hosting service
 * where names can be claimed and does not resolve (no address, or the resolver cannot answer it).
 */
export const dnsDanglingCnameCheck: Check = {
  definition,
  evaluate(input) {
    return input.zones.flatMap((zone) =>
      zone.cnames.flatMap((c) => {
        const suffix = takeoverSuffix(c.target);
        const missing = c.rcode === 'NXDOMAIN';
        const unclaimed =
          suffix !== undefined && (c.rcode !== 'NOERROR' || c.addresses === 0) && c.rcode !== 'TIMEOUT';
        if (!missing && !unclaimed) return [];
        const why = missing
          ? `${c.target} does not exist (NXDOMAIN)`
          : `${c.target} (${suffix} hosting) does not resolve (${c.rcode}, ${c.addresses} addresses)`;
        return [
          buildFinding(definition, {
            target: { domain: c.name, hostname: c.name },
            discriminator: c.target.toLowerCase(),
            evidence: `${c.name} CNAME ${c.target}: ${why}`,
          }),
        ];
      }),
    );
  },
};
