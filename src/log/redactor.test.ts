import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';
import { REDACTED, Redactor } from './redactor.js';

describe('Redactor', () => {
  it.each([
    ['token=s3cr3t-value here', ['s3cr3t-value'], `token=${REDACTED} here`],
    ['a.b*c+d and a.b*c+d', ['a.b*c+d'], `${REDACTED} and ${REDACTED}`],
    ['abcdefgh', ['abcdef', 'abcdefgh'], REDACTED],
    ['no secrets', [], 'no secrets'],
    ['short values stay', ['short'], 'short values stay'],
  ])('scrub(%j)', (text, secrets, expected) => {
    const r = new Redactor();
    for (const s of secrets) r.add(s);
    expect(r.scrub(text)).toBe(expected);
  });

  it('scrubs the JSON-escaped and line-by-line forms of a value', async () => {
    const pem = '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nAoIBAQDx3PlOzA4\n-----END KEY-----';
    const quoted = 'pa"ss\\word42';
    const redactor = new Redactor();
    redactor.add(pem);
    redactor.add(quoted);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = await createLogger({ redactor, destination: sink });
    log.error({ detail: `key ${pem} and ${quoted}` }, 'failed');
    await new Promise((r) => setImmediate(r));
    const all = lines.join('');
    expect(all).toContain('failed');
    expect(all).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(all).not.toContain('ss\\\\word42');
    // A YAML block scalar prints the value line by line.
    expect(redactor.scrub(`lastError: |-\n  MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n  AoIBAQDx3PlOzA4`)).not.toMatch(/MIIE|AoIB/);
  });

  it('scrubs log lines, including values hidden in error messages', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const redactor = new Redactor();
    redactor.add('hunter2-password');
    const log = await createLogger({ redactor, destination: sink });
    log.child({ app: 'web' }).error({ err: 'failed with hunter2-password', token: 'abc' }, 'boom hunter2-password');
    await new Promise((r) => setImmediate(r));
    const all = lines.join('');
    expect(all).toContain('boom');
    expect(all).not.toContain('hunter2-password');
    expect(all).not.toContain('"abc"');
  });
});
