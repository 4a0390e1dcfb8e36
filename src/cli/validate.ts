/** `berth validate <dir>`: offline; exit 0 when valid, else 1 and one line per problem. */
import { stat } from 'node:fs/promises';
import { BerthError, ErrorCode } from '../core/errors.js';
import { readFolder } from '../fsrepo/read-folder.js';
import { loadRevision } from '../manifests/load.js';
import type { Io } from './main.js';

export async function runValidate(dir: string, io: Io): Promise<number> {
  const st = await stat(dir).catch(() => undefined);
  if (st?.isDirectory() !== true) throw new BerthError(ErrorCode.Usage, `berth validate: ${dir} is not a directory`);
  const { files, rejected } = await readFolder(dir);
  const result = loadRevision(files, rejected);
  if (result.ok) {
    const n = result.revision.objects.length + result.revision.clusters.length;
    io.out(`${dir}: valid (${files.length} files, ${n} objects)`);
    return 0;
  }
  for (const p of result.problems) io.err(p.format());
  return 1;
}
