import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCtExport } from './ct-file.js';

describe('certificate-transparency exports (crt.sh JSON)', () => {
  it('reads names, splitting name_value lines and reducing wildcards', () => {
    const text = JSON.stringify([
      {
        issuer_name: "C=US, O=Let's Encrypt",
        common_name: 'www.chu-lab.test',
        name_value: 'www.chu-lab.test\nportail.chu-lab.test',
      },
      { common_name: '*.chu-lab.test', name_value: '*.chu-lab.test\nchu-lab.test' },
      { name_value: 'WWW.CHU-LAB.TEST' },
      { name_value: 'not a name\nlocalhost' },
      { id: 1 },
    ]);
    const r = parseCtExport(text);
    expect(r).toEqual({
      ok: true,
      value: { names: ['www.chu-lab.test', 'portail.chu-lab.test', 'chu-lab.test'], skipped: 5 },
    });
  });

  it('explains a file that is not a crt.sh export', () => {
    const notJson = parseCtExport('<html>');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.reason).toMatch(/not JSON.*output=json/);
    const notArray = parseCtExport('{"name_value":"a.fr"}');
    expect(notArray.ok).toBe(false);
  });

  it('caps the names kept', () => {
    const text = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ name_value: `h${i}.chu-lab.test` })));
    const r = parseCtExport(text, 10);
    expect(r.ok && r.value.names.length).toBe(10);
  });

  it('never throws on arbitrary text or JSON', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void parseCtExport(text)));
    fc.assert(fc.property(fc.json(), (text) => void parseCtExport(text)));
  });
});
