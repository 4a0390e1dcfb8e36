import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type Io } from './main.js';

const bad = join(process.cwd(), 'fixtures', 'bad');

async function validate(dir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, env: {} };
  return { code: await main(['validate', dir], io), out, err };
}

describe('berth validate', () => {
  it.each(['examples-repo', 'fixtures/good/minimal'])('%s is valid: exit 0', async (dir) => {
    const r = await validate(join(process.cwd(), dir));
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
  });

  it.each(readdirSync(bad).sort())('fixtures/bad/%s: exit 1, one `file:line:column: message [code]` line per problem', async (name) => {
    const expected = JSON.parse(readFileSync(join(bad, name, 'expected.json'), 'utf8')) as { code: string; file: string; line: number };
    const r = await validate(join(bad, name));
    expect(r.code).toBe(1);
    for (const line of r.err) expect(line).toMatch(/^[^:\s]+:\d+:\d+: .+ \[BERTH_[A-Z_]+\]$/);
    expect(r.err.some((l) => l.startsWith(`${expected.file}:${expected.line}:`) && l.endsWith(`[${expected.code}]`))).toBe(true);
  });
});
