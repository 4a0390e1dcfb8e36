/**
 * One repository file → its YAML documents as plain values, each with a locator. Alias expansion
 * is bounded (a "billion laughs" file fails fast), files over 1 MiB are refused, and parser
 * messages never quote source text, so a Secret's value cannot leak through a syntax error.
 */
import { LineCounter, isScalar, parseAllDocuments, visit, type Alias, type Document, type YAMLError } from 'yaml';
import { BerthError, ErrorCode, type SourceLocation } from '../core/errors.js';
import { DocumentLocator } from './locate.js';

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_ALIAS_COUNT = 100;

export interface ParsedDocument {
  readonly file: string;
  readonly index: number; // position of the document in its file, 0-based
  readonly value: unknown;
  readonly locator: DocumentLocator;
}

export interface ParsedFile {
  readonly docs: readonly ParsedDocument[];
  readonly problems: readonly BerthError[];
}

/** An unterminated quote is reported at the end of the file; its opening quote is the useful place. */
function openingQuote(doc: Document | undefined, offset: number): number | undefined {
  if (doc === undefined) return undefined;
  let found: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const r = node.range;
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && r !== undefined && r !== null && r[0] < offset && offset <= r[1] + 1) found = r[0];
    },
  });
  return found;
}

function yamlProblem(file: string, lines: LineCounter, err: YAMLError, doc?: Document): BerthError {
  const quote = err.code === 'MISSING_CHAR' && /quote/.test(err.message) ? openingQuote(doc, err.pos[0]) : undefined;
  const { line, col } = lines.linePos(quote ?? err.pos[0]);
  let message = err.message;
  if (quote !== undefined) message = 'missing closing quote for the string that starts here';
  else if (err.code === 'RESOURCE_EXHAUSTION') message = 'nested too deeply to process';
  // with prettyErrors off the message is the parser's sentence alone, without a source excerpt
  return new BerthError(ErrorCode.YamlSyntax, `invalid YAML: ${message}`, {
    location: { file, line, column: col },
    cause: err,
  });
}

/** The alias to blame for an expansion bomb: the first that points at something holding aliases. */
function blameAlias(doc: Document): Alias | undefined {
  const aliases: Alias[] = [];
  visit(doc, {
    Alias(_key, node) {
      aliases.push(node);
    },
  });
  const nested = aliases.find((a) => {
    const target = a.resolve(doc);
    if (target === undefined) return false;
    const inner: Alias[] = [];
    visit(target, {
      Alias(_key, node) {
        inner.push(node);
        return visit.BREAK;
      },
    });
    return inner.length > 0;
  });
  return nested ?? aliases[0];
}

function toValue(file: string, doc: Document, lines: LineCounter, locator: DocumentLocator): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err: unknown) {
    const blamed = blameAlias(doc);
    const offset = blamed?.range?.[0];
    let location: SourceLocation = locator.root();
    if (offset !== undefined) {
      const { line, col } = lines.linePos(offset);
      location = { file, line, column: col };
    }
    if (err instanceof ReferenceError && /excessive alias count/i.test(err.message)) {
      throw new BerthError(
        ErrorCode.YamlAliasLimit,
        `YAML aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (refused as a possible "billion laughs" attack)`,
        { location, cause: err },
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new BerthError(ErrorCode.YamlSyntax, `invalid YAML: ${message}`, { location, cause: err });
  }
}

/** Deeper flow nesting than any manifest needs; the parser would exhaust the stack somewhere past it. */
export const MAX_FLOW_DEPTH = 256;

/**
 * The offset where `[`/`{` nesting first exceeds MAX_FLOW_DEPTH, outside quotes and comments.
 * Checked before parsing so the outcome does not depend on how much stack happens to be free.
 */
export function flowDepthExceeded(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (ch === '[' || ch === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
  return undefined;
}

export function parseYamlFile(file: string, text: string): ParsedFile {
  const start: SourceLocation = { file, line: 1, column: 1 };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    return {
      docs: [],
      problems: [
        new BerthError(ErrorCode.FileTooLarge, `file is ${bytes} bytes; the limit is ${MAX_FILE_BYTES} (1 MiB)`, {
          location: start,
        }),
      ],
    };
  }
  const lines = new LineCounter();
  const docs: ParsedDocument[] = [];
  const problems: BerthError[] = [];
  const tooDeep = flowDepthExceeded(text);
  if (tooDeep !== undefined) {
    const before = text.slice(0, tooDeep);
    const line = before.split('\n').length;
    const column = tooDeep - before.lastIndexOf('\n');
    return { docs, problems: [new BerthError(ErrorCode.YamlSyntax, 'invalid YAML: nested too deeply to process', { location: { file, line, column } })] };
  }
  try {
    const stream = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true });
    if ('empty' in stream) {
      for (const e of stream.errors) problems.push(yamlProblem(file, lines, e));
      return { docs, problems };
    }
    stream.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        // a stack overflow is reported once per unwound level: one report is enough
        const errors = doc.errors.filter(
          (e, i) => e.code !== 'RESOURCE_EXHAUSTION' || doc.errors.findIndex((f) => f.code === e.code) === i,
        );
        for (const e of errors) problems.push(yamlProblem(file, lines, e, doc));
        return;
      }
      // an empty document (`---` alone, or only comments) parses to null, as does `--- null`: skip
      if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
      const locator = new DocumentLocator(file, doc, lines);
      try {
        docs.push({ file, index, value: toValue(file, doc, lines, locator), locator });
      } catch (err: unknown) {
        if (err instanceof BerthError) problems.push(err);
        else throw err;
      }
    });
  } catch (err: unknown) {
    // the parser itself gave up (for example nesting deep enough to exhaust the stack)
    const message = err instanceof Error ? err.message : String(err);
    problems.push(new BerthError(ErrorCode.YamlSyntax, `invalid YAML: ${message}`, { location: start, cause: err }));
  }
  return { docs, problems };
}
