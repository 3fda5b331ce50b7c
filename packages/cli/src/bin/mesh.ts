#!/usr/bin/env node
import { createProgram } from '../program.js';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};
process.exitCode = await createProgram(io).run(process.argv.slice(2));
