import { describe, it, expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('src/types/generated', () => {
  it('equals a fresh generation from schemas/ (run `npm run gen:types` after editing a schema)', async () => {
    const run = promisify(execFile);
    const result = await run(process.execPath, ['scripts/gen-types.mjs', '--check'], { cwd: repoRoot }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: unknown) => {
        const err = e as { code?: number; stdout?: string; stderr?: string };
        return { code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
      },
    );
    expect(result).toEqual({ code: 0, out: expect.stringContaining('up to date') });
  });
});
