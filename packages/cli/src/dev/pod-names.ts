// Pod names and pod IPs for the local workload instances, derived deterministically: the same manifests always
// give the same names and addresses (reruns, tests and the dev mesh agree), with no randomness and no clock.
import { createHash } from 'node:crypto';

/**
 * The alphabet Kubernetes draws pod-name suffixes and pod-template-hash values from (apimachinery's
 * rand.SafeEncodeString): lowercase consonants and digits without vowels, 0, 1 and 3, so no words appear.
 */
export const KUBE_SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The network synthetic pod IPs come from: 10.200.0.0/16, never routed anywhere (only node ids carry them). */
export const POD_CIDR = '10.200.0.0/16';

/** `n` characters of KUBE_SAFE_ALPHABET derived from `seed` (SHA-256, base-27 digits). */
export function safeEncode(seed: string, n: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < n; i++) out += KUBE_SAFE_ALPHABET[(digest[i] ?? 0) % KUBE_SAFE_ALPHABET.length];
  return out;
}

/**
 * The pod-template-hash Kubernetes puts in a Deployment's ReplicaSet name (10 characters), here from the
 * Deployment's namespace and name so it does not change when the template does (a dev mesh keeps its names).
 */
export function podTemplateHash(namespace: string, deployment: string): string {
  return safeEncode(`${namespace}/${deployment}`, 10);
}

/** `<deployment>-<pod-template-hash>-<5 chars>`, as Kubernetes names a Deployment's pod; `index` is 0-based. */
export function deploymentPodName(namespace: string, deployment: string, index: number): string {
  return `${deployment}-${podTemplateHash(namespace, deployment)}-${safeEncode(`${namespace}/${deployment}/${index}`, 5)}`;
}

/** `<owner>-<5 chars>`: a ReplicaSet's or DaemonSet's pod (their controllers use generateName too). */
export function generatedPodName(namespace: string, owner: string, index: number): string {
  return `${owner}-${safeEncode(`${namespace}/${owner}/${index}`, 5)}`;
}

/** Hosts of POD_CIDR: offsets 1..65534 (10.200.0.1 .. 10.200.255.254). */
const POD_HOSTS = 65534;

function podIp(offset: number): string {
  return `10.200.${offset >> 8}.${offset & 255}`;
}

/**
 * Pod IPs for `keys` (`namespace/pod`), each at a hashed offset of POD_CIDR, the next free one on a collision.
 * Keys are taken in sorted order, so the result does not depend on the order they are given in, and adding or
 * removing a workload moves no other workload's address (except the rare one that had collided with it).
 * Throws RangeError beyond 65,534 keys.
 */
export function allocatePodIps(
  keys: readonly string[],
  taken: ReadonlySet<string> = new Set(),
): Map<string, string> {
  if (keys.length + taken.size > POD_HOSTS)
    throw new RangeError(`${keys.length} workloads do not fit in ${POD_CIDR} (at most ${POD_HOSTS})`);
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const key of [...new Set(keys)].sort()) {
    const digest = createHash('sha256').update(key).digest();
    let offset = (digest.readUInt32BE(0) % POD_HOSTS) + 1;
    while (used.has(podIp(offset))) offset = (offset % POD_HOSTS) + 1;
    const ip = podIp(offset);
    used.add(ip);
    out.set(key, ip);
  }
  return out;
}
