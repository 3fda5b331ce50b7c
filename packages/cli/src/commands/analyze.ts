// `mesh analyze -f FILE|DIR... [-o json|yaml]`: the translator's analyzers over the loaded files, printed as
// `istioctl analyze` prints (istioctl/pkg/util/formatting, 1.30): one `Error [IST0101] (VirtualService
// default/reviews file.yaml:13) text` line per message on stdout (level coloured on a terminal), JSON or YAML
// objects with code, level, origin, reference, message and documentationUrl, and, when nothing is found,
// `✔ No validation issues found when analyzing FILE.` on stderr. Exit status 1 when any message is an Error or a
// file did not load (istioctl exits 79 and 65 for these; ours is 1 like every other mesh failure); warnings and
// info do not fail.
import { buildRegistry, RegistryError } from '@minimesh/model';
import { analyze, formatMessage, type TranslationMessage } from '@minimesh/translator';
import { diagnosticLines, loadInputs } from '../dev/load-inputs.js';
import { BUILTIN_FILE, planWorkloads } from '../dev/workloads.js';
import { OutputFormatError, paint, parseOutputFormat, toYaml } from '../output/format.js';
import type { CommandOutcome } from './inject.js';

export interface AnalyzeCommandOptions {
  readonly files: readonly string[];
  /** `log` (default: istioctl's text lines), `json` or `yaml`. */
  readonly output?: string;
  /** Colour the level of each line (istioctl's colours); the caller decides (TTY and NO_COLOR). Default false. */
  readonly color?: boolean;
  /** Message codes or analyzer names to leave out (`IST0118`). */
  readonly suppress?: readonly string[];
}

export interface AnalyzeOutcome extends CommandOutcome {
  readonly messages: readonly TranslationMessage[];
}

/** The istioctl version whose documentation the messages link to. */
const DOCS_VERSION = 'v1.30';

/** A message as istioctl's `-o json` prints it (diag.Message.Unstructured). */
export interface AnalyzeMessageJson {
  code: string;
  level: string;
  origin?: string;
  reference?: string;
  message: string;
  documentationUrl: string;
}

export function messageJson(m: TranslationMessage): AnalyzeMessageJson {
  return {
    code: m.code,
    level: m.severity,
    ...(m.resource === undefined ? {} : { origin: m.resource }),
    ...(m.file === undefined ? {} : { reference: m.line === undefined ? m.file : `${m.file}:${m.line}` }),
    message: m.message,
    documentationUrl: `https://istio.io/${DOCS_VERSION}/docs/reference/config/analysis/${m.code.toLowerCase()}/?ref=istioctl-analyze`,
  };
}

const LEVEL_STYLE = { Error: 'red', Warning: 'yellow', Info: undefined } as const;

/** istioctl's log line, the level coloured when `color`. */
export function renderMessage(m: TranslationMessage, color: boolean): string {
  const style = LEVEL_STYLE[m.severity];
  const line = formatMessage(m);
  if (!color || style === undefined) return line;
  return `${paint(m.severity, style, true)}${line.slice(m.severity.length)}`;
}

/** Runs `mesh analyze`; never throws for bad input. */
export async function analyzeCommand(options: AnalyzeCommandOptions): Promise<AnalyzeOutcome> {
  let format: 'log' | 'json' | 'yaml';
  try {
    format = parseOutputFormat(options.output ?? 'log', ['log', 'json', 'yaml'] as const);
  } catch (err) {
    if (err instanceof OutputFormatError)
      return { exitCode: 1, stdout: '', stderr: [`mesh analyze: ${err.message}`], messages: [] };
    throw err;
  }
  if (options.files.length === 0)
    return {
      exitCode: 1,
      stdout: '',
      stderr: ['mesh analyze: expected at least one -f FILE|DIR'],
      messages: [],
    };
  const loaded = await loadInputs(options.files);
  const plan = planWorkloads(loaded.resources);
  const problems = [...loaded.diagnostics, ...plan.diagnostics];
  const stderr = diagnosticLines(problems);
  const loadErrors = problems.filter((d) => d.severity === 'error').length;
  let messages: TranslationMessage[];
  try {
    messages = analyze(
      buildRegistry([...loaded.resources, ...plan.resources], { workloads: plan.workloads }),
      {
        ...(options.suppress === undefined ? {} : { exclude: options.suppress }),
      },
    ).filter((m) => m.file !== BUILTIN_FILE); // the built-in gateway Service is not the user's to fix
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    return { exitCode: 1, stdout: '', stderr: [...stderr, `mesh analyze: ${err.message}`], messages: [] };
  }
  let stdout: string;
  if (format === 'json') stdout = `${JSON.stringify(messages.map(messageJson), null, '\t')}\n`;
  else if (format === 'yaml') stdout = messages.length === 0 ? '[]\n' : toYaml(messages.map(messageJson));
  else stdout = messages.map((m) => `${renderMessage(m, options.color ?? false)}\n`).join('');
  if (messages.length === 0 && format === 'log') {
    const files = loaded.files.length > 0 ? loaded.files : options.files;
    if (loadErrors > 0)
      stderr.push(
        `No validation issues found when analyzing ${files.join(', ')} (but ${loadErrors} ${loadErrors === 1 ? 'error' : 'errors'} prevented files from loading).`,
      );
    else if (files.length > 1)
      stderr.push(`\u2714 No validation issues found when analyzing:\n  - ${files.join('\n  - ')}`);
    else stderr.push(`\u2714 No validation issues found when analyzing ${files[0]}.`);
  }
  const failed = loadErrors > 0 || messages.some((m) => m.severity === 'Error');
  if (failed && messages.some((m) => m.severity === 'Error') && format === 'log')
    stderr.push(
      `Error: Analyzers found issues when analyzing ${options.files.join(', ')}.\nSee https://istio.io/${DOCS_VERSION}/docs/reference/config/analysis for more information about causes and resolutions.`,
    );
  return { exitCode: failed ? 1 : 0, stdout, stderr, messages };
}
