// Output helpers shared by the data commands: `-o json|yaml` serialisation and ANSI colour that honours NO_COLOR
// (https://no-color.org: any non-empty value disables colour) and is off when the stream is not a terminal.
import { stringify } from 'yaml';

export type OutputFormat = 'json' | 'yaml';

export class OutputFormatError extends Error {
  readonly code = 'MESH_OUTPUT_FORMAT';
  constructor(
    readonly value: string,
    allowed: readonly string[],
  ) {
    super(`-o ${value}: unknown output format; expected one of ${allowed.join(', ')}`);
    this.name = 'OutputFormatError';
  }
}

/** The format named by `-o`; throws OutputFormatError for any other value. */
export function parseOutputFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new OutputFormatError(value, allowed);
}

/** `value` as YAML (block style, keys in their order, long strings not folded); ends in "\n". */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `value` as JSON indented by `indent` spaces; ends in "\n". */
export function toJson(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, null, indent)}\n`;
}

export function serialize(value: unknown, format: OutputFormat): string {
  return format === 'yaml' ? toYaml(value) : toJson(value);
}

/** Whether to colour output written to `stream`: a TTY, and NO_COLOR unset or empty. */
export function colorEnabled(
  stream: { isTTY?: boolean } | undefined = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if ((env.NO_COLOR ?? '') !== '') return false;
  if ((env.TERM ?? '').toLowerCase() === 'dumb') return false;
  return stream?.isTTY === true;
}

const STYLES = {
  red: ['\u001b[1;31m', '\u001b[0m'],
  yellow: ['\u001b[33m', '\u001b[0m'],
  green: ['\u001b[32m', '\u001b[0m'],
  bold: ['\u001b[1m', '\u001b[0m'],
  dim: ['\u001b[2m', '\u001b[0m'],
} as const;
export type Style = keyof typeof STYLES;

/** `text` wrapped in the style's ANSI codes when `enabled`, else `text` unchanged. */
export function paint(text: string, style: Style, enabled: boolean): string {
  if (!enabled) return text;
  const [on, off] = STYLES[style];
  return `${on}${text}${off}`;
}
