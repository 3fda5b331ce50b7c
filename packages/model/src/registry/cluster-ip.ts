// Cluster IPs for Services written without one, as the kube-apiserver would allocate them: a manifest applied to a
// cluster gets an address from the service range, so a mesh built from manifests alone must too, or every TCP
// service would share `0.0.0.0_<port>` and virtual hosts would lack the IP domain (istiod sees allocated IPs).
//
// Invariants: the address depends only on namespace, name and the attempt number (no order, no clock), so a
// Service keeps its address when others are added or removed, unless it collides with an address taken first
// (explicit cluster IPs first, then allocated ones in namespace/name order; the later one re-hashes).

/** kubeadm's default service range, 10.96.0.0/12 (2^20 addresses). */
export const SERVICE_CIDR = '10.96.0.0/12';
const BASE = (10 << 24) | (96 << 16); // 10.96.0.0 as an unsigned 32-bit number
const SIZE = 1 << 20;
/** The first 10 addresses are kept free (10.96.0.1 is the `kubernetes` Service; .10 is kube-dns by convention). */
const RESERVED_LOW = 11;

/** FNV-1a, 32-bit, over UTF-16 code units: cheap, stable across Node versions and platforms. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The address attempt `attempt` (0 first) gives Service `namespace/name`: in 10.96.0.11 - 10.111.255.254. */
export function allocatedClusterIP(namespace: string, name: string, attempt = 0): string {
  const key = attempt === 0 ? `${namespace}/${name}` : `${namespace}/${name}#${attempt}`;
  const offset = RESERVED_LOW + (fnv1a(key) % (SIZE - RESERVED_LOW - 1));
  const n = (BASE + offset) >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
