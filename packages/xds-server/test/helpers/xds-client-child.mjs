// A proxyless gRPC client on @grpc/grpc-js-xds, run as a child process by the conformance tests. It reads its
// xDS bootstrap from GRPC_XDS_BOOTSTRAP, dials xds:///$XDS_TARGET and answers commands on stdin, one JSON per
// line: { "id", "calls", "metadata", "waitForReady", "until" } -> { "id", "counts": { server: n }, "errors",
// "firstError", "elapsedMs" }. With "until" (a server name), it calls until a reply comes from that server (at most
// "calls" calls) and reports how long that took.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import * as xds from '@grpc/grpc-js-xds';

const require = createRequire(import.meta.url);
const version = JSON.parse(readFileSync(require.resolve('@grpc/grpc-js-xds/package.json'), 'utf8')).version;

xds.register();
const json = (value) => Buffer.from(JSON.stringify(value));
const client = new Client(`xds:///${process.env.XDS_TARGET}`, credentials.createInsecure());

function call(metadata, waitForReady) {
  const md = new Metadata();
  for (const [k, v] of Object.entries(metadata ?? {})) md.set(k, v);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/minimesh.test.Echo/Echo',
      json,
      (b) => JSON.parse(b.toString()),
      { message: 'hi' },
      md,
      { deadline: Date.now() + 10_000, waitForReady },
      (error, reply) =>
        resolve(error ? { error: `${error.code} ${error.details}` } : { server: reply.server }),
    );
  });
}

async function run(command) {
  const counts = {};
  let errors = 0;
  let firstError;
  const start = performance.now();
  for (let i = 0; i < command.calls; i++) {
    const r = await call(command.metadata, command.waitForReady !== false);
    if (r.error !== undefined) {
      errors++;
      firstError ??= r.error;
    } else {
      counts[r.server] = (counts[r.server] ?? 0) + 1;
      if (command.until !== undefined && r.server === command.until) break;
    }
  }
  return { id: command.id, counts, errors, firstError, elapsedMs: performance.now() - start };
}

process.stdout.write(`${JSON.stringify({ ready: true, version })}\n`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const result = await run(JSON.parse(line));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
client.close();
process.exit(0);
