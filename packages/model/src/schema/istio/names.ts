// Name and address rules of Istio's validation (istio/istio pkg/config/labels, pkg/config/validation/agent):
// DNS-1123 labels, wildcard domains, FQDNs, label keys and values, IP addresses, CIDR blocks, unix socket
// paths, protocol names. Each `...Problem` function returns undefined when the value is valid, else a clause
// saying what is wrong, to end an "expected ..." sentence. Fixed patterns only: no user regex runs here.

/**
 * A DNS-1123 label as Istio checks it: 1-63 letters, digits and '-', starting and ending with a letter or digit.
 * Istio's pattern accepts upper case (Kubernetes' does not); we follow Istio.
 */
const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** A DNS label, `*`, or a label with a leading `*` or `*-` (`*foo`, `*-foo`). */
const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
/** Kubernetes' qualified name (label names and values): alphanumerics, '-', '_', '.', alphanumeric at both ends. */
const QUALIFIED_NAME = /^(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

function isWildcardLabel(value: string): boolean {
  return value.length <= 63 && WILDCARD_LABEL.test(value);
}

/** Go's strconv.Atoi succeeds: an optional sign and decimal digits. */
function allNumeric(value: string): boolean {
  return /^[+-]?[0-9]+$/.test(value);
}

/** Dot-separated DNS-1123 labels; the last may be empty (`istio.io.`); the top-level label is not all digits. */
function dnsLabelsProblem(name: string): string | undefined {
  const labels = name.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (allNumeric(tld)) return `the top-level label "${tld}" is all digits`;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? '';
    if (i === labels.length - 1 && label === '') return undefined;
    if (!isDns1123Label(label)) return `label "${label}" is not a DNS-1123 label`;
  }
  return undefined;
}

function lengthProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > 255) return 'the name is longer than 255 characters';
  return undefined;
}

/** Istio's ValidateFQDN: DNS-1123 labels separated by dots; a single label (a short name) is accepted. */
export function fqdnProblem(name: string): string | undefined {
  return lengthProblem(name) ?? dnsLabelsProblem(name);
}

/** Istio's ValidateWildcardDomain: an FQDN or short name whose first label may be `*`, `*foo` or `*-foo`. */
export function wildcardDomainProblem(name: string): string | undefined {
  const len = lengthProblem(name);
  if (len !== undefined) return len;
  const dot = name.indexOf('.');
  const first = dot < 0 ? name : name.slice(0, dot);
  if (!isWildcardLabel(first)) return `label "${first}" is not a DNS-1123 label or wildcard`;
  return dot < 0 ? undefined : dnsLabelsProblem(name.slice(dot + 1));
}

/** `*`, `*.example.com` or no `*` at all (Istio's ValidatePartialWildCard). */
export function partialWildcardProblem(name: string): string | undefined {
  if (name.includes('*') && name !== '*' && !name.startsWith('*.'))
    return 'a partial wildcard is not allowed';
  return undefined;
}

/** Istio's host.Name.Matches: the two names overlap (one wildcard covers the other, or they are equal). */
export function hostsOverlap(a: string, b: string): boolean {
  const aw = a.startsWith('*');
  const bw = b.startsWith('*');
  if (aw && bw)
    return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** Istio's host.Name.SubsetOf: every name `a` matches is also matched by `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  const aw = a.startsWith('*');
  const bw = b.startsWith('*');
  if (aw) return bw && a.length >= b.length && a.slice(1).endsWith(b.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** A Kubernetes label key (`app`, `example.com/tier`) as Istio's labels.Instance.Validate checks it. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    if (prefix.length > 253) return 'its DNS prefix is longer than 253 characters';
    if (!prefix.split('.').every((l) => DNS1123_LABEL.test(l))) return 'its prefix is not a DNS name';
  }
  if (!QUALIFIED_NAME.test(name))
    return 'its name is not alphanumerics, "-", "_" and "." between alphanumerics';
  if (name.length > 63) return 'its name is longer than 63 characters';
  return undefined;
}

/** A label value: empty, or alphanumerics, '-', '_' and '.' between alphanumerics. */
export function isLabelValue(value: string): boolean {
  return value === '' || QUALIFIED_NAME.test(value);
}

