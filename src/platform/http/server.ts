import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import { anonymousActor, type Actor } from '../auth/actor.js';
import { contextFor, type Platform, type ServiceContext } from '../context.js';
import { negotiateLang, type Lang } from '../i18n/i18n.js';
import {
  CSRF_COOKIE,
  CSRF_FIELD,
  CSRF_HEADER,
  csrfTokenFor,
  isValidCsrfToken,
  newCsrfNonce,
} from './csrf.js';
import { installErrorHandler } from './error-handler.js';
import { Layout, type PageChrome } from './layout.js';
import type { NavItem } from './navigation.js';
import {
  collectRelatedLinks,
  type RelatedLink,
  type RelatedLinkProvider,
  type RelatedObject,
} from './related-links.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The service context of this request: platform + actor + client address + language. */
    ctx: ServiceContext;
    lang: Lang;
    csrfToken: string;
    /** How the actor was authenticated: a session cookie (CSRF applies) or a bearer token. */
    authMethod: 'session' | 'token' | 'none';
    /** Page chrome for the layout. */
    chrome(): PageChrome;
    /** Other modules' links about an object this page shows (see related-links.tsx). */
    relatedLinks(object: RelatedObject): Promise<RelatedLink[]>;
  }
  interface FastifyContextConfig {
    /**
     * `false` exempts the route from the CSRF check. Only for a state change that carries its
     * own proof of authority and no ambient credential (an RFC 8058 one-click unsubscribe POST
     * with a signed token, sent by mail clients that cannot hold a CSRF token).
     */
    csrf?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered, for the authorisation matrix test and the docs. */
    routeTable: { method: string; url: string }[];
  }
  interface FastifyReply {
    /** Sends a full HTML page in the common layout. */
    page(title: string, body: JSX.Element | string, status?: number): FastifyReply;
  }
}

/** What the authentication adapter tells the server about a request. */
export interface ResolvedActor {
  readonly actor: Actor;
  readonly method: 'session' | 'token' | 'none';
}

/** Injected by apps/compose: turns cookies or a bearer token into an actor. */
export type ActorResolver = (request: FastifyRequest, reply: FastifyReply) => Promise<ResolvedActor>;

/** The Fastify instance modules register on, typed for TypeBox schemas. */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A module's HTTP part: pages and JSON API routes registered on the app. */
export type RouteRegistrar = (app: HttpApp) => void | Promise<void>;

/** Options to build the web server. */
export interface HttpServerOptions {
  readonly platform: Platform;
  readonly resolveActor: ActorResolver;
  readonly routes: readonly RouteRegistrar[];
  readonly nav: readonly NavItem[];
  /** Modules' providers of links to their data about an object (a structure's findings …). */
  readonly relatedLinks?: readonly RelatedLinkProvider[];
}

/** Paths of the static assets, resolved from the project root (same from src/ and dist/). */
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Content-Security-Policy: no inline script or style anywhere, nothing from other origins. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  upgradeInsecureRequests: null,
};

