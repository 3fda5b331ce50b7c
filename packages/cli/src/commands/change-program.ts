// Command-line parsing of `mesh apply` and `mesh delete`: commander definitions only; each action calls the
// exported command function and prints its outcome.
import type { Command } from 'commander';
import type { Io } from '../program.js';
import { applyCommand, type ChangeCommandOptions, DEFAULT_CONTROL_PLANE } from './apply.js';
import { deleteCommand } from './delete.js';
import type { CommandOutcome } from './inject.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface ChangeFlags {
  filename: string[];
  recursive: boolean;
  controlPlane: string;
  output?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function optionsOf(opts: ChangeFlags): Promise<ChangeCommandOptions> {
  return {
    files: opts.filename,
    recursive: opts.recursive,
    controlPlane: opts.controlPlane,
    ...(opts.output === undefined ? {} : { output: opts.output }),
    ...(opts.filename.includes('-') ? { stdin: await readStdin() } : {}),
  };
}

function print(io: Io, outcome: CommandOutcome): number {
  if (outcome.stdout !== '') io.out(outcome.stdout.replace(/\n$/, ''));
  for (const line of outcome.stderr) io.err(line);
  return outcome.exitCode;
}

export function registerChangeCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  const define = (name: 'apply' | 'delete', description: string, example: string) =>
    program
      .command(name)
      .description(description)
      .requiredOption(
        '-f, --filename <path>',
        "manifest file or directory (repeatable); '-' reads stdin",
        collect,
      )
      .option('-R, --recursive', 'walk directories given with -f recursively', false)
      .option('--control-plane <host:port>', 'control API of the running `mesh dev`', DEFAULT_CONTROL_PLANE)
      .option('-o, --output <format>', 'json (the control plane answer) or name')
      .addHelpText('after', `\nExample:\n  ${example}`);
  define(
    'apply',
    'create or replace resources in the running dev mesh, as kubectl apply does',
    'mesh apply -f samples/bookinfo/networking/destination-rule-all.yaml',
  ).action(async (opts: ChangeFlags) => setExit(print(io, await applyCommand(await optionsOf(opts)))));
  define(
    'delete',
    'remove the resources the files name from the running dev mesh, as kubectl delete -f does',
    'mesh delete -f samples/bookinfo/networking/virtual-service-all-v1.yaml',
  ).action(async (opts: ChangeFlags) => setExit(print(io, await deleteCommand(await optionsOf(opts)))));
}
