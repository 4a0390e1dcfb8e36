/**
 * Typed errors with stable codes. Classify by `code`, never by message text.
 * Every error a user can cause carries the file, line, column and field path it is about.
 */
export interface SourceLocation {
  readonly file: string; // repository-relative POSIX path
  readonly line: number; // 1-based
  readonly column: number; // 1-based
}

export const ErrorCode = {
  YamlSyntax: 'BERTH_YAML_SYNTAX',
  YamlAliasLimit: 'BERTH_YAML_ALIAS_LIMIT',
  SchemaType: 'BERTH_SCHEMA_TYPE',
  SchemaUnknownField: 'BERTH_SCHEMA_UNKNOWN_FIELD',
  SchemaRequired: 'BERTH_SCHEMA_REQUIRED',
  SchemaInvalid: 'BERTH_SCHEMA_INVALID',
  UnknownKind: 'BERTH_UNKNOWN_KIND',
  DuplicateObject: 'BERTH_DUPLICATE_OBJECT',
  MissingReference: 'BERTH_MISSING_REFERENCE',
  SymlinkOutside: 'BERTH_SYMLINK_OUTSIDE_REPO',
  FileTooLarge: 'BERTH_FILE_TOO_LARGE',
  ClusterUnknown: 'BERTH_CLUSTER_UNKNOWN',
  Placement: 'BERTH_PLACEMENT',
  GitRef: 'BERTH_GIT_REF',
  Git: 'BERTH_GIT',
  GitPush: 'BERTH_GIT_PUSH',
  Driver: 'BERTH_DRIVER',
  DriverUnreachable: 'BERTH_DRIVER_UNREACHABLE',
  Health: 'BERTH_HEALTH',
  Usage: 'BERTH_USAGE',
  Credentials: 'BERTH_CREDENTIALS',
  Busy: 'BERTH_BUSY',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface BerthErrorOptions {
  readonly location?: SourceLocation | undefined;
  readonly field?: string | undefined; // dotted/indexed path, e.g. spec.template.spec.containers[0].image
  readonly cause?: unknown;
}

export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: BerthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BerthError';
    this.code = code;
    this.location = options.location;
    this.field = options.field;
  }

  /** `file:line:column: message [code]` — the one-line form `berth validate` prints. */
  format(): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column}: ` : '';
    const field = this.field !== undefined && !this.message.includes(this.field) ? ` (field ${this.field})` : '';
    return `${where}${this.message}${field} [${this.code}]`;
  }
}

/** Several user errors at once: a revision is rejected with every problem found, not just the first. */
export class RevisionError extends Error {
  readonly problems: readonly BerthError[];
  constructor(problems: readonly BerthError[]) {
    super(`revision rejected: ${problems.length} problem(s); first: ${problems[0]?.format() ?? 'none'}`);
    this.name = 'RevisionError';
    this.problems = problems;
  }
}

export function isBerthError(e: unknown): e is BerthError {
  return e instanceof BerthError;
}
