/**
 * A minimal in-memory tar (ustar) writer for putArchive: regular files only, owner root.
 * Parent directories are not emitted: Docker's extractor creates missing ones (0755) and an
 * emitted directory entry would reset the mode of an existing one such as /etc.
 */
export interface TarEntry {
  readonly path: string; // relative, POSIX, no leading slash
  readonly content: Uint8Array;
  readonly mode: number;
}

const BLOCK = 512;

export function tarArchive(entries: readonly TarEntry[], mtimeSeconds = 0): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e, mtimeSeconds));
    parts.push(Buffer.from(e.content));
    const pad = (BLOCK - (e.content.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2)); // end of archive
  return Buffer.concat(parts);
}

function header(e: TarEntry, mtime: number): Buffer {
  const { name, prefix } = splitPath(e.path);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, e.mode & 0o7777);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, e.content.length);
  octal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156); // checksum is computed with this field as spaces
  h.write('0', 156, 1, 'ascii'); // regular file
  h.write('ustar\u0000', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write('root', 265, 32, 'ascii');
  h.write('root', 297, 32, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return h;
}

function octal(buf: Buffer, offset: number, length: number, value: number): void {
  buf.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

/** ustar keeps names ≤ 100 bytes plus a ≤ 155-byte prefix split at a slash. */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name.length > 0) return { name, prefix };
  }
  throw new RangeError(`path too long for a tar header: ${path.length} characters`);
}
