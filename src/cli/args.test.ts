import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../core/errors.js';
import { parseCommand } from './args.js';

describe('parseCommand', () => {
  it.each([
    [['validate', 'repo'], { name: 'validate', dir: 'repo' }],
    [['plan', '--repo', 'r'], { name: 'plan', repo: 'r', ref: undefined, output: 'text' }],
    [['plan', '--repo', 'r', '--ref', 'pr-1', '--output', 'json'], { name: 'plan', repo: 'r', ref: 'pr-1', output: 'json' }],
    [['sync', '--repo', 'r'], { name: 'sync', repo: 'r', ref: undefined, statusBranch: 'berth/status', status: true }],
    [['sync', '--repo', 'r', '--no-status'], { name: 'sync', repo: 'r', ref: undefined, statusBranch: 'berth/status', status: false }],
    [['run', '--repo', 'r', '--interval', '10s'], { name: 'run', repo: 'r', ref: undefined, statusBranch: 'berth/status', status: true, interval: '10s' }],
    [[], { name: 'help' }],
  ])('%j', (argv, command) => {
    expect(parseCommand(argv).command).toEqual(command);
  });

  it.each([[['plan']], [['sync']], [['frobnicate']], [['plan', '--repo', 'r', '--output', 'xml']]])('usage error for %j', (argv) => {
    let code: unknown;
    try {
      parseCommand(argv);
    } catch (e) {
      code = (e as { code?: unknown }).code;
    }
    expect(code).toBe(ErrorCode.Usage);
  });
});
