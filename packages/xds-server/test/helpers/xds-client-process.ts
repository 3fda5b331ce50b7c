// Drives the @grpc/grpc-js-xds client child process (xds-client-child.mjs) from a test.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface CallResult {
  counts: Record<string, number>;
  errors: number;
  firstError?: string;
  /** Time the child spent on the command (ms). */
  elapsedMs: number;
}

export class XdsClientProcess {
  readonly version: string;
  readonly #child: ChildProcess;
  readonly #lines: Interface;
  readonly #dir: string;
  readonly #pending = new Map<number, (r: CallResult) => void>();
  #nextId = 0;
  stderr = '';

  private constructor(child: ChildProcess, lines: Interface, dir: string, version: string) {
    this.#child = child;
    this.#lines = lines;
    this.#dir = dir;
    this.version = version;
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as CallResult & { id: number };
      this.#pending.get(msg.id)?.(msg);
      this.#pending.delete(msg.id);
    });
  }

  /** Starts the child with a bootstrap pointing at `serverUri` and waits until it is ready. */
  static async start(serverUri: string, target: string, nodeId: string): Promise<XdsClientProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'xds-bootstrap-'));
    const bootstrap = join(dir, 'bootstrap.json');
    writeFileSync(
      bootstrap,
      JSON.stringify({
        xds_servers: [
          { server_uri: serverUri, channel_creds: [{ type: 'insecure' }], server_features: ['xds_v3'] },
        ],
        node: { id: nodeId, cluster: 'conformance', locality: { region: 'r', zone: 'z0' } },
      }),
    );
    const script = fileURLToPath(new URL('./xds-client-child.mjs', import.meta.url));
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, GRPC_XDS_BOOTSTRAP: bootstrap, XDS_TARGET: target },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const version = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`xds client did not start: ${stderr}`)), 10_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { version: string }).version);
      });
      child.once('exit', (code) => reject(new Error(`xds client exited with ${code}: ${stderr}`)));
    });
    const p = new XdsClientProcess(child, lines, dir, version);
    child.stderr?.on('data', (d: Buffer) => {
      p.stderr += d.toString();
    });
    return p;
  }

  /**
   * Makes `calls` sequential Echo calls with the given metadata; fails after `timeoutMs`. Without
   * `waitForReady`, a call fails at once when the channel has nowhere to send it. With `until`, stops at the
   * first reply from that server.
   */
  calls(
    calls: number,
    metadata: Record<string, string> = {},
    options: { timeoutMs?: number; waitForReady?: boolean; until?: string } = {},
  ): Promise<CallResult> {
    const timeoutMs = options.timeoutMs ?? 20_000;
    const id = this.#nextId++;
    return new Promise<CallResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`no result within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.#pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.#child.stdin?.write(
        `${JSON.stringify({ id, calls, metadata, waitForReady: options.waitForReady, until: options.until })}\n`,
      );
    });
  }

  close(): void {
    this.#lines.close();
    this.#child.kill();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
