// The `mesh` command line: parsing only. Each command calls an exported function that tests call directly.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { registerChangeCommands } from './commands/change-program.js';
import { runDev } from './commands/dev.js';
import { injectCommand, injectWebhookCommand } from './commands/inject.js';
import { registerOfflineCommands } from './commands/offline-program.js';
import { registerProxyCommands } from './commands/proxy-program.js';

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
    .option('--gateway-port <port>', 'local port of the ingress gateway (0 = any free port)', portArg, 8080)
    .option('--xds-port <port>', 'port of the xDS (ADS) server (0 = any free port)', portArg, 15010)
    .option(
      '--api-port <port>',
      'port of the control API `mesh apply` talks to (0 = any free port)',
      portArg,
      15014,
    )
    .option(
      '--dashboard-port <port>',
      'port of the live dashboard on 127.0.0.1 (0 = any free port)',
      portArg,
      20001,
    )
    .option('--no-dashboard', 'do not serve the dashboard (proxies then send no access log stream)')
    .option('--logs <dir>', 'directory for the per-process log files (default: a new temp dir)')
    .option('--exclude <path...>', 'paths under DIR not loaded at start (default: networking)')
    .option('--ready-timeout <seconds>', 'how long to wait for the mesh to be ready', Number, 60)
    .addHelpText(
      'after',
      '\nRuns until Ctrl-C / SIGTERM, then stops every process (exit status 0). Example:\n  mesh dev ./examples/bookinfo',
    )
    .action(async (dir: string, opts: DevFlags) => {
      exitCode = await runDev({
        dir,
        gatewayPort: opts.gatewayPort,
        xdsPort: opts.xdsPort,
        apiPort: opts.apiPort,
        dashboardPort: opts.dashboard ? opts.dashboardPort : false,
        readyTimeoutMs: opts.readyTimeout * 1000,
        ...(opts.logs === undefined ? {} : { logsDir: opts.logs }),
        ...(opts.exclude === undefined ? {} : { exclude: opts.exclude }),
        io,
      });
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

  registerProxyCommands(program, io, (code) => {
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

interface DevFlags {
  gatewayPort: number;
  xdsPort: number;
  apiPort: number;
  dashboardPort: number;
  dashboard: boolean;
  logs?: string;
  exclude?: string[];
  readyTimeout: number;
}

/** A TCP port flag: 0 to 65535. */
function portArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
