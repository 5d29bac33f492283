/**
 * HTTP sessions of the authorisation world: who calls (a role or nobody), logging in through the
 * real login flow, and sending a request with the CSRF token where the route expects it.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/platform/auth/actor.js';
import type { HttpApp } from '../../src/platform/http/server.js';
import { multipart } from '../../src/modules/registry/fixtures/test-kit.js';
import { csrfFieldOf, loginAs } from './login.js';
import type { TestServer } from './test-server.js';

/** Who is calling: a role, or nobody. */
export type Who = 'anonymous' | Role;

/** Every caller of the matrix, in the order the test names list them. */
export const WHO: readonly Who[] = ['anonymous', 'admin', 'analyst', 'auditor', 'beneficiary', 'authority'];

/** What a caller sends with each request. */
export interface Session {
  readonly who: Who;
  /** `Cookie` header: the CSRF nonce, and the session for a logged-in user. */
  readonly cookie: string;
  /** `_csrf` field or `x-csrf-token` header value. */
  readonly csrfToken: string;
  readonly userId: string | null;
  readonly remoteAddress: string;
}

let addressCounter = 0;

/** A request body in the shape the route expects. */
export type Body =
  | { readonly kind: 'form'; readonly fields: Readonly<Record<string, string | readonly string[]>> }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'csv'; readonly text: string }
  | {
      readonly kind: 'multipart';
      readonly parts: readonly { name: string; value: string; filename?: string }[];
    };

/** A loopback address of its own per session, so per-address rate limits never trip. */
export function nextAddress(): string {
  addressCounter += 1;
  return `127.77.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

export function cookiesOf(response: LightMyRequestResponse, jar: Map<string, string>): void {
  for (const c of response.cookies) {
    if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
}

export function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** An anonymous visitor: the CSRF cookie and token of the login page, nothing else. */
export async function anonymousSession(app: HttpApp): Promise<Session> {
  const remoteAddress = nextAddress();
  const page = await app.inject({ method: 'GET', url: '/login', remoteAddress });
  const jar = new Map<string, string>();
  cookiesOf(page, jar);
  if (!jar.has('hygie_csrf')) throw new Error('anonymousSession: no CSRF cookie on /login');
  return {
    who: 'anonymous',
    cookie: cookieHeader(jar),
    csrfToken: csrfFieldOf(page.body),
    userId: null,
    remoteAddress,
  };
}

/** A logged-in user of `role` through the real HTTP login flow (beneficiaries bound to `structureIds`). */
export async function roleSession(
  server: TestServer,
  role: Role,
  structureIds: readonly string[] = [],
): Promise<Session> {
  const logged = await loginAs(server.app, server.platform, { role, structureIds });
  return {
    who: role,
    cookie: logged.cookie,
    csrfToken: logged.csrfToken,
    userId: logged.userId,
    remoteAddress: nextAddress(),
  };
}

/** Sends a request as `session`: CSRF as a form field, an API header, or in the URL for multipart. */
export async function send(
  app: HttpApp,
  session: Session,
  method: string,
  url: string,
  body?: Body,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const all: Record<string, string> = { cookie: session.cookie, ...headers };
  const base = { method: method as 'GET', remoteAddress: session.remoteAddress };
  if (method === 'GET') return app.inject({ ...base, url, headers: all });
  const api = url.startsWith('/api/');
  if (api) all['x-csrf-token'] = session.csrfToken;
  if (body?.kind === 'json') {
    return app.inject({
      ...base,
      url,
      headers: { ...all, 'content-type': 'application/json' },
      payload: JSON.stringify(body.value),
    });
  }
  if (body?.kind === 'csv') {
    return app.inject({ ...base, url, headers: { ...all, 'content-type': 'text/csv' }, payload: body.text });
  }
  if (body?.kind === 'multipart') {
    const { body: payload, contentType } = multipart([...body.parts]);
    const withToken = `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(session.csrfToken)}`;
    return app.inject({ ...base, url: withToken, headers: { ...all, 'content-type': contentType }, payload });
  }
  if (api && body === undefined) return app.inject({ ...base, url, headers: all });
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body?.fields ?? {}))
    for (const one of typeof v === 'string' ? [v] : v) params.append(k, one);
  params.append('_csrf', session.csrfToken);
  return app.inject({
    ...base,
    url,
    headers: { ...all, 'content-type': 'application/x-www-form-urlencoded' },
    payload: params.toString(),
  });
}
