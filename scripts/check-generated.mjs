#!/usr/bin/env node
// Fails when `pnpm generate` changed committed files: generated code is committed and must match its inputs.
import { execFileSync } from 'node:child_process';

const out = execFileSync('git', ['status', '--porcelain', '--', ':(glob)**/src/generated/**'], {
  encoding: 'utf8',
});
if (process.env.CI && out.trim() !== '') {
  console.error(`generated files differ from what is committed; run \`pnpm generate\` and commit:\n${out}`);
  process.exit(1);
}
