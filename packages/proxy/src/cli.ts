// The mesh-proxy command line, as a function so that it can be driven in process: parses the flags with
// commander, starts the proxy, and returns it (the bin waits for SIGINT / SIGTERM). Bad flags throw
// CliUsageError (exit code 2 in the bin).
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { InvalidOptionError } from './errors.js';
import { type ProxyOptions, type RunningProxy, startProxy } from './start-proxy.js';

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

/** Envoy's --drain-time-s: whole seconds, 0 or more. */
function seconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected whole seconds (0 or more)');
  return Number(value);
}

function portEntry(value: string, previous: Record<number, number>): Record<number, number> {
  const m = /^(\d+)=(\d+)$/.exec(value);
  if (m === null) throw new InvalidArgumentError('expected LDS_PORT=LOCAL_PORT');
  return { ...previous, [port(m[1] ?? '')]: port(m[2] ?? '') };
}

interface Flags {
  xds: string;
  nodeId: string;
  adminPort: number;
  bind: string;
  port: Record<number, number>;
  inboundPort: Record<number, number>;
  forwardProxyPort?: number;
  logLevel: string;
  accessLog: boolean;
  drainTimeS: number;
}

/** Parses `argv` (without node and the script) into startProxy options. Throws InvalidOptionError. */
export function parseCli(argv: readonly string[]): ProxyOptions {
  const program = new Command()
    .name('mesh-proxy')
    .description('The minimesh sidecar and gateway proxy, configured only by xDS.')
    .requiredOption('--xds <host:port>', 'ADS server address, e.g. 127.0.0.1:15010')
    .requiredOption(
      '--node-id <id>',
      'Istio node id: sidecar~10.0.0.1~reviews-v1-abc.default~default.svc.cluster.local',
    )
    .option('--admin-port <n>', 'admin API port', port, 15000)
    .option('--bind <address>', 'address to bind listeners, admin and the forward proxy to', '127.0.0.1')
    .option(
      '--port <lds=local>',
      'dev-mode port table entry, repeatable (local 0 = a free port)',
      portEntry,
      {},
    )
    .option(
      '--inbound-port <dst=local>',
      'dev-mode inbound capture, repeatable: LOCAL is served by virtualInbound as destination port DST',
      portEntry,
      {},
    )
    .option('--forward-proxy-port <n>', 'serve the explicit forward proxy (HTTP_PROXY) on this port', port)
    .option('--log-level <level>', 'log level (pino)', 'info')
    .option(
      '--drain-time-s <seconds>',
      'how long listeners drain on SIGTERM and after an LDS removal (Istio terminationDrainDuration)',
      seconds,
      5,
    )
    .option(
      '--access-log',
      "print every request on stdout in Envoy's default format (besides the HCMs' access_log)",
      false,
    )
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) throw new InvalidOptionError(err.message.replace(/^error: /, ''));
    throw err;
  }
  const o = program.opts<Flags>();
  return {
    xds: o.xds,
    nodeId: o.nodeId,
    adminPort: o.adminPort,
    bindAddress: o.bind,
    portMap: o.port,
    ...(Object.keys(o.inboundPort).length === 0 ? {} : { inboundPorts: o.inboundPort }),
    logLevel: o.logLevel,
    accessLogToStdout: o.accessLog,
    drainTimeMs: o.drainTimeS * 1000,
    ...(o.forwardProxyPort === undefined ? {} : { forwardProxyPort: o.forwardProxyPort }),
  };
}

/** Parses the flags and starts the proxy. */
export async function runCli(argv: readonly string[]): Promise<RunningProxy> {
  return startProxy(parseCli(argv));
}
