// The entry point of the single executable (scripts/build-sea.mjs bundles it into one CommonJS script). First the
// embedded files are installed (embedded-files.ts), then the modules load: the role's (`__proxy`, `__node`) or the
// CLI's, as bin/mesh.ts runs it. The modules are imported dynamically so that they are evaluated after the install
// (the bundle evaluates them lazily) and a role loads only what it needs.
import { installEmbeddedFiles } from './embedded-files.js';
import { runningAsSea } from './sea-mode.js';

async function main(): Promise<void> {
  if (runningAsSea()) installEmbeddedFiles();
  const argv = process.argv.slice(2);
  const { runRole } = await import('./roles.js');
  if (await runRole(argv)) return;
  const { createProgram } = await import('../program.js');
  const io = {
    out: (line: string) => process.stdout.write(`${line}\n`),
    err: (line: string) => process.stderr.write(`${line}\n`),
  };
  process.exitCode = await createProgram(io).run(argv);
}

main().catch((err: unknown) => {
  process.stderr.write(`mesh: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
