/**
 * Following HTTP redirects inside the scope only. Each hop goes through the client, so the scope guard
 * decides (name in the domain scope, resolved address accepted) before any socket exists; a redirect
 * that leaves the scope is recorded with its reason and the chain stops there.
 */
import { ScopeError } from './scope.js';
import type { HttpClient, HttpRequestOptions, HttpResponse } from './http-client.js';

/** A redirect that was not followed, and why. */
export interface RedirectRefusal {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** Every response of the chain, the last one, and what was not followed. */
export interface RedirectChain {
  readonly responses: readonly HttpResponse[];
  readonly final: HttpResponse;
  /** Redirects not followed because they left the scope (or were not HTTP). */
  readonly refused: readonly RedirectRefusal[];
  /** Why following stopped early for another reason: hop limit, loop, network failure. */
  readonly note?: string;
}

/** Options of `followRedirects`: the request's, plus the hop limit (default 5). */
export interface FollowOptions extends Omit<HttpRequestOptions, 'address'> {
  readonly maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Requests `url` and follows up to `maxRedirects` in-scope redirects. The first request's errors
 * (ScopeError, NetError) propagate; later hops end the chain with a refusal or a note instead.
 */
export async function followRedirects(
  client: HttpClient,
  url: string | URL,
  options: FollowOptions = {},
): Promise<RedirectChain> {
  const { maxRedirects = 5, ...request } = options;
  const responses: HttpResponse[] = [await client.request(url, request)];
  const refused: RedirectRefusal[] = [];
  const visited = new Set([responses[0]?.url]);
  let note: string | undefined;

  for (;;) {
    const current = responses[responses.length - 1] as HttpResponse;
    if (!REDIRECTS.has(current.status) || current.location === undefined) break;
    const to = current.location;
    if (!/^https?:$/.test(new URL(to).protocol)) {
      refused.push({ from: current.url, to, reason: 'not an HTTP URL' });
      break;
    }
    if (visited.has(to)) {
      note = `redirect loop at ${to}`;
      break;
    }
    if (responses.length > maxRedirects) {
      note = `stopped after ${maxRedirects} redirects`;
      break;
    }
    visited.add(to);
    try {
      // 303 turns any method into GET; the client only sends GET and HEAD, which 301/302 keep.
      const method = current.status === 303 ? 'GET' : (request.method ?? 'GET');
      responses.push(await client.request(to, { ...request, method }));
    } catch (error) {
      if (error instanceof ScopeError) refused.push({ from: current.url, to, reason: error.reason });
      else note = `redirect to ${to} failed: ${error instanceof Error ? error.message : String(error)}`;
      break;
    }
  }
  return {
    responses,
    final: responses[responses.length - 1] as HttpResponse,
    refused,
    ...(note === undefined ? {} : { note }),
  };
}
