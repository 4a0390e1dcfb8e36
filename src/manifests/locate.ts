/**
 * Maps field paths to where they were written in a YAML document, so every error names a
 * file:line:column. Falls back to the nearest written parent when a path is not in the source
 * (for example a missing required field).
 */
import { isAlias, isCollection, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from '../core/errors.js';
import type { FieldPath } from '../core/revision.js';

interface Walked {
  readonly node: Node | null; // null: a key written without a value
  readonly key: Node | undefined; // the key node when the last step was a map entry
  readonly complete: boolean; // false when the walk stopped at a parent
}

function isNode(x: unknown): x is Node {
  return isScalar(x) || isCollection(x) || isAlias(x);
}

function walk(doc: Document, path: FieldPath): Walked {
  let node: Node | null = isNode(doc.contents) ? doc.contents : null;
  let key: Node | undefined;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc) ?? null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) return { node, key, complete: false };
      key = isNode(pair.key) ? pair.key : undefined;
      node = isNode(pair.value) ? pair.value : null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!isNode(item)) return { node, key, complete: false };
      node = item;
      key = undefined;
    } else {
      return { node, key, complete: false };
    }
  }
  return { node, key, complete: true };
}

export class DocumentLocator {
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  private start(node: Node | null | undefined): SourceLocation | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.at(offset);
  }

  /** Where the document's content begins. */
  root(): SourceLocation {
    return this.start(isNode(this.doc.contents) ? this.doc.contents : null) ?? this.at(this.doc.range?.[0] ?? 0);
  }

  /**
   * Where the value at `path` was written: the value itself when it sits on its key's line (a
   * scalar or flow collection), otherwise its key (a block mapping or list starts on the next line).
   */
  locate(path: FieldPath): SourceLocation {
    const w = walk(this.doc, path);
    const { node, key } = w;
    const keyLoc = this.start(key);
    if (!w.complete) return keyLoc ?? this.start(node) ?? this.root();
    const onKeyLine =
      node !== null && !(isCollection(node) && node.flow !== true) && !(isScalar(node) && node.value === null);
    if (keyLoc !== undefined && !onKeyLine) return keyLoc;
    return this.start(node) ?? keyLoc ?? this.root();
  }

  /** Where the key that ends `path` was written (an unknown field points at its own name). */
  locateKey(path: FieldPath): SourceLocation {
    const w = walk(this.doc, path);
    if (w.complete && w.key !== undefined) return this.start(w.key) ?? this.locate(path);
    return this.locate(path);
  }
}
