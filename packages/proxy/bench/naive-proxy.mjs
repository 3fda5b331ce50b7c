// The floor: the simplest useful reverse proxy on node:http and an undici Pool (keep-alive), no routing, no
// filters, no stats. Everything minimesh does on the request path costs what it adds above this.
//   node bench/naive-proxy.mjs LISTEN_PORT UPSTREAM_PORT     (prints its port when listening)
import { createServer } from 'node:http';
import { Pool } from 'undici';

const upstream = new Pool(`http://127.0.0.1:${process.argv[3]}`, { connections: 128, pipelining: 1 });
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te']);

const server = createServer(async (req, res) => {
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
  try {
    const r = await upstream.request({
      method: req.method,
      path: req.url,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
    });
    const out = {};
    for (const [k, v] of Object.entries(r.headers)) if (!HOP.has(k)) out[k] = v;
    res.writeHead(r.statusCode, out);
    for await (const chunk of r.body) res.write(chunk);
    res.end();
  } catch {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => process.exit(0));
