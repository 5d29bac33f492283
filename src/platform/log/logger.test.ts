import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('logger redaction', () => {
  it('never writes passwords, tokens, secrets, cookies or authorization headers', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info(
      {
        password: 'hunter2-password',
        token: 'hyg_secret_token',
        body: { password: 'nested-password', newPassword: 'nested-new', code: '123456' },
        req: { headers: { authorization: 'Bearer hyg_abc', cookie: 'hygie_session=abc' } },
        totpSecret: 'JBSWY3DPEHPK3PXP',
      },
      'login attempt',
    );
    const text = lines.join('');
    for (const secret of ['hunter2-password', 'hyg_secret_token', 'nested-password', 'nested-new', '123456', 'hyg_abc', 'hygie_session=abc', 'JBSWY3DPEHPK3PXP']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(text).toContain('login attempt');
  });
});
