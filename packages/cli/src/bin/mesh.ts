#!/usr/bin/env node
import { createProgram } from '../program.js';
import { runRole } from '../sea/roles.js';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};
const argv = process.argv.slice(2);
// `mesh __proxy ...`, `mesh __node SCRIPT ...`: the roles the single executable runs in (../sea/roles.ts).
if (!(await runRole(argv))) process.exitCode = await createProgram(io).run(argv);
