// Command-line parsing of `mesh proxy-status` and `mesh proxy-config`: commander definitions only; each action calls
// the exported command function and prints its outcome (data on stdout, errors on stderr).
import { type Command, InvalidArgumentError } from 'commander';
import type { Io } from '../program.js';
import { DEFAULT_CONTROL_PLANE } from './apply.js';
import type { CommandOutcome } from './inject.js';
import { PROXY_CONFIG_SECTIONS, proxyConfigCommand } from './proxy-config.js';
import { proxyStatusCommand } from './proxy-status.js';

function print(io: Io, outcome: CommandOutcome): number {
  if (outcome.stdout !== '') io.out(outcome.stdout.replace(/\n$/, ''));
  for (const line of outcome.stderr) io.err(line);
  return outcome.exitCode;
}

const int =
  (flag: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new InvalidArgumentError(`${flag} ${value}: expected a port number 0-65535`);
    return n;
  };

interface ConfigFlags {
  controlPlane: string;
  admin?: string;
  output?: string;
  fqdn?: string;
  port?: number;
  subset?: string;
  direction?: string;
  address?: string;
  type?: string;
  name?: string;
  cluster?: string;
  status?: string;
}

export function registerProxyCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('proxy-status')
    .description(
      "each proxy's xDS sync state, or with PROXY its config against the control plane's (istioctl proxy-status)",
    )
    .argument('[proxy]', 'pod name or unique prefix, pod.namespace, or gateway name')
    .option('--control-plane <host:port>', 'control API of the running `mesh dev`', DEFAULT_CONTROL_PLANE)
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .addHelpText(
      'after',
      '\nExamples:\n  mesh proxy-status\n  mesh proxy-status productpage-v1   # Clusters / Listeners / Routes Match, or a diff',
    )
    .action(async (proxy: string | undefined, opts: { controlPlane: string; output: string }) => {
      setExit(
        print(
          io,
          await proxyStatusCommand({
            controlPlane: opts.controlPlane,
            output: opts.output,
            ...(proxy === undefined ? {} : { proxy }),
          }),
        ),
      );
    });

  program
    .command('proxy-config')
    .description(
      "a proxy's listeners, routes, clusters, endpoints, secrets or bootstrap from its admin API (istioctl proxy-config)",
    )
    .argument('<section>', PROXY_CONFIG_SECTIONS.join('|'))
    .argument('[proxy]', 'pod name or unique prefix, pod.namespace, or gateway name (or use --admin)')
    .option('--control-plane <host:port>', 'control API of the running `mesh dev`', DEFAULT_CONTROL_PLANE)
    .option('--admin <host:port>', "the proxy's admin API, instead of looking PROXY up")
    .option('-o, --output <format>', 'short (tables), json or yaml (default short; bootstrap: json)')
    .option('--fqdn <fqdn>', 'clusters: only names containing this FQDN')
    .option('--port <port>', 'clusters, listeners, endpoints: only this port', int('--port'))
    .option('--subset <subset>', 'clusters: only this subset')
    .option('--direction <dir>', 'clusters: inbound or outbound')
    .option('--address <ip>', 'listeners, endpoints: only this address')
    .option('--type <type>', 'listeners: HTTP, TCP, HTTP+TCP or UNKNOWN')
    .option('--name <name>', 'routes: only this route configuration')
    .option('--cluster <name>', 'endpoints: only this cluster')
    .option('--status <status>', 'endpoints: HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED or UNKNOWN')
    .addHelpText(
      'after',
      '\nExamples:\n  mesh proxy-config clusters productpage-v1 --fqdn reviews.default.svc.cluster.local\n  mesh proxy-config routes istio-ingressgateway -o json\n  mesh proxy-config endpoints reviews-v1 --status HEALTHY',
    )
    .action(async (section: string, proxy: string | undefined, opts: ConfigFlags) => {
      const { controlPlane, ...filters } = opts;
      setExit(
        print(
          io,
          await proxyConfigCommand({
            section,
            controlPlane,
            ...(proxy === undefined ? {} : { proxy }),
            ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
          }),
        ),
      );
    });
}
