import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe.token.js';

const SECRET = 'test-secret-test-secret-test-secret-0123456789';
const uuid = fc.uuid();

describe('unsubscribe tokens', () => {
  it('verify to the subscription they were signed for', () => {
    fc.assert(fc.property(uuid, (id) => verifyUnsubscribeToken(SECRET, signUnsubscribeToken(SECRET, id)) === id));
    const id = newId();
    expect(verifyUnsubscribeToken(SECRET, signUnsubscribeToken(SECRET, id))).toBe(id);
  });

  it('are refused when any character of the signature changes', () => {
    fc.assert(
      fc.property(uuid, fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), (id, at, c) => {
        const token = signUnsubscribeToken(SECRET, id);
        const dot = token.indexOf('.');
        const i = dot + 1 + (at % (token.length - dot - 1));
        fc.pre(token[i] !== c);
        const tampered = token.slice(0, i) + c + token.slice(i + 1);
        return verifyUnsubscribeToken(SECRET, tampered) === null;
      }),
    );
  });

  it('are scoped to one subscription: a signature never opens another id', () => {
    fc.assert(
      fc.property(uuid, uuid, (a, b) => {
        fc.pre(a !== b);
        const signature = signUnsubscribeToken(SECRET, a).split('.')[1];
        return verifyUnsubscribeToken(SECRET, `${b}.${signature}`) === null;
      }),
    );
  });

  it('are refused under another secret, truncated, or extended', () => {
    const token = signUnsubscribeToken(SECRET, newId());
    expect(verifyUnsubscribeToken(`${SECRET}x`, token)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.slice(0, -1))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${token}A`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.split('.')[0])).toBeNull();
  });

  it('refuse arbitrary input', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.anything()), (input) => verifyUnsubscribeToken(SECRET, input) === null));
    for (const bad of ['', '.', '..', `${'a'.repeat(300)}.x`, 'a.b.c', ' . ']) expect(verifyUnsubscribeToken(SECRET, bad)).toBeNull();
  });

  it('are only made for subscription ids', () => {
    expect(() => signUnsubscribeToken(SECRET, 'a.b')).toThrow();
    expect(() => signUnsubscribeToken(SECRET, '')).toThrow();
  });
});
