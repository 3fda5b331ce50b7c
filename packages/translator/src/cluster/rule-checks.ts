// What in the registry's DestinationRules cannot take effect as written: a host that matches no service, and
// settings minimesh does not translate. Findings depend on the registry only, so they are computed once per
// registry version and replayed into each translation's sink (which deduplicates them).
import {
  type DestinationRule,
  hostMatches,
  isWildcardHost,
  type LoadedResource,
  type Registry,
  resolveShortName,
  type TrafficPolicy,
} from '@minimesh/model';
import { MessageCode, type MessageSeverity, type MessageSink } from '../messages.js';

/** Translator message codes of cluster building. */
export const ClusterMessageCode = {
  /** A DestinationRule whose host matches no service: it configures nothing (the analyzer's IST0174). */
  RuleForUnknownHost: MessageCode.UnknownDestinationRuleHost,
  /** TLS settings that cannot be applied (the cluster is built without TLS). */
  TlsNotApplied: MessageCode.TlsNotApplied,
  /** A service or setting minimesh does not translate (wildcard DYNAMIC_DNS, tunnel, proxyProtocol, ...). */
  Unsupported: MessageCode.Unsupported,
  /** A translator failure while building one service's clusters. */
  BuildFailed: MessageCode.BuildFailed,
} as const;

interface Finding {
  readonly rule: LoadedResource;
  readonly code: string;
  readonly severity: MessageSeverity;
  readonly message: string;
  readonly path: (string | number)[];
}

const cache = new WeakMap<Registry, readonly Finding[]>();

/** Reports the findings about the registry's DestinationRules into `sink`. */
export function reportRules(registry: Registry, domainSuffix: string, sink: MessageSink): void {
  let findings = cache.get(registry);
  if (findings === undefined) {
    findings = checkRules(registry, domainSuffix);
    cache.set(registry, findings);
  }
  for (const f of findings) sink.about(f.rule, f.code, f.severity, f.message, f.path);
}

function checkRules(registry: Registry, domainSuffix: string): Finding[] {
  const services = registry.services();
  const hostnames = new Set(services.map((s) => s.hostname));
  const out: Finding[] = [];
  for (const r of registry.resources()) {
    if (r.kind !== 'DestinationRule') continue;
    const rule = r as LoadedResource<DestinationRule>;
    const spec = rule.object.spec;
    const host = resolveShortName(spec.host, rule.namespace ?? '', domainSuffix);
    const known = isWildcardHost(host)
      ? services.some((s) => hostMatches(s.hostname, host))
      : hostnames.has(host);
    if (!known)
      out.push({
        rule,
        code: ClusterMessageCode.RuleForUnknownHost,
        severity: 'Warning',
        // The analyzer's text (analysis/analyzers/dr-host.ts): the host as written.
        message: `The host ${spec.host} defined in the DestinationRule does not match any services in the mesh.`,
        path: ['spec', 'host'],
      });
    checkPolicy(rule, spec.trafficPolicy, ['spec', 'trafficPolicy'], out);
    for (const [i, s] of (spec.subsets ?? []).entries())
      checkPolicy(rule, s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], out);
  }
  return out;
}

function unsupported(rule: LoadedResource, what: string, path: (string | number)[]): Finding {
  return {
    rule,
    code: ClusterMessageCode.Unsupported,
    severity: 'Warning',
    message: `${what} is not supported by minimesh and is ignored`,
    path,
  };
}

function checkPolicy(
  rule: LoadedResource,
  policy: TrafficPolicy | undefined,
  path: (string | number)[],
  out: Finding[],
): void {
  if (policy === undefined) return;
  for (const field of ['tunnel', 'proxyProtocol'] as const) {
    if (policy[field] !== undefined) out.push(unsupported(rule, `trafficPolicy.${field}`, [...path, field]));
  }
  const parts = [
    { p: policy, at: path },
    ...(policy.portLevelSettings ?? []).map((p, i) => ({ p, at: [...path, 'portLevelSettings', i] })),
  ];
  for (const { p, at } of parts) {
    if ((p.outlierDetection?.outlierDetectionHttpErrorCodes ?? []).length > 0)
      out.push(
        unsupported(rule, 'outlierDetection.outlierDetectionHttpErrorCodes', [
          ...at,
          'outlierDetection',
          'outlierDetectionHttpErrorCodes',
        ]),
      );
    if (p.loadBalancer?.zoneAwareLbSetting !== undefined)
      out.push(
        unsupported(rule, 'loadBalancer.zoneAwareLbSetting', [...at, 'loadBalancer', 'zoneAwareLbSetting']),
      );
  }
}
