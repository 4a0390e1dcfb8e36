import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '../core/errors.js';
import { acquirePassLock } from './lock.js';

describe('acquirePassLock', () => {
  it('refuses while another live process holds it, takes it over once that process is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-lock-'));
    try {
      const first = await acquirePassLock(dir, 'repo-a');
      const [file] = await readdir(dir);
      if (file === undefined) throw new Error('no lock file');
      await first.release();

      const other = spawn('sleep', ['30']);
      await writeFile(join(dir, file), String(other.pid));
      await expect(acquirePassLock(dir, 'repo-a')).rejects.toMatchObject({ code: ErrorCode.Busy });
      // Another repository is not blocked.
      await (await acquirePassLock(dir, 'repo-b')).release();

      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
      const taken = await acquirePassLock(dir, 'repo-a'); // stale after kill -9
      await taken.release();
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
