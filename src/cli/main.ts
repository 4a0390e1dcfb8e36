/**
 * berth's command line. Parses arguments, builds the composition root and maps outcomes to exit
 * codes. Everything it calls receives its dependencies from here.
 */
import { BerthError, ErrorCode, RevisionError } from '../core/errors.js';
import { Redactor } from '../log/redactor.js';
import { createLogger } from '../log/logger.js';
import { parseCommand, USAGE, type Command, type GlobalOptions } from './args.js';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

const processIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  isTty: process.stdout.isTTY,
  env: process.env,
};

async function dispatch(command: Command, global: GlobalOptions, io: Io, redactor: Redactor): Promise<number> {
  if (command.name === 'help') {
    io.out(USAGE);
    return 0;
  }
  // Commands load what they need on demand: `berth --help` need not load Git, Docker and ajv.
  if (command.name === 'validate') return (await import('./validate.js')).runValidate(command.dir, io);
  const { runPlanCommand, runSyncCommand, runDaemonCommand } = await import('./pass-commands.js');
  const log = await createLogger({ level: global.logLevel, pretty: io.isTty, redactor });
  switch (command.name) {
    case 'plan':
      return runPlanCommand(command, global, { io, log, redactor });
    case 'sync':
      return runSyncCommand(command, global, { io, log, redactor });
    case 'run':
      return runDaemonCommand(command, global, { io, log, redactor });
  }
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const redactor = new Redactor();
  try {
    const { command, global } = parseCommand(argv);
    return await dispatch(command, global, io, redactor);
  } catch (e) {
    if (e instanceof RevisionError) {
      for (const p of e.problems) io.err(redactor.scrub(p.format()));
      return 1;
    }
    if (e instanceof BerthError) {
      io.err(redactor.scrub(e.code === ErrorCode.Usage ? e.message : `berth: ${e.format()}`));
      return 1;
    }
    if (e instanceof TypeError && 'code' in e && typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`berth: ${e.message}\n${USAGE}`);
      return 1;
    }
    io.err(redactor.scrub(`berth: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return 1;
  }
}
