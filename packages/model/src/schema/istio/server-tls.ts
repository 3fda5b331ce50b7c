// ServerTLSSettings (Gateway servers, Sidecar ingress listeners) and the Port message they are bound to, with
// Istio's validateTLSOptions rules: ISTIO_MUTUAL takes no certificates, one certificate source, SIMPLE and
// MUTUAL need a certificate and key (MUTUAL also a CA) unless a credential is named, CRL limits.
import { z } from 'zod';
import { uint32, whenParsed } from './networking-common.js';

const TLS_VERSION = z.enum(['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3']);

/** One certificate of a server that presents several (RSA and ECDSA, say). */
const tlsCertificate = z.strictObject({
  serverCertificate: z.string().optional(),
  privateKey: z.string().optional(),
  caCertificates: z.string().optional(),
});

/** ServerTLSSettings: how a server listener terminates (or passes through) TLS. */
export const serverTlsSettings = z
  .strictObject({
    /** Send 301 redirects to HTTPS for plain HTTP requests. */
    httpsRedirect: z.boolean().optional(),
    /** PASSTHROUGH when unset. */
    mode: z
      .enum(['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL'])
      .optional(),
    serverCertificate: z.string().optional(),
    privateKey: z.string().optional(),
    caCertificates: z.string().optional(),
    caCrl: z.string().optional(),
    /** Secret holding the key, certificate (and CA for MUTUAL). */
    credentialName: z.string().optional(),
    /** One or two Secrets (RSA and ECDSA). */
    credentialNames: z
      .array(z.string())
      .min(1, { message: 'expected one or two credential names' })
      .max(2, { message: 'expected one or two credential names' })
      .optional(),
    caCertCredentialName: z.string().optional(),
    /** One or two certificate/key pairs given as files. */
    tlsCertificates: z
      .array(tlsCertificate)
      .min(1, { message: 'expected one or two TLS certificates' })
      .max(2, { message: 'expected one or two TLS certificates' })
      .optional(),
    subjectAltNames: z.array(z.string()).optional(),
    verifyCertificateSpki: z.array(z.string()).optional(),
    verifyCertificateHash: z.array(z.string()).optional(),
    minProtocolVersion: TLS_VERSION.optional(),
    maxProtocolVersion: TLS_VERSION.optional(),
    cipherSuites: z.array(z.string()).optional(),
    ecdhCurves: z.array(z.string()).optional(),
    insecureSkipVerify: z.boolean().nullable().optional(),
  })
  .superRefine(
    (t, ctx) => {
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path, message });
      if (t.mode === 'ISTIO_MUTUAL') {
        for (const field of ['serverCertificate', 'privateKey', 'caCertificates', 'credentialName'] as const)
          if (t[field])
            issue([field], `expected no ${field} with ISTIO_MUTUAL: Istio provides the certificates`);
        for (const field of ['tlsCertificates', 'credentialNames'] as const)
          if (t[field]?.length)
            issue([field], `expected no ${field} with ISTIO_MUTUAL: Istio provides the certificates`);
        return;
      }
      const sources = [
        t.serverCertificate && t.privateKey ? 'serverCertificate/privateKey' : '',
        t.credentialName ? 'credentialName' : '',
        t.credentialNames?.length ? 'credentialNames' : '',
        t.tlsCertificates?.length ? 'tlsCertificates' : '',
      ].filter((s) => s !== '');
      if (sources.length > 1)
        issue(
          [],
          `expected one certificate source of credentialName, credentialNames, serverCertificate/privateKey and tlsCertificates, got ${sources.join(' and ')}`,
        );
      const terminating = t.mode === 'SIMPLE' || t.mode === 'MUTUAL' || t.mode === 'OPTIONAL_MUTUAL';
      const named = Boolean(t.credentialName) || Boolean(t.credentialNames?.length);
      if (terminating && !named) {
        const mode = t.mode === 'SIMPLE' ? 'SIMPLE' : 'MUTUAL';
        if (mode === 'MUTUAL' && !t.caCertificates)
          issue(['caCertificates'], `expected caCertificates (the client CA bundle) for ${t.mode} TLS`);
        const certs = t.tlsCertificates?.length ? t.tlsCertificates : [t];
        const base = t.tlsCertificates?.length ? ['tlsCertificates'] : [];
        certs.forEach((c, i) => {
          const at = (field: string) => (base.length > 0 ? [...base, i, field] : [field]);
          if (!c.serverCertificate)
            issue(at('serverCertificate'), `expected a serverCertificate for ${mode} TLS`);
          if (!c.privateKey) issue(at('privateKey'), `expected a privateKey for ${mode} TLS`);
        });
      }
      if (t.caCrl && t.credentialName)
        issue(['caCrl'], 'expected no caCrl with credentialName: put the CRL in the credential');
      if (t.caCrl && t.mode === 'SIMPLE')
        issue(['caCrl'], 'expected no caCrl with SIMPLE TLS (no client certificates)');
    },
    whenParsed(
      'mode',
      'serverCertificate',
      'privateKey',
      'caCertificates',
      'credentialName',
      'tlsCertificates',
      'credentialNames',
      'caCrl',
    ),
  );
export type ServerTLSSettings = z.infer<typeof serverTlsSettings>;

/** Port: a listener port (number, protocol, name); targetPort is deprecated and has no effect here. */
export const serverPort = z.strictObject({
  number: uint32,
  /** HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, MONGO, TCP, TLS (case-insensitive). */
  protocol: z.string(),
  /** Unique among a Gateway's servers. */
  name: z.string(),
  targetPort: uint32.optional(),
});
export type Port = z.infer<typeof serverPort>;
