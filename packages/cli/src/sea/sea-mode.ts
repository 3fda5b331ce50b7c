// Whether this process is the single executable (a Node.js SEA, see scripts/build-sea.mjs) and how it names the
// files built into it. In the SEA there is no file next to the code: every module's `import.meta.url` is a URL under
// SEA_ROOT (the module's path in the repository, e.g. file:///__minimesh_sea__/packages/cli/dist/program.js), and
// the files the code reads at run time (package.json, the Envoy descriptor) are SEA assets under the same relative
// path (embedded-files.ts serves them).
import { isSea } from 'node:sea';

/** The directory that does not exist on disk under which the SEA's modules and assets are named. */
export const SEA_ROOT = '/__minimesh_sea__/';

/** Internal first arguments of the binary: run the proxy, or a JS file from disk, instead of the `mesh` CLI. */
export const Role = {
  /** `mesh __proxy <mesh-proxy flags>`: the sidecar / gateway proxy (packages/proxy's `mesh-proxy`). */
  Proxy: '__proxy',
  /** `mesh __node SCRIPT [ARGS...]`: runs SCRIPT (CommonJS or ESM) as `node SCRIPT ARGS...` would. */
  Node: '__node',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** True when running as the single executable (not as `node dist/bin/mesh.js`). */
export function runningAsSea(): boolean {
  return isSea();
}

/**
 * The arguments of a Node.js process of `mesh dev` (`node ARGS...` in a `minimesh.dev/run`, where `node` means the
 * Node.js running mesh, process.execPath). From the npm package, ARGS unchanged; in the SEA process.execPath is the
 * binary itself, which runs a script from disk only through its `__node` role.
 */
export function nodeArgs(args: readonly string[], sea: boolean = runningAsSea()): string[] {
  return sea ? [Role.Node, ...args] : [...args];
}

/** The first arguments of a proxy of `mesh dev` (its flags follow): `mesh-proxy.js`, or `__proxy` in the SEA. */
export function proxyArgs0(proxyScript: string, sea: boolean = runningAsSea()): string[] {
  return sea ? [Role.Proxy] : [proxyScript];
}
