// `mesh translate -f FILE|DIR... --proxy WORKLOAD[.NS] | --gateway NAME[.NS] [-o json|yaml]`: the /config_dump the
// proxy of that workload would have, offline: the files loaded (as `kubectl apply` of each in turn), the workload
// plan of `mesh dev`, the translator's output for the chosen instance, printed as Envoy's admin prints it (JSON
// with one-space indentation) or as YAML. Load errors and the translator's messages go to stderr.
import { configDumpToJson, configDumpToString, RegistryError } from '@minimesh/model';
import { formatMessage } from '@minimesh/translator';
import { diagnosticLines, loadInputs } from '../dev/load-inputs.js';
import { InstanceSelectError, type SelectKind } from '../dev/select-instance.js';
import { configDumpOf, type InstanceTranslation, translateInstance } from '../dev/translate-instance.js';
import { OutputFormatError, parseOutputFormat, toYaml } from '../output/format.js';
import type { CommandOutcome } from './inject.js';

export interface TranslateOptions {
  /** `-f` paths: files or directories, applied in order. */
  readonly files: readonly string[];
  /** `--proxy WORKLOAD[.NS]`: a sidecar's pod, workload or app label value. */
  readonly proxy?: string;
  /** `--gateway NAME[.NS]`: a gateway's pod or workload, its `istio` label value, or a Gateway's name. */
  readonly gateway?: string;
  /** `json` (default) or `yaml`. */
  readonly output?: string;
}

export interface TranslateOutcome extends CommandOutcome {
  /** The translation, when the command got that far. */
  readonly result?: InstanceTranslation;
}

export class TranslateUsageError extends Error {
  readonly code = 'MESH_TRANSLATE_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'TranslateUsageError';
  }
}

const fail = (message: string, stderr: string[] = []): TranslateOutcome => ({
  exitCode: 1,
  stdout: '',
  stderr: [...stderr, `mesh translate: ${message}`],
});

/** Which proxy the options name; throws TranslateUsageError for none or both of --proxy and --gateway. */
export function proxyQuery(options: { proxy?: string; gateway?: string }): {
  query: string;
  kind: SelectKind;
} {
  if (options.proxy !== undefined && options.gateway !== undefined)
    throw new TranslateUsageError('--proxy and --gateway are exclusive; expected one of them');
  if (options.proxy !== undefined) return { query: options.proxy, kind: 'proxy' };
  if (options.gateway !== undefined) return { query: options.gateway, kind: 'gateway' };
  throw new TranslateUsageError('expected --proxy WORKLOAD[.NS] or --gateway NAME[.NS]');
}

/** Runs `mesh translate`; never throws for bad input (exit status 1 and a message on stderr). */
export async function translateCommand(options: TranslateOptions): Promise<TranslateOutcome> {
  let format: 'json' | 'yaml';
  let target: { query: string; kind: SelectKind };
  try {
    format = parseOutputFormat(options.output ?? 'json', ['json', 'yaml'] as const);
    target = proxyQuery(options);
  } catch (err) {
    if (err instanceof OutputFormatError || err instanceof TranslateUsageError) return fail(err.message);
    throw err;
  }
  if (options.files.length === 0) return fail('expected at least one -f FILE|DIR');
  const loaded = await loadInputs(options.files);
  const stderr = diagnosticLines(loaded.diagnostics);
  if (!loaded.ok) {
    const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    return fail(`${n} error(s) loading ${options.files.join(', ')}; nothing was translated`, stderr);
  }
  let result: InstanceTranslation;
  try {
    result = translateInstance(loaded.resources, target.query, target.kind);
  } catch (err) {
    if (err instanceof InstanceSelectError || err instanceof RegistryError) return fail(err.message, stderr);
    throw err;
  }
  stderr.push(...diagnosticLines(result.plan.diagnostics));
  for (const m of result.translation.messages) stderr.push(formatMessage(m));
  const dump = configDumpOf(result.translation);
  const stdout = format === 'yaml' ? toYaml(configDumpToJson(dump)) : configDumpToString(dump);
  return { exitCode: 0, stdout, stderr, result };
}
