/**
 * ConfigMap and Secret files inside containers.
 * - ConfigMap files: one in-memory tar through putArchive before start (they may touch the disk).
 * - Secret files: through `docker exec` with the content on stdin, into the tmpfs mounted at the
 *   file's directory, after start. putArchive is not used for them: Docker extracts archives
 *   into the container's root filesystem on disk, underneath a tmpfs mount.
 * Errors never quote file contents.
 */
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { BerthError, ErrorCode } from '../../core/errors.js';
import type { MountedFile } from '../../core/model.js';
import { errorText } from './client.js';
import { WAIT_ARG0, dirname } from './container-spec.js';
import { tarArchive } from './tar.js';

const EXEC_TIMEOUT_MS = 30_000;

export async function putConfigFiles(container: Docker.Container, files: readonly MountedFile[]): Promise<void> {
  if (files.length === 0) return;
  const tar = tarArchive(files.map((f) => ({ path: f.path.replace(/^\/+/, ''), content: f.content, mode: f.mode })));
  await container.putArchive(tar, { path: '/' });
}

/** Does the image have /bin/sh? Checked on the created container before start (a read). */
export async function hasShell(container: Docker.Container): Promise<boolean> {
  // GET rather than HEAD (infoArchive): docker-modem never releases the socket of a HEAD
  // request, which kept the process alive for the socket timeout after every pass.
  try {
    const tar = await container.getArchive({ path: '/bin/sh' });
    tar.resume();
    await new Promise<void>((resolve) => {
      tar.once('end', resolve);
      tar.once('close', resolve);
      tar.once('error', () => {
        resolve();
      });
    });
    return true;
  } catch {
    return false;
  }
}

/** Write files through exec (stdin), then the marker that lets the wrapped entrypoint go on. */
export async function deliverExecFiles(container: Docker.Container, files: readonly MountedFile[], marker: string): Promise<void> {
  for (const f of files) {
    // $1 path, $2 octal mode: no file name or content is ever part of the script text.
    const script = 'umask 077; mkdir -p "$3" && cat > "$1" && chmod "$2" "$1"';
    await execWithStdin(container, ['/bin/sh', '-c', script, 'berth-file', f.path, f.mode.toString(8), dirname(f.path)], f.content, f.path);
  }
  await execWithStdin(container, ['/bin/sh', '-c', ': > "$1"', 'berth-file', marker], new Uint8Array(), marker);
}

async function execWithStdin(container: Docker.Container, cmd: string[], input: Uint8Array, what: string): Promise<void> {
  const exec = await container.exec({ Cmd: cmd, User: '0', AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream: Duplex = await exec.start({ hijack: true, stdin: true });
  const output: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new BerthError(ErrorCode.Driver, `writing ${what} into container ${container.id.slice(0, 12)} timed out`));
    }, EXEC_TIMEOUT_MS);
    stream.on('data', (chunk: Buffer) => output.push(chunk));
    stream.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    stream.write(input);
    stream.end(); // half-close: the process sees EOF on stdin
  }).finally(() => {
    // A hijacked connection is not returned to any pool: left open it keeps the process alive
    // until the socket timeout.
    stream.destroy();
  });
  const info = await exec.inspect();
  if (info.ExitCode !== 0) {
    // The output is the shell's stderr (multiplexed frames); it never contains the input.
    const text = demux(Buffer.concat(output)).slice(0, 500);
    throw new BerthError(
      ErrorCode.Driver,
      `writing ${what} into container ${container.id.slice(0, 12)} failed (exit ${String(info.ExitCode)}): ${text}`,
    );
  }
}

/** Docker's multiplexed stdout/stderr frames → text. */
function demux(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= buf.length) {
    const len = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + len).toString('utf8');
    i += 8 + len;
  }
  return out.trim();
}

/**
 * Is the wrapped entrypoint still waiting for its files? True after a restart of the container or
 * of dockerd (a tmpfs starts empty): the next apply delivers the files again. A read (GET top).
 */
export async function isWaitingForFiles(container: Docker.Container): Promise<boolean> {
  try {
    const top = (await container.top({ ps_args: '-o pid,args' })) as { Processes?: string[][] };
    return (top.Processes ?? []).some((p) => p.some((arg) => arg.includes(` ${WAIT_ARG0} `)));
  } catch (e) {
    throw new BerthError(ErrorCode.Driver, `reading processes of container ${container.id.slice(0, 12)}: ${errorText(e)}`, { cause: e });
  }
}
