// The benchmark upstream: a node:http server on 127.0.0.1 answering every request with 200 and a fixed 64-byte
// body, keep-alive on. Prints its port on stdout once listening.  node bench/upstream.mjs [port]
import { createServer } from 'node:http';

const BODY = Buffer.from(`${'x'.repeat(63)}\n`);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => process.exit(0));
