// The `mesh` command line: parsing only. Each command calls an exported function that tests call directly.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { startDev } from './commands/dev.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Builds the program; `run` parses argv and resolves to the exit status. */
export function createProgram(io: Io): { run(argv: readonly string[]): Promise<number> } {
  let exitCode = 0;
  const program = new Command('mesh')
    .description('minimesh: a service mesh that runs on a laptop in one command')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('dev')
    .description('run the whole mesh in DIR locally (control plane, gateway, workloads and sidecars)')
    .argument('<dir>', 'directory of Kubernetes and Istio manifests')
    .action(async (dir: string) => {
      const outcome = await startDev({ dir });
      for (const line of outcome.stdout) io.out(line);
      for (const line of outcome.stderr) io.err(line);
      exitCode = outcome.exitCode;
    });

  return {
    async run(argv) {
      try {
        await program.parseAsync([...argv], { from: 'user' });
        return exitCode;
      } catch (err) {
        const code = (err as { exitCode?: number }).exitCode;
        if (typeof code === 'number') return code; // commander already printed help, version or the usage error
        io.err(`mesh: ${err instanceof Error ? err.message : String(err)}`);
        return 1;
      }
    },
  };
}
