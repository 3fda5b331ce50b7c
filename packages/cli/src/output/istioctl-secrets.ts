// `proxy-config secret` and `proxy-config bootstrap -o short` as istioctl 1.30 prints them: secrets as RESOURCE
// NAME, TYPE (Cert Chain or CA), STATUS (ACTIVE / WARMING), VALID CERT, SERIAL NUMBER (hex), NOT AFTER, NOT BEFORE
// (RFC 3339, UTC) read from the first certificate of each secret (tabwriter padding 5), or "No active or warming
// secrets found."; the bootstrap summary as `Istio Version:` / `Envoy Version:` lines (tabwriter padding 1).
import { X509Certificate } from 'node:crypto';
import { arr, type Json, obj, str } from '../dev/config-dump-sections.js';
import { tabwrite } from './istioctl-tabwriter.js';

interface SecretItem {
  name: string;
  type: string;
  state: string;
  valid: boolean;
  serial: string;
  notAfter: string;
  notBefore: string;
}

/** The PEM text of a DataSource ({inline_bytes: base64} or {inline_string}). */
function pemOf(source: unknown): string {
  const s = obj(source);
  if (typeof s.inline_string === 'string') return s.inline_string;
  if (typeof s.inline_bytes === 'string') return Buffer.from(s.inline_bytes, 'base64').toString('utf8');
  return '';
}

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function itemOf(entry: Json, state: string, now: Date): SecretItem {
  const secret = obj(entry.secret);
  const chain = pemOf(obj(secret.tls_certificate).certificate_chain);
  const ca = pemOf(obj(secret.validation_context).trusted_ca);
  const item: SecretItem = {
    name: str(entry.name) || str(secret.name),
    type: chain === '' && ca !== '' ? 'CA' : 'Cert Chain',
    state,
    valid: false,
    serial: '',
    notAfter: '',
    notBefore: '',
  };
  const pem = chain !== '' ? chain : ca;
  const first = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (first === undefined) return item;
  try {
    const cert = new X509Certificate(first);
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    return {
      ...item,
      serial: cert.serialNumber.toLowerCase().replace(/^0+(?=.)/, ''),
      notAfter: rfc3339(to),
      notBefore: rfc3339(from),
      valid: now > from && now < to,
    };
  } catch {
    return item;
  }
}

/** `withConfigType` (proxy-config all) names each secret `secret/NAME`. */
export function secretsTable(section: Json, withConfigType = false, now = new Date()): string {
  const active = arr(section.dynamic_active_secrets);
  const warming = arr(section.dynamic_warming_secrets);
  if (active.length === 0 && warming.length === 0) return 'No active or warming secrets found.\n';
  const items = [
    ...active.map((e) => itemOf(e, 'ACTIVE', now)),
    ...warming.map((e) => itemOf(e, 'WARMING', now)),
  ];
  return tabwrite(
    [
      ['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE'],
      ...items.map((s) => [
        withConfigType ? `secret/${s.name}` : s.name,
        s.type,
        s.state,
        String(s.valid),
        s.serial,
        s.notAfter,
        s.notBefore,
      ]),
    ],
    5,
  );
}

/** `Istio Version:` (node metadata ISTIO_VERSION) and `Envoy Version:` (the node's user agent) lines. */
export function bootstrapSummary(bootstrap: Json): string {
  const node = obj(bootstrap.node);
  const rows: string[][] = [];
  const istio = str(obj(node.metadata).ISTIO_VERSION);
  if (istio !== '') rows.push(['Istio Version:', istio]);
  const build = obj(obj(node.user_agent_build_version).version);
  const envoy =
    Object.keys(build).length > 0
      ? `${str(build.major_number) || '0'}.${str(build.minor_number) || '0'}.${str(build.patch) || '0'}`
      : str(node.user_agent_version);
  if (envoy !== '') rows.push(['Envoy Version:', envoy]);
  return tabwrite(rows, 1);
}
