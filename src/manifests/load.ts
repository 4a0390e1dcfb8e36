/**
 * loadRevision: the files of one commit → a typed, validated revision, or every problem found
 * (sorted by file and line). Pure: the git layer reads the files; nothing here touches the disk.
 */
import { BerthError, ErrorCode, type SourceLocation } from '../core/errors.js';
import type { FieldPath, LoadedObject } from '../core/revision.js';
import type { RejectedFile, RevisionFile } from '../core/source.js';
import type { BerthConfig } from '../types/index.js';
import {
  clusterDeclarations,
  duplicateClusters,
  clusterSelectionChecks,
  duplicateObjects,
  referenceChecks,
  type ClusterDeclaration,
} from './checks.js';
import { CONFIG_SCHEMA, KINDS, isKind, knownKinds, lookupKind } from './kinds.js';
import type { LoadedCluster, LoadedConfig, LoadResult } from './revision.js';
import { schemaProblems } from './schema-errors.js';
import { validatorFor } from './validators.js';
import { parseYamlFile, type ParsedDocument } from './yaml-file.js';

export const CONFIG_FILE = 'berth.yaml';

export type FileRole = 'config' | 'clusters' | 'apps';

/** Which files the loader reads: berth.yaml, clusters/**\/*.y(a)ml, apps/**\/*.y(a)ml; never .berth/. */
export function fileRole(path: string): FileRole | undefined {
  if (path === CONFIG_FILE) return 'config';
  if (path.split('/').includes('.berth') || !/\.ya?ml$/.test(path)) return undefined;
  if (path.startsWith('clusters/')) return 'clusters';
  if (path.startsWith('apps/')) return 'apps';
  return undefined;
}

/** A rejected path matters when the loader would have read it (or it is one of its folders). */
function rejectedMatters(path: string): boolean {
  if (fileRole(path) !== undefined) return true;
  return /^(clusters|apps)(\/|$)/.test(path) && !path.split('/').includes('.berth');
}

