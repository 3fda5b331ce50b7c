// Builds dist/ (tsc -b, incremental) before the tests, so the process tests run the apps as `mesh dev` does.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const pkg = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [tsc, '-b'], { cwd: pkg, stdio: 'inherit' });
}
