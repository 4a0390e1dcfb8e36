/** Command-line parsing: pure, so every flag combination is testable without running anything. */
import { parseArgs } from 'node:util';
import { BerthError, ErrorCode } from '../core/errors.js';

export type Command =
  | { readonly name: 'validate'; readonly dir: string }
  | { readonly name: 'plan'; readonly repo: string; readonly ref: string | undefined; readonly output: 'text' | 'json' }
  | { readonly name: 'sync'; readonly repo: string; readonly ref: string | undefined; readonly statusBranch: string; readonly status: boolean }
  | { readonly name: 'run'; readonly repo: string; readonly ref: string | undefined; readonly statusBranch: string; readonly status: boolean; readonly interval: string }
  | { readonly name: 'help' };

export interface GlobalOptions {
  readonly logLevel: string;
  readonly cacheDir: string | undefined;
  readonly clusters: readonly string[] | undefined;
}

export const USAGE = `usage:
  berth validate <dir>                              offline schema validation of a config repository
  berth plan --repo <path|url> [--ref <ref>] [--output text|json]
                                                    what a sync would change; exit 0 none, 2 changes, 1 error
  berth sync --repo <path|url> [--ref <ref>]        one pass, then exit (non-zero when anything failed)
  berth run  --repo <path|url> [--ref <ref>] [--interval 30s]
                                                    the daemon: a pass every interval, never two at once
options:
  --status-branch <name>   where status is committed (default berth/status)
  --no-status              do not commit status
  --cluster <name>         only this cluster (repeatable)
  --log-level <level>      trace|debug|info|warn|error (default info)
  --cache-dir <dir>        where remote repositories are cached (default ~/.cache/berth/repos)
environment:
  BERTH_GIT_TOKEN          token for HTTP(S) Git remotes (never put it in the URL)
  BERTH_SECRET_DIGEST_KEY  key for the Secret digests in Docker container labels (HMAC)`;

function usage(message: string): BerthError {
  return new BerthError(ErrorCode.Usage, `${message}\n${USAGE}`);
}

export function parseCommand(argv: readonly string[]): { command: Command; global: GlobalOptions } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      repo: { type: 'string' },
      ref: { type: 'string' },
      output: { type: 'string', default: 'text' },
      interval: { type: 'string', default: '30s' },
      'status-branch': { type: 'string', default: 'berth/status' },
      'no-status': { type: 'boolean', default: false },
      cluster: { type: 'string', multiple: true },
      'log-level': { type: 'string', default: 'info' },
      'cache-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const global: GlobalOptions = { logLevel: values['log-level'], cacheDir: values['cache-dir'], clusters: values.cluster };
  const [name, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help') return { command: { name: 'help' }, global };
  const needRepo = (): string => {
    if (values.repo === undefined) throw usage(`berth ${name}: --repo is required`);
    return values.repo;
  };
  switch (name) {
    case 'validate': {
      const dir = rest[0] ?? values.repo;
      if (dir === undefined) throw usage('berth validate: a directory is required');
      return { command: { name: 'validate', dir }, global };
    }
    case 'plan': {
      if (values.output !== 'text' && values.output !== 'json') throw usage(`berth plan: --output must be text or json, not "${values.output}"`);
      return { command: { name: 'plan', repo: needRepo(), ref: values.ref, output: values.output }, global };
    }
    case 'sync':
      return { command: { name: 'sync', repo: needRepo(), ref: values.ref, statusBranch: values['status-branch'], status: !values['no-status'] }, global };
    case 'run':
      return {
        command: { name: 'run', repo: needRepo(), ref: values.ref, statusBranch: values['status-branch'], status: !values['no-status'], interval: values.interval },
        global,
      };
    default:
      throw usage(`unknown command "${name}"`);
  }
}
