/**
 * Where revisions come from and where status goes. `src/git` (isomorphic-git) is the only
 * implementation; everything else sees these interfaces.
 */
import type { Logger } from 'pino';

/** A file of the repository at one commit. Symlinks are resolved inside the repository. */
export interface RevisionFile {
  readonly path: string; // repository-relative POSIX path
  readonly text: string;
}

/** A symlink whose target leaves the repository: reported, never followed. */
export interface RejectedFile {
  readonly path: string;
  readonly reason: 'symlink-outside' | 'too-large' | 'binary';
  readonly detail: string;
}

export interface RevisionSnapshot {
  readonly sha: string;
  readonly files: readonly RevisionFile[];
  readonly rejected: readonly RejectedFile[];
}

export interface ConfigSource {
  /** Human-readable id used in labels and logs: a URL without credentials, or a folder path. */
  readonly id: string;
  /** Fetch (remote) and resolve a branch, tag or SHA to a commit SHA. */
  resolve(ref: string | undefined): Promise<{ ref: string; sha: string }>;
  /** Read the files of one commit (never the working tree). */
  snapshot(sha: string): Promise<RevisionSnapshot>;
}

export interface StatusCommit {
  readonly branch: string;
  /** Full content of the status tree: path → text. Files not listed are removed. */
  readonly files: ReadonlyMap<string, string>;
  readonly message: string;
}

export interface StatusStore {
  /** Commit when the tree differs from the branch head; push with retry on non-fast-forward. */
  write(commit: StatusCommit, log: Logger): Promise<{ committed: boolean; sha: string | undefined }>;
  /** Current content of the status branch (empty map when the branch does not exist). */
  read(branch: string): Promise<ReadonlyMap<string, string>>;
}
