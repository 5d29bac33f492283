import type { HttpApp } from '../platform/http/server.js';
import { defineMessages, translator } from '../platform/i18n/i18n.js';
import { registryCounts } from '../modules/registry/index.js';
import { countFindingsToHandle } from '../modules/scanner/index.js';

const messages = defineMessages({
  title: { fr: 'Accueil', en: 'Home' },
  welcome: { fr: 'Bienvenue sur Hygie', en: 'Welcome to Hygie' },
  publicIntro: {
    fr: 'Hygie est la plateforme du CERT santé : qualification des incidents, audits de cybersurveillance, veille proactive, test de filtrage des e-mails et portail de veille sur les vulnérabilités des établissements de santé et médico-sociaux.',
    en: 'Hygie is the health CERT platform: incident qualification, cyber-surveillance audits, proactive watch, e-mail filter tests and a vulnerability-watch portal for health and medico-social structures.',
  },
  login: { fr: 'Se connecter', en: 'Log in' },
  hello: { fr: 'Bonjour {name}', en: 'Hello {name}' },
  roleIntro_admin: {
    fr: 'Administration de la plateforme et de la circonscription.',
    en: 'Administration of the platform and the constituency.',
  },
  roleIntro_analyst: {
    fr: 'Vue d’ensemble de la circonscription suivie par le CERT.',
    en: 'Overview of the constituency the CERT protects.',
  },
  roleIntro_auditor: {
    fr: 'Périmètres et structures pour les audits de cybersurveillance.',
    en: 'Perimeters and structures for cyber-surveillance audits.',
  },
  roleIntro_beneficiary: {
    fr: 'Vos structures et leurs informations enregistrées auprès du CERT.',
    en: 'Your structures and what the CERT has on record for them.',
  },
  roleIntro_authority: { fr: 'Consultation en lecture seule.', en: 'Read-only access.' },
  structures: { fr: 'Structures', en: 'Structures' },
  groups: { fr: 'GHT', en: 'Hospital groups' },
  domains: { fr: 'Domaines', en: 'Domains' },
  networks: { fr: 'Réseaux', en: 'Networks' },
  counts: { fr: 'Chiffres clés', en: 'Key figures' },
  criticalFindings: { fr: 'Constats critiques à traiter', en: 'Critical findings to handle' },
  highFindings: { fr: 'Constats élevés à traiter', en: 'High findings to handle' },
});

/** The home page: a public landing for visitors, real counts for each role. */
export function registerHomePages(app: HttpApp): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const t = translator(request.lang, messages);
    const actor = request.ctx.actor;
    if (actor.kind !== 'user') {
      return reply.page(
        t('title'),
        <div class="container">
          <h1 safe>{t('welcome')}</h1>
          <p class="lead" safe>
            {t('publicIntro')}
          </p>
          <a class="btn btn-primary" href="/login" safe>
            {t('login')}
          </a>
        </div>,
      );
    }
    const counts = await registryCounts(request.ctx);
    const cards: { label: string; value: number; href: string }[] = [
      { label: t('structures'), value: counts.structures, href: '/structures' },
      { label: t('groups'), value: counts.groups, href: '/groups' },
      { label: t('domains'), value: counts.domains, href: '/structures' },
      { label: t('networks'), value: counts.networks, href: '/structures' },
    ];
    const findings = await countFindingsToHandle(request.ctx);
    if (findings) {
      cards.push(
        { label: t('criticalFindings'), value: findings.critical, href: '/findings?severity=critical' },
        { label: t('highFindings'), value: findings.high, href: '/findings?severity=high' },
      );
    }
    return reply.page(
      t('title'),
      <div>
        <h1 safe>{t('hello', { name: actor.label })}</h1>
        <p class="text-body-secondary" safe>
          {t(`roleIntro_${actor.role}`)}
        </p>
        <h2 class="h4 mt-4" safe>
          {t('counts')}
        </h2>
        <div class="row g-3">
          {cards.map((card) => (
            <div class="col-sm-6 col-lg-3">
              <div class="card h-100">
                <div class="card-body">
                  <p class="card-title text-body-secondary mb-1" safe>
                    {card.label}
                  </p>
                  <p class="hygie-count mb-0" data-count={card.label} safe>
                    {String(card.value)}
                  </p>
                  <a href={card.href} class="stretched-link">
                    <span class="visually-hidden" safe>
                      {card.label}
                    </span>
                  </a>
                </div>
              </div>
            </div>
          ))}
        </div>
      </div>,
    );
  });
}
