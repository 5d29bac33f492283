import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRootResponse, searchEngineCpe } from './elasticsearch.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const JSON_HEADERS = { 'content-type': 'application/json' };

describe('parseRootResponse', () => {
  it('an open Elasticsearch 8 node', () => {
    const banner = parseRootResponse({
      status: 200,
      headers: { ...JSON_HEADERS, 'x-elastic-product': 'Elasticsearch' },
      body: fixture('elasticsearch-8.15-root.json'),
    });
    expect(banner).toEqual({
      product: 'Elasticsearch',
      version: '8.15.1',
      authRequired: false,
      clusterName: 'chu-logs',
      nodeName: 'es-node-01',
      buildFlavor: 'default',
      luceneVersion: '9.11.1',
      tagline: 'You Know, for Search',
    });
    expect(searchEngineCpe('Elasticsearch', '8.15.1')).toBe(
      'cpe:2.3:a:elastic:elasticsearch:8.15.1:*:*:*:*:*:*:*',
    );
  });

  it('an old node without the product header is still known by its tagline', () => {
    expect(
      parseRootResponse({
        status: 200,
        headers: JSON_HEADERS,
        body: fixture('elasticsearch-8.15-root.json'),
      }),
    ).toMatchObject({
      product: 'Elasticsearch',
    });
  });

  it('an OpenSearch node', () => {
    expect(
      parseRootResponse({ status: 200, headers: JSON_HEADERS, body: fixture('opensearch-2.11-root.json') }),
    ).toMatchObject({
      product: 'OpenSearch',
      version: '2.11.0',
      clusterName: 'opensearch-cluster',
    });
    expect(searchEngineCpe('OpenSearch', '2.11.0')).toBeUndefined();
  });

  it('a secured cluster: 401 security_exception, or the product header alone', () => {
    const body = fixture('elasticsearch-8-401.json');
    const headers = { ...JSON_HEADERS, 'www-authenticate': 'Basic realm="security" charset="UTF-8"' };
    expect(parseRootResponse({ status: 401, headers, body })).toEqual({
      product: 'Elasticsearch',
      authRequired: true,
    });
    expect(
      parseRootResponse({
        status: 401,
        headers: { 'x-elastic-product': 'Elasticsearch' },
        body: Buffer.alloc(0),
      }),
    ).toEqual({ product: 'Elasticsearch', authRequired: true });
    expect(
      parseRootResponse({
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="security"' },
        body: Buffer.from('Unauthorized'),
      }),
    ).toEqual({ product: 'OpenSearch', authRequired: true });
  });

  it('other HTTP services are not Elasticsearch', () => {
    expect(
      parseRootResponse({ status: 200, headers: {}, body: Buffer.from('<html><title>nginx</title></html>') }),
    ).toBeNull();
    expect(
      parseRootResponse({ status: 200, headers: {}, body: Buffer.from('{"version":{"number":"1.0"}}') }),
    ).toBeNull();
    expect(
      parseRootResponse({
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="admin"' },
        body: Buffer.alloc(0),
      }),
    ).toBeNull();
    expect(parseRootResponse({ status: 400, headers: {}, body: Buffer.from('Bad Request') })).toBeNull();
  });

  it('never throws on arbitrary answers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.json(),
        (status, bytes, json) => {
          parseRootResponse({ status, headers: {}, body: Buffer.from(bytes) });
          parseRootResponse({
            status,
            headers: { 'x-elastic-product': 'Elasticsearch' },
            body: Buffer.from(json),
          });
          parseRootResponse({
            status,
            headers: {},
            body: Buffer.from(`{"version":${json},"tagline":"You Know, for Search"}`),
          });
        },
      ),
    );
  });
});
