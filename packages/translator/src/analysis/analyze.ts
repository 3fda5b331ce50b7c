// Analysis like `istioctl analyze`: every analyzer runs over one registry and the messages come back sorted by
// file, line and code, each placed at the offending field. Never throws: an analyzer that fails (a bug, or input
// the registry accepted but an analyzer did not expect) becomes one IST0001 InternalError message, and the
// other analyzers still run.
import type { Registry } from '@minimesh/model';
import type { TranslationMessage } from '../messages.js';
import { AnalysisContext, type Analyzer } from './analyzer.js';
import { drCaCertificates } from './analyzers/dr-ca-certificates.js';
import { drHost } from './analyzers/dr-host.js';
import { drPortCaCertificates } from './analyzers/dr-port-ca-certificates.js';
import { drSubsetPods } from './analyzers/dr-subset-pods.js';
import { envoyFilterPatches } from './analyzers/envoy-filter-patches.js';
import { gatewayApiConversion } from './analyzers/gateway-api-conversion.js';
import { gatewayConflict } from './analyzers/gateway-conflict.js';
import { gatewayPort } from './analyzers/gateway-port.js';
import { gatewaySelector } from './analyzers/gateway-selector.js';
import { serviceEntryAddresses } from './analyzers/service-entry-addresses.js';
import { servicePortName } from './analyzers/service-port-name.js';
import { sidecarConflict } from './analyzers/sidecar-conflict.js';
import { sidecarDefault } from './analyzers/sidecar-default.js';
import { sidecarSelector } from './analyzers/sidecar-selector.js';
import { vsConflictingHosts } from './analyzers/vs-conflicting-hosts.js';
import { vsDestinationHost } from './analyzers/vs-destination-host.js';
import { vsDestinationPort } from './analyzers/vs-destination-port.js';
import { vsGateway } from './analyzers/vs-gateway.js';
import { vsGatewayHost } from './analyzers/vs-gateway-host.js';
import { vsHost } from './analyzers/vs-host.js';
import { vsIneffectiveMatch } from './analyzers/vs-ineffective-match.js';
import { vsSubset } from './analyzers/vs-subset.js';
import { vsUnreachableRule } from './analyzers/vs-unreachable-rule.js';

/** Every analyzer, in the order they run (the output is sorted, so the order only matters for ties). */
export const ANALYZERS: readonly Analyzer[] = Object.freeze([
  vsHost,
  vsDestinationHost,
  vsDestinationPort,
  vsSubset,
  vsGateway,
  vsGatewayHost,
  vsConflictingHosts,
  vsUnreachableRule,
  vsIneffectiveMatch,
  drHost,
  drSubsetPods,
  drCaCertificates,
  drPortCaCertificates,
  gatewaySelector,
  gatewayPort,
  gatewayConflict,
  gatewayApiConversion,
  envoyFilterPatches,
  servicePortName,
  serviceEntryAddresses,
  sidecarSelector,
  sidecarConflict,
  sidecarDefault,
]);

export interface AnalyzeOptions {
  /** The analyzers to run; all of ANALYZERS when absent. */
  readonly analyzers?: readonly Analyzer[];
  /** Analyzer names or message codes to leave out (`IST0118`, `service.PortName`). */
  readonly exclude?: readonly string[];
}

/** Analyzes the registry's configuration: messages sorted by file, line, code (then resource and text). */
export function analyze(registry: Registry, options: AnalyzeOptions = {}): TranslationMessage[] {
  const ctx = new AnalysisContext(registry);
  const exclude = new Set(options.exclude ?? []);
  const failures: TranslationMessage[] = [];
  for (const analyzer of options.analyzers ?? ANALYZERS) {
    if (exclude.has(analyzer.name) || exclude.has(analyzer.code)) continue;
    try {
      analyzer.run(ctx);
    } catch (error) {
      failures.push({
        code: 'IST0001',
        severity: 'Error',
        message: `Internal error: analyzer ${analyzer.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  const messages = ctx.messages().filter((m) => !exclude.has(m.code));
  return [...messages.sort(compareMessages), ...failures];
}

/** File, then line, then code, then resource and text: a total order, so output is stable. */
export function compareMessages(a: TranslationMessage, b: TranslationMessage): number {
  return (
    cmp(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    cmp(a.code, b.code) ||
    cmp(a.resource ?? '', b.resource ?? '') ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