const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** IPv6 as Go's netip.ParseAddr reads it: 8 groups of 1-4 hex digits, one `::`, an IPv4 tail, a `%zone`. */
export function isIPv6(text: string, opts: { zone?: boolean } = {}): boolean {
  let s = text;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    if (opts.zone === false || pct === s.length - 1) return false;
    s = s.slice(0, pct);
  }
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): number | undefined => {
    if (part === '') return 0;
    const items = part.split(':');
    let n = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] ?? '';
      if (i === items.length - 1 && item.includes('.')) {
        if (!isIPv4(item)) return undefined;
        n += 2;
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) n += 1;
      else return undefined;
    }
    return n;
  };
  const head = groups(halves[0] ?? '');
  if (head === undefined) return false;
  if (halves.length === 1) return head === 8;
  if ((halves[0] ?? '').includes('.')) return false;
  const tail = groups(halves[1] ?? '');
  return tail !== undefined && head + tail <= 7;
}

export function isIpAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/** Istio's ValidateIPSubnet: an IP address, or a CIDR block `a.b.c.d/n` or `2001:db8::/32`. */
export function isIpOrCidr(text: string): boolean {
  const parts = text.split('/');
  if (parts.length !== 2) return isIpAddress(text);
  const [addr = '', bits = ''] = parts;
  if (!/^(?:0|[1-9][0-9]{0,2})$/.test(bits)) return false;
  const n = Number(bits);
  if (isIPv4(addr)) return n <= 32;
  return isIPv6(addr, { zone: false }) && n <= 128;
}

/** Istio's ValidateUnixAddress (text after `unix://`): `@abstract`, or an absolute path not ending in '/'. */
export function unixAddressProblem(path: string): string | undefined {
  if (path === '') return 'the socket path is empty';
  if (path.startsWith('@')) return undefined;
  if (!path.startsWith('/') || path.endsWith('/')) return `"${path}" is not an absolute path to a file`;
  return undefined;
}

export const UNIX_PREFIX = 'unix://';

/**
 * Protocol names Istio's protocol.Parse knows (matched without case); an empty protocol means "sniff".
 * IsHTTP / IsTLS / IsTCP mirror Istio's groupings.
 */
const PROTOCOLS = new Set([
  'tcp',
  'udp',
  'grpc',
  'grpc-web',
  'http',
  'http_proxy',
  'http2',
  'https',
  'tls',
  'mongo',
  'redis',
  'mysql',
]);
export const PROTOCOL_NAMES =
  'HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS, MYSQL';

export function isKnownProtocol(protocol: string): boolean {
  return PROTOCOLS.has(protocol.toLowerCase());
}
export function isHttpProtocol(protocol: string): boolean {
  return ['http', 'http2', 'http_proxy', 'grpc', 'grpc-web'].includes(protocol.toLowerCase());
}
export function isTlsProtocol(protocol: string): boolean {
  return ['https', 'tls'].includes(protocol.toLowerCase());
}
export function isTcpProtocol(protocol: string): boolean {
  return ['tcp', 'https', 'tls', 'mongo', 'redis', 'mysql'].includes(protocol.toLowerCase());
}

/** The dnsName of a Gateway or Sidecar host: `*`, an FQDN, or `*.suffix`; short names are not allowed. */
function hostPartProblem(host: string, gateway: boolean): string | undefined {
  if (host !== '*' && !host.includes('.')) return 'short names (without a dot) are not allowed';
  const problem = wildcardDomainProblem(host);
  if (problem !== undefined && !(gateway && isIpAddress(host))) return problem;
  return partialWildcardProblem(host);
}

/**
 * Istio's ValidateNamespaceSlashWildcardHostname: `namespace/dnsName`, where the namespace is `*`, `.` or a
 * name (Sidecars also accept `~name`, "not in name"). Gateways also accept a bare dnsName (or IP).
 */
export function namespacedHostProblem(host: string, opts: { gateway: boolean }): string | undefined {
  const slash = host.indexOf('/');
  if (slash < 0)
    return opts.gateway ? hostPartProblem(host, true) : 'it is not of the form namespace/dnsName';
  const ns = host.slice(0, slash);
  const name = host.slice(slash + 1);
  if (ns === '' || name === '') return 'the namespace and dnsName may not be empty';
  const bare = opts.gateway ? ns : ns.replace(/^~/, '');
  if (bare !== '*' && bare !== '.' && (opts.gateway || bare !== '') && !isDns1123Label(bare))
    return `the namespace "${ns}" is not "*", "." or a namespace name`;
  return hostPartProblem(name, opts.gateway);
}
