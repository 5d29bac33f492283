import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { CsvFormatError, isFormulaInjection, mapHeader, normalizeHeader, readCsvTable } from './csv-table.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const formatError = (bytes: Uint8Array): CsvFormatError => {
  try {
    readCsvTable(bytes);
  } catch (err) {
    if (err instanceof CsvFormatError) return err;
    throw err;
  }
  throw new Error('expected a CsvFormatError');
};

describe('readCsvTable', () => {
  it('reads UTF-8 with BOM, detects ";" and keeps physical line numbers', () => {
    const t = readCsvTable(
      utf8('\uFEFFNom;FINESS\r\nCHU de Bordeaux;330781196\r\n\r\n"AP-HP\r\nSiège";750712184\r\nSeul\r\n'),
    );
    expect(t.encoding).toBe('utf-8');
    expect(t.delimiter).toBe(';');
    expect(t.header).toEqual(['Nom', 'FINESS']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['CHU de Bordeaux', '330781196'] },
      { line: 4, cells: ['AP-HP\nSiège', '750712184'] },
      { line: 6, cells: ['Seul'] },
    ]);
  });

  it('falls back to Windows-1252 and reports it', () => {
    const bytes = iconv.encode('Établissement,Ville\nCentre hospitalier,Besançon\n', 'win1252');
    const t = readCsvTable(new Uint8Array(bytes));
    expect(t.encoding).toBe('latin1');
    expect(t.delimiter).toBe(',');
    expect(t.header).toEqual(['Établissement', 'Ville']);
    expect(t.rows[0]).toEqual({ line: 2, cells: ['Centre hospitalier', 'Besançon'] });
  });

  it('ignores delimiters inside quotes when detecting, and skips blank rows', () => {
    const t = readCsvTable(utf8('"a;b;c",d\n1,2\n,\n3,4'));
    expect(t.delimiter).toBe(',');
    expect(t.header).toEqual(['a;b;c', 'd']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['3', '4'] },
    ]);
  });

  it('reports short and long rows as they are instead of failing', () => {
    const t = readCsvTable(utf8('a;b;c\n1\n1;2;3;4\n'));
    expect(t.rows.map((r) => r.cells.length)).toEqual([1, 4]);
  });

  it('turns malformed input into CsvFormatError with a line', () => {
    const check = (bytes: Uint8Array, line: number, message: RegExp): void => {
      const err = formatError(bytes);
      expect(err.line).toBe(line);
      expect(err.message).toMatch(message);
    };
    check(utf8('a,b\n1,2\n3,"open\n4,5\n'), 3, /line 3 is never closed/);
    check(utf8('a,b\n1,2\n3,x"y\n'), 3, /Line 3 has a quote/);
    check(utf8('a,b\n1,"2"x\n'), 2, /Line 2 has a quote/);
    check(utf8(''), 1, /empty/);
    check(utf8('\n\n'), 1, /empty/);
    check(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), 1, /Excel/);
    check(new Uint8Array([0xff, 0xfe, 0x61, 0]), 1, /UTF-16/);
    check(utf8('a,b\n1,\0\n'), 2, /binary/);
  });

  it('enforces maxRows', () => {
    const bytes = utf8('h\n1\n2\n3\n');
    expect(readCsvTable(bytes, { maxRows: 3 }).rows).toHaveLength(3);
    expect(() => readCsvTable(bytes, { maxRows: 2 })).toThrow(/more than 2 rows/);
  });
});

const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', ';', '"', '\n', '1', 'Z') });

/** Quotes a cell the way spreadsheets do when writing CSV. */
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

describe('readCsvTable properties', () => {
  it('round-trips any quoted table, with line numbers counting embedded newlines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';'),
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.tuple(
              fc.array(fc.stringMatching(/^[A-Za-z]{1,8}$/), { minLength: width, maxLength: width }),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
            ),
          ),
        fc.boolean(),
        (delimiter, [header, rows], crlf) => {
          fc.pre(rows.every((r) => r.some((c) => c.trim() !== '')));
          const eol = crlf ? '\r\n' : '\n';
          // A header with the delimiter twice makes the detection unambiguous for one-column tables.
          const head = [...header, 'x', 'y'];
          const lines = [head.join(delimiter), ...rows.map((r) => [...r, '', ''].map(quote).join(delimiter))];
          const table = readCsvTable(utf8(lines.join(eol) + eol));
          expect(table.delimiter).toBe(delimiter);
          expect(table.header).toEqual(head);
          let line = 2;
          table.rows.forEach((row, i) => {
            expect(row.line).toBe(line);
            expect(row.cells).toEqual([...(rows[i] ?? []), '', '']);
            line += (lines[i + 1] ?? '').split('\n').length;
          });
          expect(table.rows).toHaveLength(rows.length);
        },
      ),
    );
  });

  it('never throws anything but CsvFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          readCsvTable(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(CsvFormatError);
        }
      }),
    );
  });
});

describe('isFormulaInjection', () => {
  it('flags formula starters', () => {
    for (const c of [
      '=1+1',
      '=HYPERLINK("http://x")',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '+1+1',
      '-2+3',
      '+cmd|',
      '-A1',
      '-',
    ])
      expect(isFormulaInjection(c), JSON.stringify(c)).toBe(true);
  });

  it('lets numbers, phone numbers and ordinary text through', () => {
    for (const c of [
      '+33 6 12 34 56 78',
      '+33 (0)6 12 34 56 78',
      '-12',
      '-12,5',
      '+3.14',
      'CHU',
      '',
      'a=b',
      ' =x',
    ])
      expect(isFormulaInjection(c), JSON.stringify(c)).toBe(false);
  });

  it('never flags a signed decimal number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        fc.pre(!String(n).includes('e'));
        expect(isFormulaInjection(String(n))).toBe(false);
        expect(isFormulaInjection(String(n).replace('.', ','))).toBe(false);
      }),
    );
  });
});

describe('mapHeader', () => {
  const aliases = {
    finess: ['numéro FINESS', 'n° finess'],
    name: ['raison sociale', 'nom'],
    email: ['courriel', 'e-mail'],
  };

  it('matches case-, accent- and spacing-insensitively', () => {
    const m = mapHeader(['NUMERO_FINESS', ' Raison  Sociale ', 'Téléphone', 'Nom', ''], aliases);
    expect(m.columns).toEqual({ finess: 0, name: 1 });
    expect(m.missing).toEqual(['email']);
    expect(m.unknown).toEqual(['Téléphone']);
    expect(m.duplicates).toEqual(['Nom']);
    expect(mapHeader(['Finess', 'E_Mail', 'nom'], aliases).columns).toEqual({ finess: 0, email: 1, name: 2 });
  });

  it('normalizeHeader is idempotent and accent-free', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normalizeHeader(s);
        expect(normalizeHeader(n)).toBe(n);
        expect(n).toBe(n.toLowerCase());
      }),
    );
  });
});
