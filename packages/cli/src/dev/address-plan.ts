// The dev mesh's address plan: the one owner of local ports. Translation stays Istio-faithful (workloads keep their
// synthetic pod IPs 10.200.x.y, as istiod would see pods); the plan says where each instance really listens on
// 127.0.0.1 (macOS has only 127.0.0.1 on lo0, so every socket binds it and instances differ by port only):
// - appPort per container port: where the app listens (its PORT env), what the sidecar's inbound cluster reaches;
// - inboundPort per container port: the sidecar's stand-in for iptables' inbound capture (`--inbound-port DST=LOCAL`),
//   what other proxies' EDS endpoints `podIP:port` become;
// - forwardProxyPort: the sidecar's explicit forward proxy (the app's HTTP_PROXY);
// - adminPort: the proxy's admin API;
// - listenerPorts: the proxy's LDS port table (`--port LDS=LOCAL`): a sidecar's virtualOutbound (15001) and
//   virtualInbound (15006) get a free port each (0) so that proxies never collide; a gateway's listener ports map
//   to the configured local ports (8080 -> 127.0.0.1:8080 by default).
// The plan is immutable; `extend` gives the plan for a new set of instances, keeping the ports of those it had.
import { createServer, type Server } from 'node:net';

/** One local workload instance as the plan needs it (see control-plane-workloads.ts for where it comes from). */
export interface PlanInstance {
  readonly podName: string;
  readonly namespace: string;
  /** The synthetic pod IP the registry and the proxy's node id carry. */
  readonly podIP: string;
  readonly kind: 'sidecar' | 'gateway';
  /** Container ports in declaration order; the first is the app's PORT. */
  readonly containerPorts: readonly number[];
}

/** Where one instance listens locally. Port maps are keyed by container (or LDS) port; values are local ports. */
export interface InstanceAddresses extends PlanInstance {
  /** Container port -> the port the app listens on (empty for gateways). */
  readonly appPorts: Readonly<Record<number, number>>;
  /** Container port -> the sidecar's inbound capture port (gateways: their listener ports). */
  readonly inboundPorts: Readonly<Record<number, number>>;
  /** The sidecar's forward proxy (HTTP_PROXY); undefined for gateways. */
  readonly forwardProxyPort: number | undefined;
  readonly adminPort: number;
  /** LDS port -> local port (0: any free port), the proxy's dev-mode port table. */
  readonly listenerPorts: Readonly<Record<number, number>>;
}

/** Gives a local port no other part of the plan has (see freePorts). */
export type PortAllocator = () => number;

export interface AddressPlanOptions {
  /** Gateway LDS port -> local port; default 8080 -> 8080. */
  readonly gatewayPorts?: Readonly<Record<number, number>>;
}

export const DEFAULT_GATEWAY_PORTS: Readonly<Record<number, number>> = Object.freeze({ 8080: 8080 });

/** Sidecar listeners that bind in a pod (virtualOutbound, virtualInbound): a free port each, locally. */
export const SIDECAR_BOUND_LISTENERS: readonly number[] = Object.freeze([15001, 15006]);

export class AddressPlanError extends Error {
  readonly code = 'MESH_ADDRESS_PLAN';
  constructor(message: string) {
    super(message);
    this.name = 'AddressPlanError';
  }
}

const key = (namespace: string, podName: string) => `${namespace}/${podName}`;

export class AddressPlan {
  readonly instances: readonly InstanceAddresses[];
  readonly gatewayPorts: Readonly<Record<number, number>>;
  readonly #byPod: ReadonlyMap<string, InstanceAddresses>;
  readonly #byIp: ReadonlyMap<string, InstanceAddresses>;

