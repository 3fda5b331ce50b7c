// The `mesh` command line: parsing only. Each command calls an exported function that tests call directly.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerChangeCommands } from './commands/change-program.js';
import { startDev } from './commands/dev.js';
import { injectCommand, injectWebhookCommand } from './commands/inject.js';
import { registerOfflineCommands } from './commands/offline-program.js';

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

  program
    .command('inject')
    .description('add sidecars to the workloads of a manifest file, as istioctl kube-inject does')
    .requiredOption('-f, --filename <file>', "manifest file, or '-' for stdin")
    .option('-o, --output <file>', 'write the result to this file instead of stdout')
    .option('--revision <rev>', 'the control plane revision the sidecars belong to')
    .action(async (opts: { filename: string; output?: string; revision?: string }) => {
      const outcome = await injectCommand({
        file: opts.filename,
        ...(opts.output === undefined ? {} : { output: opts.output }),
        ...(opts.revision === undefined ? {} : { revision: opts.revision }),
        ...(opts.filename === '-' ? { stdin: await readStdin() } : {}),
      });
      if (outcome.stdout !== '') io.out(outcome.stdout.replace(/\n$/, ''));
      for (const line of outcome.stderr) io.err(line);
      exitCode = outcome.exitCode;
    });

  program
    .command('inject-webhook')
    .description('run the sidecar injection admission webhook (HTTPS; --listen, --tls-cert, --tls-key, ...)')
    .allowUnknownOption()
    .helpOption(false)
    .argument('[flags...]', 'webhook flags: --listen host:port --tls-cert FILE --tls-key FILE [--revision R]')
    .action(async (flags: string[]) => {
      const server = await injectWebhookCommand(flags, (e) => io.err(`mesh inject-webhook: ${e.message}`));
      io.err(`mesh inject-webhook: listening on ${server.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          void server.close().then(resolve);
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });

  registerOfflineCommands(program, io, (code) => {
    exitCode = code;
  });

  registerChangeCommands(program, io, (code) => {
    exitCode = code;
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
