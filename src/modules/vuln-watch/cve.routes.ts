import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import {
  CpeMatchAnswerSchema,
  CpeMatchQuerySchema,
  CveIdParamsSchema,
  CvePageSchema,
  CveQuerySchema,
  CveSchema,
} from './cve.schemas.js';
import { browseCves, matchCpeForReader, readCve, summariseCve } from './cve.service.js';

const tags = ['cves'];
/** Public, unauthenticated routes: a generous but finite rate per client. */
const PUBLIC_RATE = { rateLimit: { max: 300, timeWindow: '1 minute' } };

/** JSON API of the knowledge base: search CVEs, read one, match a CPE. Public data. */
export function registerCveRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/cves',
    {
      config: PUBLIC_RATE,
      schema: {
        tags,
        summary: 'Search CVEs (words, vendor, product, minimum score, KEV, publication dates), newest first',
        querystring: CveQuerySchema,
        response: { 200: CvePageSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const page = await browseCves(request.ctx, request.query);
      return { ...page, items: page.items.map(summariseCve) };
    },
  );

  app.get(
    '/api/v1/cves/:id',
    {
      config: PUBLIC_RATE,
      schema: {
        tags,
        summary:
          'One CVE: scores (with the selected one and why), vectors, CWE, configurations, affected versions, KEV, EPSS',
        params: CveIdParamsSchema,
        response: { 200: CveSchema, ...StandardErrors },
      },
    },
    async (request) => readCve(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/cpe/match',
    {
      config: PUBLIC_RATE,
      schema: {
        tags,
        summary:
          'CVEs that concern a CPE 2.3 name (optionally running on `platform`), each with the matching rule',
        querystring: CpeMatchQuerySchema,
        response: { 200: CpeMatchAnswerSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const answer = await matchCpeForReader(
        request.ctx,
        request.query.cpe,
        request.query.platform ? [request.query.platform] : [],
      );
      return {
        cpe: answer.cpe,
        matches: answer.matches.map((m) => ({
          cve: summariseCve(m.cve),
          via: m.match.via,
          rule: m.match.rule,
          certainty: m.match.certainty,
        })),
      };
    },
  );
}
