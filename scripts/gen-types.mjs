#!/usr/bin/env node
/**
 * Generates src/types/generated/*.ts from schemas/*.schema.json (the one source of truth):
 * one TypeScript module of types per schema, plus schemas.ts embedding the schemas themselves so
 * the validators need no file access at run time.
 *
 *   npm run gen:types            write the files
 *   node scripts/gen-types.mjs --check   exit 1 when the committed files differ (used by a jest test)
 */
import { readFile, readdir, writeFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'schemas');
const outDir = join(root, 'src', 'types', 'generated');
const COMMON = 'common.schema.json';

const banner = (source) =>
  `/* generated — do not edit. Source: schemas/${source}; regenerate with \`npm run gen:types\`. */`;

/**
 * References into common.schema.json become `Common.X` type references, so every shared type is
 * declared once (in common.ts) instead of being copied into each module.
 */
function linkCommon(node) {
  if (Array.isArray(node)) return node.map(linkCommon);
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith(`${COMMON}#/definitions/`)) {
    const name = node.$ref.slice(`${COMMON}#/definitions/`.length);
    const { $ref: _ignored, ...rest } = node;
    return { ...rest, tsType: `Common.${name}` };
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    // anyOf/oneOf branches that only say which keys are required add nothing to the type
    if ((k === 'anyOf' || k === 'oneOf') && v.every((b) => Object.keys(b).every((bk) => bk === 'required'))) continue;
    out[k] = linkCommon(v);
  }
  return out;
}

/** Drops `$schema`/`$id` so the generator does not try to resolve them. */
function forGenerator(schema) {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return linkCommon(rest);
}

async function generate() {
  const files = (await readdir(schemaDir)).filter((f) => f.endsWith('.schema.json')).sort();
  const out = new Map();
  const embedded = {};
  for (const file of files) {
    const schema = JSON.parse(await readFile(join(schemaDir, file), 'utf8'));
    embedded[file] = schema;
    const base = file.slice(0, -'.schema.json'.length);
    const isCommon = file === COMMON;
    let header = banner(file);
    if (!isCommon) header += "\nimport type * as Common from './common.js';";
    const input = forGenerator(schema);
    if (isCommon) delete input.title; // only the definitions are types; the root is a container
    let ts = await compile(input, isCommon ? 'CommonRoot' : schema.title, {
      bannerComment: header,
      additionalProperties: false,
      unreachableDefinitions: true,
      declareExternallyReferenced: true,
      unknownAny: true,
      ignoreMinAndMaxItems: true,
      format: true,
      style: { singleQuote: true, printWidth: 120, trailingComma: 'all' },
      $refOptions: { resolve: { external: false } },
    });
    if (isCommon)
      ts = ts
        .replace(/export interface CommonRoot \{[^}]*\}\n\n?/, '')
        .replaceAll('`CommonRoot`', '`common.schema.json`');
    out.set(`${base}.ts`, ts);
  }
  const lines = [
    banner('*.schema.json'),
    '',
    '/** The JSON Schemas, keyed by file name, for the ajv validators (no file access at run time). */',
    `export const SCHEMAS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = ${JSON.stringify(embedded, null, 2)};`,
    '',
  ];
  out.set('schemas.ts', lines.join('\n'));
  return out;
}

async function main() {
  const check = process.argv.includes('--check');
  const generated = await generate();
  await mkdir(outDir, { recursive: true });
  const existing = (await readdir(outDir)).filter((f) => f.endsWith('.ts'));
  const stale = existing.filter((f) => !generated.has(f));
  if (check) {
    const differ = [];
    for (const [name, text] of generated) {
      const current = await readFile(join(outDir, name), 'utf8').catch(() => undefined);
      if (current !== text) differ.push(name);
    }
    differ.push(...stale.map((f) => `${f} (stale)`));
    if (differ.length > 0) {
      console.error(`generated types are out of date (run npm run gen:types): ${differ.join(', ')}`);
      process.exit(1);
    }
    console.log(`generated types are up to date (${generated.size} files)`);
    return;
  }
  for (const f of stale) await rm(join(outDir, f));
  for (const [name, text] of generated) await writeFile(join(outDir, name), text);
  console.log(`wrote ${generated.size} files to src/types/generated`);
}

await main();
