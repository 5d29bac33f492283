import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDmarcRecord, parseDmarc } from './dmarc.parse.js';

describe('DMARC parser', () => {
  it('reads the lab records', () => {
    expect(parseDmarc('v=DMARC1; p=none')).toMatchObject({ policy: 'none', rua: [], pct: 100, errors: [] });
    expect(
      parseDmarc('v=DMARC1; p=reject; rua=mailto:dmarc@hopital-sain.test; adkim=s; aspf=s'),
    ).toMatchObject({
      policy: 'reject',
      rua: ['mailto:dmarc@hopital-sain.test'],
      adkim: 's',
      aspf: 's',
      errors: [],
    });
  });

  it('reports what makes a record invalid, and tolerates the rest', () => {
    expect(parseDmarc('p=reject; v=DMARC1').errors).toContain('the first tag must be v=DMARC1');
    expect(parseDmarc('v=DMARC1; rua=mailto:a@b.c').errors).toContain('no p= tag (policy)');
    expect(parseDmarc('v=DMARC1; p=rejet').errors[0]).toContain('p=rejet');
    const odd = parseDmarc('v=DMARC1; p=quarantine; pct=150; sp=maybe; foo=bar');
    expect(odd.errors).toEqual([]);
    expect(odd.pct).toBe(100);
    expect(odd.subdomainPolicy).toBeNull();
    expect(odd.warnings.length).toBe(3);
    expect(isDmarcRecord('v=DMARC1;p=none')).toBe(true);
    expect(isDmarcRecord('v=spf1 -all')).toBe(false);
  });

  it('never throws, and keeps what it is given (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void parseDmarc(s)));
    const policy = fc.constantFrom('none', 'quarantine', 'reject');
    const mailbox = fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.fr$/);
    fc.assert(
      fc.property(
        policy,
        fc.option(policy, { nil: undefined }),
        fc.array(mailbox, { maxLength: 3 }),
        fc.integer({ min: 0, max: 100 }),
        (p, sp, rua, pct) => {
          const text = [
            'v=DMARC1',
            `p=${p}`,
            ...(sp ? [`sp=${sp}`] : []),
            ...(rua.length ? [`rua=${rua.map((m) => `mailto:${m}`).join(',')}`] : []),
            `pct=${pct}`,
          ].join('; ');
          const r = parseDmarc(text);
          expect(r).toMatchObject({ policy: p, subdomainPolicy: sp ?? null, pct, errors: [] });
          expect(r.rua).toEqual(rua.map((m) => `mailto:${m}`));
        },
      ),
    );
  });
});
