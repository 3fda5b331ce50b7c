// Command-line parsing of the offline commands (`mesh translate`, `mesh analyze`, `mesh explain`): commander
// definitions only; each action calls the exported command function and prints its outcome.
import type { Command } from 'commander';
import { colorEnabled } from '../output/format.js';
import type { Io } from '../program.js';
import { analyzeCommand } from './analyze.js';
import { DEFAULT_CONTROL_PLANE } from './apply.js';
import { explainCommand } from './explain.js';
import type { CommandOutcome } from './inject.js';
import { translateCommand } from './translate.js';

/** commander collector for repeatable options (`-f a -f b`). */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function print(io: Io, outcome: CommandOutcome): number {
  if (outcome.stdout !== '') io.out(outcome.stdout.replace(/\n$/, ''));
  for (const line of outcome.stderr) io.err(line);
  return outcome.exitCode;
}

export function registerOfflineCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('translate')
    .description(
      "print the /config_dump a workload's sidecar or a gateway would get from these files, offline",
    )
    .requiredOption(
      '-f, --filename <path>',
      'manifest file or directory (repeatable; applied in order)',
      collect,
    )
    .option(
      '--proxy <workload>',
      'sidecar of WORKLOAD[.NS]: a pod name, a Deployment name or an app label value',
    )
    .option(
      '--gateway <name>',
      'gateway NAME[.NS]: its pod or Deployment, its istio label value, or a Gateway name',
    )
    .option('-o, --output <format>', 'json (Envoy admin form) or yaml', 'json')
    .addHelpText(
      'after',
      '\nExample:\n  mesh translate -f examples/bookinfo/manifests -f networking/destination-rule-all.yaml --proxy productpage-v1',
    )
    .action(async (opts: { filename: string[]; proxy?: string; gateway?: string; output: string }) => {
      const outcome = await translateCommand({
        files: opts.filename,
        output: opts.output,
        ...(opts.proxy === undefined ? {} : { proxy: opts.proxy }),
        ...(opts.gateway === undefined ? {} : { gateway: opts.gateway }),
      });
      setExit(print(io, outcome));
    });

  program
    .command('analyze')
    .description('analyze Istio configuration in files as istioctl analyze does; exit status 1 on an Error')
    .argument('[files...]', 'manifest files or directories (same as -f)')
    .option('-f, --filename <path>', 'manifest file or directory (repeatable)', collect)
    .option('-o, --output <format>', 'log (istioctl lines), json or yaml', 'log')
    .option('-S, --suppress <code>', 'leave out a message code or analyzer name (repeatable)', collect)
    .addHelpText(
      'after',
      '\nExample:\n  mesh analyze -f examples/bookinfo/manifests -f my-virtual-service.yaml',
    )
    .action(async (files: string[], opts: { filename?: string[]; output: string; suppress?: string[] }) => {
      const outcome = await analyzeCommand({
        files: [...(opts.filename ?? []), ...files],
        output: opts.output,
        color: colorEnabled(process.stdout),
        ...(opts.suppress === undefined ? {} : { suppress: opts.suppress }),
      });
      setExit(print(io, outcome));
    });

  program
    .command('explain')
    .description('explain the listener, route, cluster and endpoint a request takes through a proxy, and why')
    .argument('<args...>', "PROXY URL (a request from PROXY's sidecar), or URL with --gateway NAME")
    .usage('[options] PROXY URL | mesh explain [options] --gateway NAME URL')
    .option(
      '-f, --filename <path>',
      'manifest file or directory (repeatable; applied in order); none: the running mesh dev config',
      collect,
    )
    .option(
      '--control-plane <host:port>',
      'control API of the running `mesh dev`, read when no -f is given',
      DEFAULT_CONTROL_PLANE,
    )
    .option('--gateway <name>', 'explain a request to this gateway instead of from a sidecar')
    .option('-H, --header <name:value>', 'request header (repeatable)', collect)
    .option('-X, --request <method>', 'HTTP method', 'GET')
    .option('--random <n>', 'the random draw deciding weighted routes, faults and mirrors (default 0)')
    .option('--json', 'print the explanation as JSON')
    .addHelpText(
      'after',
      "\nExamples:\n  mesh explain -f examples/bookinfo/manifests -f vs.yaml productpage-v1 http://reviews:9080/reviews/0 -H 'end-user: jason'\n  mesh explain productpage http://reviews:9080/reviews/0   (the running mesh dev's live config)\n  mesh explain -f examples/bookinfo/manifests --gateway istio-ingressgateway http://localhost:8080/productpage",
    )
    .action(
      async (
        args: string[],
        opts: {
          filename?: string[];
          controlPlane: string;
          gateway?: string;
          header?: string[];
          request: string;
          random?: string;
          json?: boolean;
        },
      ) => {
        const expected = opts.gateway === undefined ? 2 : 1;
        if (args.length !== expected) {
          io.err(
            `mesh explain: expected ${opts.gateway === undefined ? 'PROXY URL' : 'URL (the gateway is --gateway)'}, got ${args.length} argument(s)`,
          );
          setExit(1);
          return;
        }
        const random = opts.random === undefined ? 0 : Number(opts.random);
        if (!Number.isInteger(random) || random < 0) {
          io.err(`mesh explain: --random ${opts.random}: expected a non-negative integer`);
          setExit(1);
          return;
        }
        const outcome = await explainCommand({
          files: opts.filename ?? [],
          controlPlane: opts.controlPlane,
          proxy: opts.gateway ?? args[0]!,
          gateway: opts.gateway !== undefined,
          url: args[expected - 1]!,
          headers: opts.header ?? [],
          method: opts.request,
          random,
          json: opts.json === true,
        });
        setExit(print(io, outcome));
      },
    );
}
