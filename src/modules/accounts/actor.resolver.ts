import type { FastifyReply, FastifyRequest } from 'fastify';
import { HygieError } from '../../lib/errors.js';
import { anonymousActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { ActorResolver, ResolvedActor } from '../../platform/http/server.js';
import { AccountsErrors } from './accounts.errors.js';
import { isPathAllowedForState, pathForState } from './accounts.policy.js';
import type { AuthenticatedSession, ClientInfo } from './accounts.types.js';
import { authenticateApiToken } from './api-token.service.js';
import { SESSION_COOKIE, authenticateSession, toUserActor } from './session.service.js';

/** The session found for a request, with its cookie token (pages of the login steps need both). */
export interface RequestSession {
  readonly token: string;
  readonly auth: AuthenticatedSession;
}

const sessions = new WeakMap<FastifyRequest, RequestSession>();

/** The session behind the request's cookie, including one still at a login step; undefined without. */
export function requestSession(request: FastifyRequest): RequestSession | undefined {
  return sessions.get(request);
}

/** Address and browser of the request, stored with a new session. */
export function clientOf(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure behind TLS, for the browser session only. */
export function setSessionCookie(reply: FastifyReply, platform: Platform, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: platform.config.secureCookies });
}

/** Removes the session cookie. */
export function clearSessionCookie(reply: FastifyReply, platform: Platform): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: platform.config.secureCookies });
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

/**
 * Builds the server's actor resolver: an `Authorization: Bearer hyg_…` header first (method
 * `token`; an invalid token is a 401, never a silent anonymous call), else the `hygie_session`
 * cookie (method `session`), else anonymous.
 *
 * A session still at a login step (TOTP code, password change, TOTP enrolment) reaches only its
 * step's page, `/logout`, `/lang` and assets; HTML GET requests elsewhere are redirected to the
 * step's page. Pending the TOTP code the actor stays anonymous everywhere; at the two later
 * steps the user acts only on the step's page.
 */
export function createActorResolver(platform: Platform): ActorResolver {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<ResolvedActor> => {
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && /^bearer\s/i.test(authorization)) {
      const actor = await authenticateApiToken(platform, authorization.slice(7).trim());
      if (!actor) throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_API_TOKEN);
      return { actor, method: 'token' };
    }

    const token = request.cookies[SESSION_COOKIE];
    if (!token) return { actor: anonymousActor, method: 'none' };
    const auth = await authenticateSession(platform, token);
    if (!auth) {
      clearSessionCookie(reply, platform);
      return { actor: anonymousActor, method: 'none' };
    }
    sessions.set(request, { token, auth });
    if (auth.state === 'complete') return { actor: toUserActor(auth.user), method: 'session' };

    const path = pathOf(request);
    if (isPathAllowedForState(auth.state, path)) {
      const actor = auth.state === 'second-factor' || path !== pathForState(auth.state) ? anonymousActor : toUserActor(auth.user);
      return { actor, method: 'session' };
    }
    if ((request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/')) {
      const target = pathForState(auth.state);
      const next = auth.state === 'second-factor' && path !== '/' && path !== '/login' ? `?next=${encodeURIComponent(request.url)}` : '';
      void reply.redirect(`${target}${next}`, 303);
    }
    return { actor: anonymousActor, method: 'session' };
  };
}
