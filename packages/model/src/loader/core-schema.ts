// A js-yaml schema that resolves plain scalars exactly as the `yaml` package's YAML 1.2 core schema does, so the
// fast path and the `yaml` path give the same values: js-yaml's own CORE_SCHEMA still accepts YAML 1.1 forms
// (`0b101`, signed hex, `1_000`) that YAML 1.2 reads as strings. Each type below mirrors one `yaml` core tag.
import jsyaml from 'js-yaml';

const scalar = (
  tag: string,
  test: RegExp,
  construct: (s: string) => unknown,
  predicate: (o: unknown) => boolean,
) =>
  new jsyaml.Type(tag, {
    kind: 'scalar',
    resolve: (data: string | null) => test.test(data ?? ''),
    construct: (data: string | null) => construct(data ?? ''),
    predicate,
  });

const NULL = scalar(
  'tag:yaml.org,2002:null',
  /^(?:~|[Nn]ull|NULL)?$/,
  () => null,
  (o) => o === null,
);
const BOOL = scalar(
  'tag:yaml.org,2002:bool',
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  (s) => s[0] === 't' || s[0] === 'T',
  (o) => typeof o === 'boolean',
);
const isInt = (o: unknown) => typeof o === 'number' && Number.isInteger(o);
const isFloat = (o: unknown) => typeof o === 'number';
// One `int` type covering decimal, 0o octal and 0x hex (YAML 1.2: no sign on octal and hex).
const INT = scalar(
  'tag:yaml.org,2002:int',
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/,
  (s) =>
    s.startsWith('0o')
      ? Number.parseInt(s.slice(2), 8)
      : s.startsWith('0x')
        ? Number.parseInt(s.slice(2), 16)
        : Number.parseInt(s, 10),
  isInt,
);
const FLOAT = scalar(
  'tag:yaml.org,2002:float',
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
  (s) => {
    if (/nan$/i.test(s)) return Number.NaN;
    if (/inf$/i.test(s)) return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return Number.parseFloat(s);
  },
  isFloat,
);

/** YAML 1.2 core scalars, as `yaml` resolves them; strings, maps and sequences from js-yaml's failsafe schema. */
export const YAML_12_CORE = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [NULL, BOOL, INT, FLOAT] });
