import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROOT_DSE_ATTRIBUTES,
  hasSearchDone,
  parseLdapMessages,
  readBer,
  rootDseRequest,
} from './ldap.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

describe('RootDSE request', () => {
  it('encodes LDAPMessage { 1, searchRequest base "" scope base (objectClass=*) attrs }', () => {
    const req = rootDseRequest();
    const envelope = readBer(req, 0);
    expect(envelope).toMatchObject({ tag: 0x30, end: req.length });
    expect([...req.subarray(envelope!.start, envelope!.start + 3)]).toEqual([0x02, 0x01, 0x01]);
    const op = readBer(req, envelope!.start + 3);
    expect(op?.tag).toBe(0x63);
    // baseObject "", scope 0, deref 0, sizeLimit 0, timeLimit 10, typesOnly FALSE, present filter
    expect([...req.subarray(op!.start, op!.start + 17)]).toEqual([
      0x04, 0x00, 0x0a, 0x01, 0x00, 0x0a, 0x01, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x0a, 0x01, 0x01, 0x00,
    ]);
    expect(req.subarray(op!.start + 17, op!.start + 30).toString('latin1')).toBe('\x87\x0bobjectClass');
    for (const a of ROOT_DSE_ATTRIBUTES) expect(req.includes(Buffer.from(a))).toBe(true);
    expect(req.length).toBeGreaterThan(128);
  });
});

describe('RootDSE answers', () => {
  it('reads an entry and the done message (synthetic OpenLDAP-like answer)', () => {
    const bytes = fixture('openldap-like-rootdse.bin');
    expect(hasSearchDone(bytes)).toBe(true);
    const { messages, invalid } = parseLdapMessages(bytes);
    expect(invalid).toBe(false);
    expect(messages[0]).toMatchObject({
      kind: 'entry',
      messageId: 1,
      dn: '',
      attributes: {
        objectClass: ['top', 'OpenLDAProotDSE'],
        namingContexts: ['dc=chu-lab,dc=test'],
        supportedLDAPVersion: ['3'],
      },
    });
    expect(messages[0]?.kind === 'entry' && messages[0].raw.toString('latin1')).toContain('namingContexts');
    expect(messages[1]).toEqual({ kind: 'done', messageId: 1, resultCode: 0, diagnostic: '' });
  });

  it('reads a refusal, waits for partial answers, rejects other protocols', () => {
    expect(parseLdapMessages(fixture('rootdse-refused.bin')).messages[0]).toMatchObject({
      kind: 'done',
      resultCode: 50,
      diagnostic: 'anonymous access denied',
    });
    const whole = fixture('openldap-like-rootdse.bin');
    expect(hasSearchDone(whole.subarray(0, 40))).toBe(false);
    expect(parseLdapMessages(Buffer.from('HTTP/1.1 400 Bad Request\r\n')).invalid).toBe(true);
    expect(parseLdapMessages(Buffer.from('SSH-2.0-OpenSSH\r\n')).invalid).toBe(true);
  });

  it('never throws on arbitrary or truncated bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => void parseLdapMessages(Buffer.from(bytes))),
    );
    const whole = fixture('openldap-like-rootdse.bin');
    fc.assert(
      fc.property(fc.nat(whole.length), fc.nat(255), fc.nat(whole.length - 1), (cut, value, at) => {
        const mutated = Buffer.from(whole);
        mutated[at] = value;
        parseLdapMessages(mutated.subarray(0, cut));
        hasSearchDone(mutated);
      }),
    );
  });
});
