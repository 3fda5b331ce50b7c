// The settings every bookinfo app reads from its environment: where it listens and which instance it is.
// In a cluster the manifests set HOST=0.0.0.0 and POD_NAME from the downward API; locally `mesh dev` sets
// PORT, HOST and POD_NAME per workload (see the README's annotation convention).
import process from 'node:process';

export interface ListenConfig {
  /** Interface to bind; 127.0.0.1 unless HOST says otherwise. */
  readonly host: string;
  /** TCP port; 0 asks the OS for a free one (the bound port is logged). */
  readonly port: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The listen address from HOST and PORT, with the app's default port. A bad PORT is a startup error. */
export function listenConfig(env: Env, defaultPort: number): ListenConfig {
  const raw = env.PORT?.trim();
  let port = defaultPort;
  if (raw !== undefined && raw !== '') {
    port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(raw)}`);
    }
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  return { host, port };
}

/**
 * The serving instance's name, shown as `podname` in JSON answers and as "Reviews served by: ...": POD_NAME,
 * else HOSTNAME (what the kubelet sets to the pod name), else `<app>-<version>-<pid>` so that a process
 * started by hand still reads like a pod of its Deployment.
 */
export function instanceName(env: Env, app: string, version: string): string {
  const fromEnv = env.POD_NAME?.trim() || env.HOSTNAME?.trim();
  return fromEnv || `${app}-${version}-${process.pid}`;
}

/** A boolean env flag as Java's Boolean.valueOf reads it: only "true" (any case) is true. */
export function envFlag(env: Env, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.trim().toLowerCase() === 'true';
}

/** A non-negative duration in milliseconds from env, or the default. */
export function envMillis(env: Env, name: string, defaultMs: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return defaultMs;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`${name} must be a number of milliseconds, got ${JSON.stringify(raw)}`);
  }
  return ms;
}

/** `http://NAME[.SERVICES_DOMAIN]:PORT` for a peer service, overridable as Istio's apps allow. */
export function serviceUrl(env: Env, service: string, defaultPort = 9080): string {
  const upper = service.toUpperCase();
  const host = env[`${upper}_HOSTNAME`]?.trim() || service;
  const domain = env.SERVICES_DOMAIN?.trim() ? `.${env.SERVICES_DOMAIN.trim()}` : '';
  const port = env[`${upper}_SERVICE_PORT`]?.trim() || String(defaultPort);
  return `http://${host}${domain}:${port}`;
}
