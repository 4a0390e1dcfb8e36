/**
 * One sync pass per repository at a time, across processes: a daemon and a `berth sync` started
 * by hand must not apply the same repository at once. A lock file holds the owner's pid; a file
 * left by a process that no longer runs (kill -9) is stale and taken over.
 */
import { sha256Hex } from '../core/spec-hash.js';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError, ErrorCode } from '../core/errors.js';

export interface PassLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquirePassLock(lockDir: string, repoId: string): Promise<PassLock> {
  await mkdir(lockDir, { recursive: true });
  const path = join(lockDir, `${sha256Hex(repoId).slice(0, 16)}.lock`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new BerthError(ErrorCode.Busy, `another berth pass of ${repoId} is running (pid ${pid}); try again when it has finished`);
      }
      await rm(path, { force: true }); // stale: its process is gone
    }
  }
  throw new BerthError(ErrorCode.Busy, `could not take the pass lock for ${repoId} (${path})`);
}
