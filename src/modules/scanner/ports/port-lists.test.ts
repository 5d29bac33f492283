import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allPortsOrdered,
  chunkPorts,
  formatPortRanges,
  parsePortList,
  parsePortSpec,
  selectPorts,
  TOP_1000_PORTS,
  TOP_100_PORTS,
} from './port-lists.js';

const port = fc.integer({ min: 1, max: 65535 });

describe('shipped port lists', () => {
  it('are unique valid ports, top1000 starting with top100', () => {
    expect(TOP_100_PORTS).toHaveLength(100);
    expect(TOP_1000_PORTS).toHaveLength(1000);
    expect(new Set(TOP_1000_PORTS).size).toBe(1000);
    expect(TOP_1000_PORTS.slice(0, 100)).toEqual(TOP_100_PORTS);
    for (const p of TOP_1000_PORTS) expect(Number.isInteger(p) && p >= 1 && p <= 65535).toBe(true);
  });

  it('put the health sector first: DICOM, HL7, RDP, SMB, VNC, databases, then the usual services', () => {
    expect(TOP_100_PORTS.slice(0, 3)).toEqual([104, 11112, 2575]);
    const sector = [
      104, 11112, 2575, 3389, 445, 139, 5900, 1433, 3306, 5432, 6379, 9200, 27017, 21, 22, 23, 25, 80, 443,
      8080, 8443,
    ];
    for (const p of sector) expect(TOP_100_PORTS).toContain(p);
    expect(TOP_100_PORTS.indexOf(3389)).toBeLessThan(TOP_100_PORTS.indexOf(80));
  });

  it('all is every port once, the 1,000 most useful first', () => {
    const all = allPortsOrdered();
    expect(all).toHaveLength(65535);
    expect(new Set(all).size).toBe(65535);
    expect(all.slice(0, 1000)).toEqual(TOP_1000_PORTS);
  });
});

describe('parsePortSpec', () => {
  it('reads names and explicit lists, keeping the written order', () => {
    expect(parsePortSpec('top100')).toEqual({ ok: true, value: TOP_100_PORTS });
    expect(parsePortSpec(' TOP1000 ').ok).toBe(true);
    expect(parsePortSpec('443,80,8000-8003,80')).toEqual({
      ok: true,
      value: [443, 80, 8000, 8001, 8002, 8003],
    });
  });

  it('explains what is wrong', () => {
    for (const bad of ['', ',', '0', '65536', '80-', 'http', '90-80', '1-2-3', '80;443']) {
      const r = parsePortSpec(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/port|range|list/i);
    }
  });

  it('round-trips any set through its compact range text', () => {
    fc.assert(
      fc.property(fc.uniqueArray(port, { minLength: 1, maxLength: 300 }), (ports) => {
        const text = formatPortRanges(ports);
        const parsed = parsePortList(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.value).toEqual([...ports].sort((a, b) => a - b));
      }),
    );
  });

  it('never throws on arbitrary text and only returns valid ports', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const r = parsePortSpec(text);
        if (r.ok) for (const p of r.value) expect(p >= 1 && p <= 65535).toBe(true);
      }),
    );
  });

  it('reads any list of ports and ranges written with spaces', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            port.map(String),
            fc.tuple(port, port).map(([a, b]) => `${Math.min(a, b)} - ${Math.max(a, b)}`),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (items) => {
          const r = parsePortList(items.join(' , '));
          expect(r.ok).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('selection and chunks', () => {
  it('removes excluded ports and keeps the order', () => {
    expect(selectPorts([22, 2024, 80, 443], [2024, 8080])).toEqual([22, 80, 443]);
  });

  it('cuts the scan order into consecutive chunks covering every port once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(port, { maxLength: 600 }),
        fc.integer({ min: 1, max: 300 }),
        (ports, size) => {
          const chunks = chunkPorts(ports, size);
          expect(chunks.flat()).toEqual(ports);
          for (const c of chunks) expect(c.length).toBeLessThanOrEqual(size);
        },
      ),
    );
    expect(() => chunkPorts([1], 0)).toThrow(RangeError);
  });
});
