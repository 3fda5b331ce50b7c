// nginx (Debian's nginx-light) as the reference reverse proxy: one process (master_process off, so its CPU and RSS
// are one pid's), upstream keep-alive on (HTTP/1.1, 64 idle connections kept), no access log, in its own temp dir.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess, waitHttp } from './proc.mjs';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/** Starts nginx on 127.0.0.1:`port` proxying to 127.0.0.1:`upstreamPort`; resolves once it answers 200. */
export async function startNginx(port, upstreamPort) {
  const dir = mkdtempSync(join(tmpdir(), 'minimesh-bench-nginx-'));
  const conf = `master_process off;
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  upstream up { server 127.0.0.1:${upstreamPort}; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const p = startProcess(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')]);
  try {
    await waitHttp(`http://127.0.0.1:${port}/`, 10_000, 'nginx');
  } catch (e) {
    await p.kill();
    throw new Error(`${e.message}: ${p.output()}`);
  }
  return { ...p, port };
}
