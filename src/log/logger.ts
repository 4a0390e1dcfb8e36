/**
 * The one root logger, on stderr (stdout is for command output such as `berth plan --output json`).
 * Every line passes through the Redactor, so a Secret value that slips into an error message
 * still never reaches the terminal or a log collector.
 */
import { Writable } from 'node:stream';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Redactor } from './redactor.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level?: string;
  readonly pretty?: boolean;
  readonly redactor: Redactor;
  readonly destination?: DestinationStream;
}

const REDACT_PATHS = [
  'token',
  '*.token',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'stringData',
  '*.stringData',
  'data',
  '*.data',
];

export async function createLogger(options: LoggerOptions): Promise<Logger> {
  const { redactor } = options;
  let dest: DestinationStream = options.destination ?? pino.destination({ fd: 2, sync: false });
  if (options.pretty === true && options.destination === undefined) {
    const { default: pretty } = await import('pino-pretty');
    // One line per event on a terminal, led by where it happened: `[cluster] app: message {…}`.
    dest = pretty({
      colorize: true,
      translateTime: 'HH:MM:ss',
      singleLine: true,
      messageFormat: '{if cluster}[{cluster}] {end}{if app}{app}: {end}{msg}',
      ignore: 'pid,hostname,repo,ref,driver,cluster,app',
      destination: 2,
    });
  }
  const scrubbing = new Writable({
    write(chunk: Buffer, _enc, done) {
      dest.write(redactor.scrub(chunk.toString('utf8')));
      done();
    },
  });
  return pino(
    {
      level: options.level ?? 'info',
      base: null,
      redact: { paths: REDACT_PATHS, censor: '<redacted>' },
    },
    scrubbing,
  );
}

/** A logger that writes nowhere: for pure code paths and tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
