/**
 * ajv errors → BerthErrors that say where (file:line:column of the offending node) and what was
 * expected, in words: `spec.replicas: expected integer, got string "two"`.
 */
import type { ErrorObject } from 'ajv';
import { BerthError, ErrorCode } from '../core/errors.js';
import type { FieldPath } from '../core/revision.js';
import type { DocumentLocator } from './locate.js';
import { formatPath, pointerToPath, valueAt } from './paths.js';

export interface ErrorContext {
  readonly data: unknown;
  readonly locator: DocumentLocator;
  /** True for paths whose values must never appear in a message (a Secret's data). */
  readonly hidden: (path: FieldPath) => boolean;
}

const MAX_SHOWN = 60;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function describe(v: unknown, hidden: boolean): string {
  if (hidden) return `${typeName(v)} (value hidden)`;
  if (typeof v === 'string') {
    const shown = v.length > MAX_SHOWN ? `${v.slice(0, MAX_SHOWN)}…` : v;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeName(v)} ${String(v)}`;
  return typeName(v);
}

function label(path: FieldPath): string {
  return path.length === 0 ? 'document' : formatPath(path);
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function schemaDescription(e: ErrorObject): string | undefined {
  const parent: unknown = e.parentSchema;
  if (parent === null || typeof parent !== 'object') return undefined;
  const d = (parent as { description?: unknown }).description;
  if (typeof d !== 'string') return undefined;
  return d.charAt(0).toLowerCase() + d.slice(1).replace(/\.$/, '');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(e: ErrorObject, key: string): string {
  const parent: unknown = e.parentSchema;
  const props: unknown =
    parent !== null && typeof parent === 'object' ? (parent as { properties?: unknown }).properties : undefined;
  if (props === null || typeof props !== 'object') return '';
  const near = Object.keys(props)
    .map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(1, Math.floor(k.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  return near === undefined ? '' : ` (did you mean "${near.k}"?)`;
}

/** The words after "expected" for a single failing keyword. */
function expectation(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const t = p.type;
      const types = Array.isArray(t) ? t.map(String) : String(t).split(',');
      return types.join(' or ');
    }
    case 'enum':
      return `one of ${quoteList(Array.isArray(p.allowedValues) ? p.allowedValues : [])}`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'pattern':
      return schemaDescription(e) ?? `a string matching /${String(p.pattern)}/`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `a number ${String(p.comparison)} ${String(p.limit)}`;
    case 'minLength':
      return `at least ${String(p.limit)} character(s)`;
    case 'maxLength':
      return `at most ${String(p.limit)} characters`;
    case 'minItems':
      return `at least ${String(p.limit)} item(s)`;
    case 'maxItems':
      return `at most ${String(p.limit)} items`;
    default:
      return e.message ?? e.keyword;
  }
}

function single(e: ErrorObject, ctx: ErrorContext): BerthError {
  const path = pointerToPath(e.instancePath, ctx.data);
  const value = valueAt(ctx.data, path);
  const hidden = ctx.hidden(path);
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    const key = String(p.additionalProperty);
    const field = formatPath([...path, key]);
    return new BerthError(ErrorCode.SchemaUnknownField, `unknown field "${field}"${suggestion(e, key)}`, {
      location: ctx.locator.locateKey([...path, key]),
      field,
    });
  }
  if (e.keyword === 'false schema') {
    return new BerthError(ErrorCode.SchemaUnknownField, `field "${label(path)}" is not allowed here`, {
      location: ctx.locator.locateKey(path),
      field: formatPath(path),
    });
  }
  if (e.keyword === 'required') {
    const field = formatPath([...path, String(p.missingProperty)]);
    return new BerthError(ErrorCode.SchemaRequired, `missing required field "${field}"`, {
      location: ctx.locator.locate(path),
      field,
    });
  }
  if (e.propertyName !== undefined) {
    // a propertyNames rule failed: the key itself is wrong
    const keyPath = [...path, e.propertyName];
    return new BerthError(
      ErrorCode.SchemaInvalid,
      `${label(path)}: invalid key ${JSON.stringify(e.propertyName)}: expected ${expectation(e)}`,
      { location: ctx.locator.locateKey(keyPath), field: formatPath(keyPath) },
    );
  }
  let got = describe(value, hidden);
  if ((e.keyword === 'minLength' || e.keyword === 'maxLength') && typeof value === 'string')
    got = `${value.length} characters`;
  if ((e.keyword === 'minItems' || e.keyword === 'maxItems') && Array.isArray(value)) got = `${value.length}`;
  const code = e.keyword === 'type' ? ErrorCode.SchemaType : ErrorCode.SchemaInvalid;
  return new BerthError(code, `${label(path)}: expected ${expectation(e)}, got ${got}`, {
    location: ctx.locator.locate(path),
    field: formatPath(path),
  });
}

/** anyOf/oneOf: one message for the group rather than one per failed branch. */
function alternatives(group: ErrorObject, branches: readonly ErrorObject[], ctx: ErrorContext): BerthError {
  const path = pointerToPath(group.instancePath, ctx.data);
  if (branches.length > 0 && branches.every((b) => b.keyword === 'required' && b.instancePath === group.instancePath)) {
    const fields = branches.map((b) =>
      formatPath([...path, String((b.params as Record<string, unknown>).missingProperty)]),
    );
    return new BerthError(ErrorCode.SchemaRequired, `missing required field: one of ${quoteList(fields)}`, {
      location: ctx.locator.locate(path),
      field: formatPath(path),
    });
  }
  if (branches.length > 0 && branches.every((b) => b.keyword === 'type' && b.instancePath === group.instancePath)) {
    const value = valueAt(ctx.data, path);
    return new BerthError(
      ErrorCode.SchemaType,
      `${label(path)}: expected ${branches.map(expectation).join(' or ')}, got ${describe(value, ctx.hidden(path))}`,
      { location: ctx.locator.locate(path), field: formatPath(path) },
    );
  }
  const details = branches.map((b) => single(b, ctx).message).join('; ');
  return new BerthError(ErrorCode.SchemaInvalid, `${label(path)}: matches none of the allowed forms (${details})`, {
    location: ctx.locator.locate(path),
    field: formatPath(path),
  });
}

export function schemaProblems(errors: readonly ErrorObject[], ctx: ErrorContext): BerthError[] {
  // `if` and `propertyNames` only repeat what the errors inside them say
  const relevant = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  const groups = relevant.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inGroup = new Set<ErrorObject>();
  const out: BerthError[] = [];
  for (const g of groups) {
    const branches = relevant.filter(
      (e) => e !== g && e.schemaPath.startsWith(`${g.schemaPath}/`) && e.instancePath.startsWith(g.instancePath),
    );
    for (const b of branches) inGroup.add(b);
  }
  for (const e of relevant) {
    if (inGroup.has(e)) continue;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const branches = relevant.filter(
        (b) => b !== e && b.schemaPath.startsWith(`${e.schemaPath}/`) && b.instancePath.startsWith(e.instancePath),
      );
      out.push(alternatives(e, branches, ctx));
    } else {
      out.push(single(e, ctx));
    }
  }
  const seen = new Set<string>();
  return out.filter((b) => {
    const k = `${b.code}|${b.location?.line ?? 0}|${b.location?.column ?? 0}|${b.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
