import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArraySplitter, JsonSyntaxError, type SplitElement } from './json-array-splitter.js';

function split(
  text: string | Buffer,
  chunkSize: number,
  arrayKey?: string,
): { elements: unknown[]; splitter: JsonArraySplitter } {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const splitter = new JsonArraySplitter(arrayKey === undefined ? {} : { arrayKey });
  const out: SplitElement[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize)
    out.push(...splitter.push(bytes.subarray(i, i + chunkSize)));
  splitter.end();
  return { elements: out.map((e) => JSON.parse(e.bytes.toString('utf8')) as unknown), splitter };
}

const NVD_LIKE = JSON.stringify({
  resultsPerPage: 2,
  startIndex: 0,
  totalResults: 2,
  format: 'NVD_CVE',
  note: 'a "quoted" ] } [ { string, with \\ backslash',
  vulnerabilities: [
    { cve: { id: 'CVE-2024-0001', d: 'brackets ] } in "strings" \\" and é ü 漢' } },
    { cve: { id: 'CVE-2024-0002', nested: [[1, 2], { a: [] }] } },
  ],
  timestamp: '2026-01-01T00:00:00',
});

describe('JsonArraySplitter', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('splits the array under a key, whatever the chunk size (%i)', (size) => {
    const { elements, splitter } = split(NVD_LIKE, size, 'vulnerabilities');
    expect(elements).toEqual((JSON.parse(NVD_LIKE) as { vulnerabilities: unknown[] }).vulnerabilities);
    expect(splitter.envelope()).toMatchObject({
      totalResults: 2,
      format: 'NVD_CVE',
      vulnerabilities: [],
      timestamp: '2026-01-01T00:00:00',
    });
  });

  it('splits a top-level array and reads a single object as one element', () => {
    expect(split(' [ {"a":1} , {"b":[2]} , 3, "x" ] ', 2).elements).toEqual([{ a: 1 }, { b: [2] }, 3, 'x']);
    expect(split('{"dataType":"CVE_RECORD","cveMetadata":{"cveId":"CVE-2024-3400"}}', 5).elements).toEqual([
      { dataType: 'CVE_RECORD', cveMetadata: { cveId: 'CVE-2024-3400' } },
    ]);
    expect(split('[]', 1).elements).toEqual([]);
  });

  it('skips a byte-order mark', () => {
    expect(
      split(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[1,2]')]), 100).elements,
    ).toEqual([1, 2]);
  });

  it('hands out complete elements before reporting a truncated file', () => {
    const text = NVD_LIKE.slice(0, NVD_LIKE.indexOf('CVE-2024-0002') + 20);
    const splitter = new JsonArraySplitter({ arrayKey: 'vulnerabilities' });
    const got = splitter.push(Buffer.from(text));
    expect(got).toHaveLength(1);
    expect(() => splitter.end()).toThrow(JsonSyntaxError);
    expect(() => splitter.end()).toThrow(/unexpected end of input inside record #2 .*truncated/);
  });

  it.each([
    ['mismatched bracket', '{"vulnerabilities":[{"a":1]}', /unexpected "]"/],
    ['data after the document', '[1] [2]', /after the end/],
    ['not JSON', 'cve,epss', /starts with/],
    ['empty element', '[1,,2]', /empty element/],
    ['empty input', '   ', /empty input/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => split(text, 3, 'vulnerabilities')).toThrow(message);
  });

  it('refuses an element larger than the cap', () => {
    const splitter = new JsonArraySplitter({ maxElementBytes: 10 });
    expect(() => splitter.push(Buffer.from('[{"a":"0123456789abcdef"'))).toThrow(/larger than 10 bytes/);
  });

  it('gives back exactly the elements of any JSON array, in any chunking (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        (values, size, wrap) => {
          const text = wrap
            ? JSON.stringify({ x: 'y', vulnerabilities: values, z: [1] })
            : JSON.stringify(values, null, size % 3);
          const { elements } = split(text, size, 'vulnerabilities');
          expect(elements).toEqual(JSON.parse(JSON.stringify(values)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('throws nothing but JsonSyntaxError on arbitrary bytes (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'{}[]",:\\ ab1'.split('')), maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (text, size) => {
          try {
            const splitter = new JsonArraySplitter({ arrayKey: 'vulnerabilities' });
            const bytes = Buffer.from(text);
            for (let i = 0; i < bytes.length; i += size) splitter.push(bytes.subarray(i, i + size));
            splitter.end();
          } catch (error) {
            expect(error).toBeInstanceOf(JsonSyntaxError);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
