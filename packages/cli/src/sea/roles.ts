// The binary's roles: `mesh __proxy ...` and `mesh __node SCRIPT ...` run the proxy or a script instead of the CLI
// (sea-mode.ts). `mesh dev` in the SEA spawns the binary itself in these roles; they work from the npm package too.
import { Role } from './sea-mode.js';

/**
 * Runs the role argv[0] names and resolves to true (the process then lives on as that role), or resolves to false
 * when argv[0] is no role (the CLI runs). Errors of a role are written to stderr with exit status 2.
 */
export async function runRole(argv: readonly string[]): Promise<boolean> {
  const [first, ...rest] = argv;
  if (first === Role.Proxy) {
    const { runProxyRole } = await import('./proxy-role.js');
    await runProxyRole(rest);
    return true;
  }
  if (first === Role.Node) {
    const { runScriptRole, ScriptRoleError } = await import('./script-role.js');
    try {
      runScriptRole(rest);
    } catch (err) {
      if (!(err instanceof ScriptRoleError)) throw err;
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    }
    return true;
  }
  return false;
}