  constructor(instances: readonly InstanceAddresses[], gatewayPorts: Readonly<Record<number, number>>) {
    this.instances = Object.freeze([...instances]);
    this.gatewayPorts = gatewayPorts;
    this.#byPod = new Map(instances.map((i) => [key(i.namespace, i.podName), i]));
    const byIp = new Map<string, InstanceAddresses>();
    for (const i of instances) {
      if (byIp.has(i.podIP))
        throw new AddressPlanError(
          `pod IP ${i.podIP} is given to two instances; expected one IP per instance`,
        );
      byIp.set(i.podIP, i);
    }
    this.#byIp = byIp;
  }

  /** The instance of a pod (namespace `default` when not given). */
  pod(podName: string, namespace = 'default'): InstanceAddresses | undefined {
    return this.#byPod.get(key(namespace, podName));
  }

  /** The instance with this synthetic pod IP. */
  byIp(podIP: string): InstanceAddresses | undefined {
    return this.#byIp.get(podIP);
  }

  /** Where a connection to `podIP:port` goes locally: the instance's inbound capture port for that port. */
  inboundPort(podIP: string, port: number): number | undefined {
    return this.#byIp.get(podIP)?.inboundPorts[port];
  }

  /** The local port the app of `podName` listens on for container port `port`. */
  appPort(podName: string, namespace: string, port: number): number | undefined {
    return this.#byPod.get(key(namespace, podName))?.appPorts[port];
  }

  /**
   * The plan for `instances`: instances this plan has (same namespace, name, IP and ports) keep their addresses,
   * new ones get ports from `allocate`, and instances not listed are dropped.
   */
  extend(instances: readonly PlanInstance[], allocate: PortAllocator): AddressPlan {
    const out = instances.map((i) => {
      const had = this.pod(i.podName, i.namespace);
      if (had !== undefined && sameShape(had, i)) return had;
      return addressesOf(i, allocate, this.gatewayPorts);
    });
    return new AddressPlan(out, this.gatewayPorts);
  }

  /**
   * Every local port the plan gave out (gateway ports; each instance's admin, listener, inbound, forward-proxy and
   * app ports), bound or not yet: what nothing else may take.
   */
  usedPorts(): Set<number> {
    const ports = new Set<number>(Object.values(this.gatewayPorts));
    for (const i of this.instances) {
      ports.add(i.adminPort);
      if (i.forwardProxyPort !== undefined) ports.add(i.forwardProxyPort);
      for (const table of [i.appPorts, i.inboundPorts, i.listenerPorts])
        for (const p of Object.values(table)) ports.add(p);
    }
    return ports;
  }

  /** How many ports `extend(instances)` will ask the allocator for. */
  portsNeeded(instances: readonly PlanInstance[]): number {
    return instances
      .filter((i) => {
        const had = this.pod(i.podName, i.namespace);
        return had === undefined || !sameShape(had, i);
      })
      .reduce((n, i) => n + portsOf(i, this.gatewayPorts), 0);
  }
}

function sameShape(a: PlanInstance, b: PlanInstance): boolean {
  return (
    a.podIP === b.podIP &&
    a.kind === b.kind &&
    a.containerPorts.length === b.containerPorts.length &&
    a.containerPorts.every((p, i) => p === b.containerPorts[i])
  );
}

/**
 * A gateway's container ports the configured gateway ports do not name (a Gateway API gateway's listener ports,
 * e.g. 80): each gets a free local port, as binding it as given would need privileges or collide between gateways.
 */
function extraGatewayPorts(i: PlanInstance, gatewayPorts: Readonly<Record<number, number>>): number[] {
  return [...new Set(i.containerPorts)].filter((p) => gatewayPorts[p] === undefined);
}

/** Ports one instance takes from the allocator: admin, and for a sidecar the forward proxy and two per port. */
function portsOf(i: PlanInstance, gatewayPorts: Readonly<Record<number, number>>): number {
  const free = Object.values(gatewayPorts).filter((p) => p === 0).length;
  return i.kind === 'gateway'
    ? 1 + free + extraGatewayPorts(i, gatewayPorts).length
    : 2 + 2 * new Set(i.containerPorts).size;
}