function rejectedProblem(r: RejectedFile): BerthError {
  const location: SourceLocation = { file: r.path, line: 1, column: 1 };
  switch (r.reason) {
    case 'symlink-outside':
      return new BerthError(
        ErrorCode.SymlinkOutside,
        `symbolic link points outside the repository (${r.detail}); berth does not follow it`,
        { location },
      );
    case 'too-large':
      return new BerthError(ErrorCode.FileTooLarge, `file is too large (${r.detail}); the limit is 1 MiB`, {
        location,
      });
    case 'binary':
      return new BerthError(ErrorCode.YamlSyntax, `file is not UTF-8 text (${r.detail})`, { location });
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function validate(schemaFile: string, doc: ParsedDocument, secret: boolean): BerthError[] {
  const check = validatorFor(schemaFile);
  if (check(doc.value)) return [];
  const hidden = (path: FieldPath): boolean => secret && (path[0] === 'data' || path[0] === 'stringData');
  return schemaProblems(check.errors ?? [], { data: doc.value, locator: doc.locator, hidden });
}

interface ConfigOutcome {
  readonly config: LoadedConfig | undefined;
  readonly problems: BerthError[];
}

function loadConfig(docs: readonly ParsedDocument[]): ConfigOutcome {
  const problems: BerthError[] = [];
  const [doc, ...extra] = docs;
  for (const d of extra) {
    problems.push(
      new BerthError(ErrorCode.SchemaInvalid, `${CONFIG_FILE} holds one YAML document; found another here`, {
        location: d.locator.root(),
      }),
    );
  }
  if (doc === undefined) return { config: undefined, problems };
  problems.push(...validate(CONFIG_SCHEMA, doc, false));
  if (problems.length > 0) return { config: undefined, problems };
  const body = (doc.value as BerthConfig).container_orchestrator;
  const locator = doc.locator;
  return {
    config: {
      body,
      loc: locator.locate(['container_orchestrator']),
      locate: (path: FieldPath) => locator.locate(['container_orchestrator', ...path]),
    },
    problems,
  };
}

function loadManifest(
  doc: ParsedDocument,
  role: 'clusters' | 'apps',
): { object?: LoadedObject; problems: BerthError[] } {
  const value = doc.value;
  const locator = doc.locator;
  if (!isPlainObject(value)) {
    const problem = new BerthError(
      ErrorCode.SchemaType,
      'document: expected a mapping with apiVersion, kind and metadata',
      {
        location: locator.root(),
      },
    );
    return { problems: [problem] };
  }
  const problems: BerthError[] = [];
  for (const field of ['apiVersion', 'kind'] as const) {
    const v = value[field];
    if (v === undefined) {
      problems.push(
        new BerthError(ErrorCode.SchemaRequired, `missing required field "${field}"`, {
          location: locator.root(),
          field,
        }),
      );
    } else if (typeof v !== 'string') {
      problems.push(
        new BerthError(ErrorCode.SchemaType, `${field}: expected string`, { location: locator.locate([field]), field }),
      );
    }
  }
  const { apiVersion, kind } = value;
  if (problems.length > 0 || typeof apiVersion !== 'string' || typeof kind !== 'string') return { problems };

  const name = lookupKind(apiVersion, kind);
  if (name === undefined) {
    const problem = new BerthError(
      ErrorCode.UnknownKind,
      `unknown kind "${kind}" with apiVersion "${apiVersion}"; berth accepts ${knownKinds()}`,
      { location: locator.locate(['kind']), field: 'kind' },
    );
    return { problems: [problem] };
  }
  const info = KINDS[name];
  if (!info.dirs.includes(role)) {
    const problem = new BerthError(
      ErrorCode.UnknownKind,
      `kind ${kind} does not belong in ${role}/; put it in ${info.dirs.map((d) => `${d}/`).join(' or ')}`,
      { location: locator.locate(['kind']), field: 'kind' },
    );
    return { problems: [problem] };
  }
  problems.push(...validate(info.schema, doc, name === 'Secret'));
  if (problems.length > 0) return { problems };

  const metadata = value.metadata as { name: string; namespace?: string };
  const object: LoadedObject = {
    apiVersion,
    kind,
    name: metadata.name,
    namespace: info.namespaced ? metadata.namespace : undefined,
    body: value,
    loc: locator.root(),
    locate: (path: FieldPath) => locator.locate(path),
  };
  return { object, problems };
}

function byPlace(a: BerthError, b: BerthError): number {
  const la = a.location;
  const lb = b.location;
  if (la === undefined || lb === undefined) return la === lb ? 0 : la === undefined ? 1 : -1;
  if (la.file !== lb.file) return la.file < lb.file ? -1 : 1;
  return la.line - lb.line || la.column - lb.column;
}

export function loadRevision(files: readonly RevisionFile[], rejected: readonly RejectedFile[]): LoadResult {
  const problems: BerthError[] = [];
  for (const r of rejected) if (rejectedMatters(r.path)) problems.push(rejectedProblem(r));

  let config: LoadedConfig | undefined;
  const clusters: LoadedCluster[] = [];
  const objects: LoadedObject[] = [];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const role = fileRole(file.path);
    if (role === undefined) continue;
    const parsed = parseYamlFile(file.path, file.text);
    problems.push(...parsed.problems);
    if (role === 'config') {
      const outcome = loadConfig(parsed.docs);
      problems.push(...outcome.problems);
      config = outcome.config;
      continue;
    }
    for (const doc of parsed.docs) {
      const { object, problems: found } = loadManifest(doc, role);
      problems.push(...found);
      if (object === undefined) continue;
      if (isKind(object, 'Cluster')) clusters.push(object);
      else objects.push(object);
    }
  }

  const shortForms: ClusterDeclaration[] = (config?.body.multi_cluster?.cluster_management ?? []).map((entry, i) => ({
    name: entry.cluster,
    loc: config?.locate(['multi_cluster', 'cluster_management', i, 'cluster']) ?? {
      file: CONFIG_FILE,
      line: 1,
      column: 1,
    },
    form: 'berth.yaml' as const,
  }));
  const declarations = [...shortForms, ...clusterDeclarations(clusters)];
  problems.push(...duplicateClusters(declarations));
  problems.push(...clusterSelectionChecks(objects, new Set(declarations.map((d) => d.name))));
  problems.push(...duplicateObjects(objects));
  // A document that failed to load is missing from `objects`: references to it would be reported
  // as missing too, which is false. Reference checks wait until every document loads.
  if (problems.length === 0) problems.push(...referenceChecks(objects));

  if (problems.length > 0) return { ok: false, problems: problems.sort(byPlace) };
  return { ok: true, revision: { config: config?.body, configSource: config, clusters, objects } };
}
