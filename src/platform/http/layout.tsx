import type { Actor } from '../auth/actor.js';
import { translator, defineMessages, type Lang } from '../i18n/i18n.js';
import { CSRF_FIELD } from './csrf.js';
import { visibleNav, type NavItem } from './navigation.js';

const messages = defineMessages({
  skip: { fr: 'Aller au contenu', en: 'Skip to content' },
  login: { fr: 'Se connecter', en: 'Log in' },
  logout: { fr: 'Se déconnecter', en: 'Log out' },
  profile: { fr: 'Mon profil', en: 'My profile' },
  mainNav: { fr: 'Navigation principale', en: 'Main navigation' },
  toggleNav: { fr: 'Afficher le menu', en: 'Toggle navigation' },
  language: { fr: 'Langue', en: 'Language' },
  footer: {
    fr: 'Hygie — plateforme open source du CERT santé. Logiciel libre sous licence AGPL-3.0-or-later.',
    en: 'Hygie — open-source platform of the health CERT. Free software under AGPL-3.0-or-later.',
  },
  apiDocs: { fr: 'API', en: 'API' },
});

/** What every page gets from the request. */
export interface PageChrome {
  readonly lang: Lang;
  readonly actor: Actor;
  readonly csrfToken: string;
  readonly nav: readonly NavItem[];
  readonly path: string;
}

/** Hidden CSRF field every form carries. */
export function CsrfField({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/**
 * The page frame: header with role-based navigation, main content, footer. Styling comes from
 * Bootstrap plus one theme stylesheet (`public/theme/hygie.css`) a deployer may replace.
 */
export function Layout(props: {
  chrome: PageChrome;
  title: string;
  children?: JSX.Element | string;
}): string {
  const { chrome, title } = props;
  const t = translator(chrome.lang, messages);
  const items = visibleNav(chrome.nav, chrome.actor);
  const user = chrome.actor.kind === 'user' ? chrome.actor : null;
  // Page bodies arrive already rendered (and escaped) by the pages' own JSX.
  const content = (props.children ?? '') as 'safe';
  return (
    '<!doctype html>' +
    ((
      <html lang={chrome.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {/* htmx would otherwise inject a <style> element, which the CSP forbids. */}
          <meta
            name="htmx-config"
            content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}'
          />
          <title safe>{`${title} · Hygie`}</title>
          <link rel="stylesheet" href="/assets/vendor/bootstrap/css/bootstrap.min.css" />
          <link rel="stylesheet" href="/assets/theme/hygie.css" />
          <link rel="icon" href="/assets/theme/logo.svg" type="image/svg+xml" />
          <script src="/assets/vendor/bootstrap/js/bootstrap.bundle.min.js" defer></script>
          <script src="/assets/vendor/htmx/htmx.min.js" defer></script>
        </head>
        <body>
          <a class="visually-hidden-focusable hygie-skip" href="#main" safe>
            {t('skip')}
          </a>
          <header>
            <nav class="navbar navbar-expand-lg navbar-dark hygie-navbar" aria-label={t('mainNav')}>
              <div class="container-fluid">
                <a class="navbar-brand d-flex align-items-center gap-2" href="/">
                  <img src="/assets/theme/logo.svg" alt="" width="28" height="28" />
                  <span>Hygie</span>
                </a>
                <button
                  class="navbar-toggler"
                  type="button"
                  data-bs-toggle="collapse"
                  data-bs-target="#hygie-nav"
                  aria-controls="hygie-nav"
                  aria-expanded="false"
                  aria-label={t('toggleNav')}
                >
                  <span class="navbar-toggler-icon"></span>
                </button>
                <div class="collapse navbar-collapse" id="hygie-nav">
                  <ul class="navbar-nav me-auto">
                    {items.map((item) => (
                      <li class="nav-item">
                        <a
                          class={`nav-link${isCurrent(chrome.path, item.href) ? ' active' : ''}`}
                          href={item.href}
                          aria-current={isCurrent(chrome.path, item.href) ? 'page' : undefined}
                          safe
                        >
                          {item.label[chrome.lang]}
                        </a>
                      </li>
                    ))}
                  </ul>
                  <ul class="navbar-nav">
                    {user ? (
                      <>
                        <li class="nav-item">
                          <a class="nav-link" href="/account" safe>
                            {user.label}
                          </a>
                        </li>
                        <li class="nav-item">
                          <form method="post" action="/logout" class="d-inline">
                            <CsrfField token={chrome.csrfToken} />
                            <button type="submit" class="btn btn-link nav-link" safe>
                              {t('logout')}
                            </button>
                          </form>
                        </li>
                      </>
                    ) : (
                      <li class="nav-item">
                        <a class="nav-link" href="/login" safe>
                          {t('login')}
                        </a>
                      </li>
                    )}
                  </ul>
                </div>
              </div>
            </nav>
          </header>
          <main id="main" class="container-fluid py-4 hygie-main">
            {content}
          </main>
          <footer class="hygie-footer border-top py-3">
            <div class="container-fluid d-flex flex-wrap justify-content-between gap-2 small">
              <span safe>{t('footer')}</span>
              <span class="d-flex gap-3 align-items-center">
                <a href="/api/docs" safe>
                  {t('apiDocs')}
                </a>
                <form method="post" action="/lang" class="d-flex gap-1 align-items-center">
                  <CsrfField token={chrome.csrfToken} />
                  <input type="hidden" name="next" value={chrome.path} />
                  <span safe>{`${t('language')} :`}</span>
                  <button
                    type="submit"
                    name="lang"
                    value="fr"
                    class="btn btn-sm btn-link p-0"
                    lang="fr"
                    aria-pressed={chrome.lang === 'fr' ? 'true' : 'false'}
                  >
                    Français
                  </button>
                  <span aria-hidden="true">·</span>
                  <button
                    type="submit"
                    name="lang"
                    value="en"
                    class="btn btn-sm btn-link p-0"
                    lang="en"
                    aria-pressed={chrome.lang === 'en' ? 'true' : 'false'}
                  >
                    English
                  </button>
                </form>
              </span>
            </div>
          </footer>
        </body>
      </html>
    ) as string)
  );
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}
