// `mesh __node SCRIPT [ARGS...]`: runs a JavaScript file from disk as `node SCRIPT ARGS...` would, for the apps of
// `mesh dev` whose `minimesh.dev/run` starts with `node` (it means "the Node.js running mesh", and in the SEA that is
// the binary). Node's own entry-point loader runs it (`Module.runMain`), so CommonJS and ESM scripts both work, with
// top-level await, their own node_modules and `import.meta.url` of the file; process.argv is
// [execPath, SCRIPT, ...ARGS] as the script expects. Works from the npm package too (then it is plain Node.js).
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { resolve } from 'node:path';
import { watchParent } from './parent-watch.js';

/** Bad use of `mesh __node`. */
export class ScriptRoleError extends Error {
  readonly code = 'MESH_SCRIPT_MISSING';
  constructor(message: string) {
    super(message);
    this.name = 'ScriptRoleError';
  }
}

/** Module.runMain (public in Node.js, missing from its type declarations). */
type RunMain = (main?: string) => void;

/** Runs SCRIPT (argv[0], relative to the working directory) with the rest as its arguments. */
export function runScriptRole(argv: readonly string[]): void {
  const [script, ...args] = argv;
  if (script === undefined || script === '')
    throw new ScriptRoleError('mesh __node: expected SCRIPT [ARGS...] (a JavaScript file to run)');
  const file = resolve(script);
  if (!existsSync(file))
    throw new ScriptRoleError(`mesh __node: ${file} does not exist (SCRIPT, relative to ${process.cwd()})`);
  watchParent();
  process.argv = [process.execPath, file, ...args];
  const runMain = (Module as unknown as { runMain: RunMain }).runMain;
  runMain(file);
}
