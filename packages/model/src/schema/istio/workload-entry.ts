// WorkloadEntry (networking.istio.io): a workload outside Kubernetes (a VM, a bare-metal host) with its
// address, ports and labels. The same message is a ServiceEntry endpoint and a WorkloadGroup template; each
// place checks it with its own address rules (checkWorkloadEntry).
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { fqdnProblem, isDns1123Label, isIpAddress, UNIX_PREFIX, unixAddressProblem } from './names.js';
import { labelMap, NETWORKING_GROUP, NETWORKING_VERSIONS, uint32, whenParsed } from './networking-common.js';

const maxChars = (n: number) => z.string().max(n, { message: `expected at most ${n} characters` });

/** The fields of a WorkloadEntry. */
export const workloadEntryShape = z.strictObject({
  /** IP, DNS name (DNS resolution), or `unix:///path` / `unix://@abstract`; optional with a network gateway. */
  address: maxChars(256).optional(),
  /** Port name (of the service) -> port number on this workload. */
  ports: z.record(z.string(), uint32).optional(),
  labels: labelMap.optional(),
  /** Network the workload is in; with no address it is reached through that network's gateway. */
  network: maxChars(2048).optional(),
  /** `region/zone/subzone`. */
  locality: maxChars(2048).optional(),
  /** Load-balancing weight relative to other endpoints. */
  weight: uint32.optional(),
  serviceAccount: maxChars(253).optional(),
});
export type WorkloadEntrySpec = z.infer<typeof workloadEntryShape>;

export interface WorkloadEntryRules {
  /** An address (or a network) is required. */
  addressRequired: boolean;
  /** What a non-unix address may be: an IP, an IP or DNS name, or anything (templates fill it in). */
  address: 'ip' | 'ip-or-dns' | 'any';
  /** The port names of the ServiceEntry, when the entry is one of its endpoints. */
  servicePorts?: ReadonlySet<string>;
}

/** Istio's validateWorkloadEntry and the CRD's rules for a WorkloadEntry-shaped value at `path`. */
export function checkWorkloadEntry(
  ctx: z.RefinementCtx,
  we: WorkloadEntrySpec,
  rules: WorkloadEntryRules,
  path: (string | number)[] = [],
): void {
  const issue = (at: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path: [...path, ...at], message });
  const address = we.address ?? '';
  const unix = address.startsWith(UNIX_PREFIX);
  if (address === '' && !we.network && rules.addressRequired)
    issue(
      ['address'],
      'expected an address (or a network, for a workload reached through its network gateway)',
    );
  if (unix) {
    const problem = unixAddressProblem(address.slice(UNIX_PREFIX.length));
    if (problem !== undefined) issue(['address'], `expected a unix socket address: ${problem}`);
    if (we.ports !== undefined) issue(['ports'], 'expected no ports on a unix socket endpoint');
    if (rules.servicePorts !== undefined && rules.servicePorts.size !== 1)
      issue(['address'], 'expected the ServiceEntry to have exactly one port for a unix socket endpoint');
  } else if (address !== '' && !isIpAddress(address)) {
    if (rules.address === 'ip')
      issue(['address'], `expected an IP address (resolution STATIC), got ${JSON.stringify(address)}`);
    else if (rules.address === 'ip-or-dns' && fqdnProblem(address) !== undefined)
      issue(['address'], `expected an IP address or DNS name, got ${JSON.stringify(address)}`);
  }
  for (const [name, port] of Object.entries(we.ports ?? {})) {
    if (!isDns1123Label(name) || name.length >= 63)
      issue(['ports', name], `expected a port name that is a DNS-1123 label, got ${JSON.stringify(name)}`);
    if (port < 1 || port > 65535)
      issue(['ports', name], `expected a port number from 1 to 65535, got ${port}`);
    if (rules.servicePorts !== undefined && !rules.servicePorts.has(name))
      issue(['ports', name], `expected a port name the ServiceEntry defines, got "${name}"`);
  }
}

export const workloadEntrySpec = workloadEntryShape.superRefine(
  (we, ctx) => checkWorkloadEntry(ctx, we, { addressRequired: true, address: 'ip-or-dns' }),
  whenParsed('address', 'network', 'ports'),
);

export const workloadEntrySchema = resourceEnvelope(workloadEntrySpec);
export type WorkloadEntry = z.infer<typeof workloadEntrySchema>;

export const workloadEntryKind = defineKind({
  group: NETWORKING_GROUP,
  kind: 'WorkloadEntry',
  versions: NETWORKING_VERSIONS,
  namespaced: true,
  schema: workloadEntrySchema,
});