/** Builds the Fastify app: security headers, cookies, CSRF, actor, i18n, assets, OpenAPI, routes. */
export async function buildHttpServer(options: HttpServerOptions): Promise<HttpApp> {
  const { platform } = options;
  // Typed as Fastify's base logger so the instance type stays the one modules register on.
  const loggerInstance: FastifyBaseLogger = platform.log;
  const app = Fastify({
    loggerInstance,
    genReqId: () => randomUUID(),
    trustProxy: platform.config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    // Our own request log (below) drops query strings, which may carry reset or unsubscribe tokens.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routeTable.push({ method, url: route.url });
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: platform.config.secureCookies ? { maxAge: 31536000 } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie, { secret: platform.config.secret });
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Hygie API', version: '1', description: 'JSON API of the Hygie CERT platform.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'hygie_session' },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: false,
    uiConfig: { docExpansion: 'list' },
  });
  await app.register(fastifyStatic, {
    root: `${projectRoot}node_modules/bootstrap/dist`,
    prefix: '/assets/vendor/bootstrap/',
    decorateReply: false,
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: `${projectRoot}node_modules/htmx.org/dist`,
    prefix: '/assets/vendor/htmx/',
    decorateReply: false,
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: `${projectRoot}node_modules/bootstrap-icons/icons`,
    prefix: '/assets/vendor/icons/',
    decorateReply: false,
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: `${projectRoot}public/theme`,
    prefix: '/assets/theme/',
    decorateReply: false,
    maxAge: '10m',
  });

  app.decorateRequest('ctx', null as unknown as ServiceContext);
  app.decorateRequest('lang', 'fr');
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('authMethod', 'none');
  app.decorateRequest('chrome', function (this: FastifyRequest): PageChrome {
    return {
      lang: this.lang,
      actor: this.ctx.actor,
      csrfToken: this.csrfToken,
      nav: options.nav,
      path: this.url.split('?')[0] ?? '/',
    };
  });
  app.decorateRequest('relatedLinks', function (this: FastifyRequest, object: RelatedObject) {
    return collectRelatedLinks(options.relatedLinks ?? [], this.ctx, object);
  });
  app.decorateReply(
    'page',
    function (this: FastifyReply, title: string, body: JSX.Element | string, status = 200) {
      const html = Layout({ chrome: this.request.chrome(), title, children: body });
      return this.status(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(html);
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    request.lang = negotiateLang(request.cookies.hygie_lang, request.headers['accept-language']);
    let nonce = request.cookies[CSRF_COOKIE];
    if (!nonce || nonce.length > 64) {
      nonce = newCsrfNonce();
      reply.setCookie(CSRF_COOKIE, nonce, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: platform.config.secureCookies,
      });
      request.cookies[CSRF_COOKIE] = undefined;
    }
    request.csrfToken = csrfTokenFor(platform.config.secret, nonce);
    request.ctx = contextFor(platform, anonymousActor, {
      ip: request.ip,
      requestId: request.id,
      lang: request.lang,
    });
    if (request.url.startsWith('/assets/')) return;
    const resolved = await options.resolveActor(request, reply);
    request.authMethod = resolved.method;
    request.ctx = contextFor(platform, resolved.actor, {
      ip: request.ip,
      requestId: request.id,
      lang: request.lang,
    });
  });

  // Cookie-authenticated (and anonymous) state changes must carry the form's CSRF token;
  // bearer-token calls carry no ambient credentials, so CSRF does not apply to them. A route
  // declared with `config: { csrf: false }` is exempt (see FastifyContextConfig above).
  app.addHook('preHandler', async (request) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.authMethod === 'token') return;
    if (request.routeOptions.config.csrf === false) return;
    const body = request.body as Record<string, unknown> | undefined;
    const token =
      request.headers[CSRF_HEADER] ?? (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined);
    const fromMultipart = request.isMultipart()
      ? (request.headers[CSRF_HEADER] ?? (request.query as Record<string, unknown>)[CSRF_FIELD])
      : undefined;
    if (!isValidCsrfToken(platform.config.secret, request.cookies[CSRF_COOKIE], token ?? fromMultipart)) {
      throw new HygieError(CommonErrors.COMMON_CSRF);
    }
  });

  app.post('/lang', { schema: { hide: true } }, async (request, reply) => {
    const body = request.body as { lang?: string; next?: string };
    const lang = body.lang === 'en' ? 'en' : 'fr';
    reply.setCookie('hygie_lang', lang, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: platform.config.secureCookies,
      maxAge: 365 * 86400,
    });
    const next =
      typeof body.next === 'string' && body.next.startsWith('/') && !body.next.startsWith('//')
        ? body.next
        : '/';
    return reply.redirect(next, 303);
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        actor: request.ctx.actor.kind === 'user' ? request.ctx.actor.userId : request.ctx.actor.kind,
      },
      'request',
    );
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  installErrorHandler(app);
  for (const register of options.routes) await register(app);
  return app;
}