function addressesOf(
  i: PlanInstance,
  allocate: PortAllocator,
  gatewayPorts: Readonly<Record<number, number>>,
): InstanceAddresses {
  const base = { podName: i.podName, namespace: i.namespace, podIP: i.podIP, kind: i.kind };
  const containerPorts = Object.freeze([...i.containerPorts]);
  if (i.kind === 'gateway') {
    // A gateway listener port configured as 0 gets a free port here, so its Service's endpoints can name it.
    const listenerPorts: Record<number, number> = {};
    for (const [lds, local] of Object.entries(gatewayPorts))
      listenerPorts[Number(lds)] = local === 0 ? allocate() : local;
    for (const p of extraGatewayPorts(i, gatewayPorts)) listenerPorts[p] = allocate();
    return Object.freeze({
      ...base,
      containerPorts,
      appPorts: Object.freeze({}),
      inboundPorts: Object.freeze({ ...listenerPorts }),
      forwardProxyPort: undefined,
      adminPort: allocate(),
      listenerPorts: Object.freeze(listenerPorts),
    });
  }
  const appPorts: Record<number, number> = {};
  const inboundPorts: Record<number, number> = {};
  for (const p of new Set(containerPorts)) {
    appPorts[p] = allocate();
    inboundPorts[p] = allocate();
  }
  const listenerPorts: Record<number, number> = {};
  for (const p of SIDECAR_BOUND_LISTENERS) listenerPorts[p] = 0;
  return Object.freeze({
    ...base,
    containerPorts,
    appPorts: Object.freeze(appPorts),
    inboundPorts: Object.freeze(inboundPorts),
    forwardProxyPort: allocate(),
    adminPort: allocate(),
    listenerPorts: Object.freeze(listenerPorts),
  });
}

/** The plan of `instances` with ports from `allocate` (tests pass a counter; `mesh dev` passes freePorts'). */
export function planAddresses(
  instances: readonly PlanInstance[],
  allocate: PortAllocator,
  options: AddressPlanOptions = {},
): AddressPlan {
  const gatewayPorts = Object.freeze({ ...(options.gatewayPorts ?? DEFAULT_GATEWAY_PORTS) });
  return new AddressPlan([], gatewayPorts).extend(instances, allocate);
}

/** How many ports planAddresses(instances) asks for. */
export function portsNeeded(instances: readonly PlanInstance[], options: AddressPlanOptions = {}): number {
  const gatewayPorts = options.gatewayPorts ?? DEFAULT_GATEWAY_PORTS;
  return instances.reduce((n, i) => n + portsOf(i, gatewayPorts), 0);
}

/**
 * `count` distinct free ports on `host`, found by binding them all at once (port 0) and closing them. A port is
 * free when returned; another process may take it before it is used (the proxy or app then reports the bind).
 */
export async function freePorts(
  count: number,
  host = '127.0.0.1',
  avoid: ReadonlySet<number> = new Set(),
): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const s = createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, host, () => resolve());
      });
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      if (!avoid.has(port)) ports.push(port);
    }
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
  return ports;
}

/** An allocator handing out `ports` in order; throws AddressPlanError when they run out. */
export function allocatorOf(ports: readonly number[]): PortAllocator {
  let next = 0;
  return () => {
    const p = ports[next++];
    if (p === undefined) throw new AddressPlanError(`the address plan needs more than ${ports.length} ports`);
    return p;
  };
}

/** The plan of `instances` with free local ports (the gateway's listener ports are as configured). */
export async function createAddressPlan(
  instances: readonly PlanInstance[],
  options: AddressPlanOptions & { host?: string } = {},
): Promise<AddressPlan> {
  const reserved = new Set(Object.values(options.gatewayPorts ?? DEFAULT_GATEWAY_PORTS));
  const ports = await freePorts(portsNeeded(instances, options), options.host, reserved);
  return planAddresses(instances, allocatorOf(ports), options);
}
