#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (`npm run build`; `npm ci` builds it via prepare).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
