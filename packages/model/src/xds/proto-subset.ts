// A protobufjs Root that holds only the types asked for by name and their closure, grown on demand from the
// descriptor JSON. The full Envoy descriptor is about 750 messages and enums (some 6 MB of reflection objects); a
// proxy decoding bookinfo's config needs about half of them, and a program that only asks for a few types far
// fewer. Types are added at the granularity of one message or enum; adding one also adds the messages that
// enclose it (a nested type lives inside its parent's Type) and every type its fields name, recursively.
//
// Extension fields (the descriptor's annotations extend google.protobuf.FieldOptions and its kind) are added with
// the message they extend, as the full Root has them.
//
// Invariants: a type is added once, with its enclosing messages added before it; every field of an added message
// names its type by its absolute name ('.' + full name, resolved here with protoc's scoping rules), so protobufjs
// resolves it exactly, whatever else the Root holds. The parsed descriptor is held weakly between uses (the text
// is re-read and re-parsed if it was collected), so it costs nothing once the types a program uses are loaded.
import protobuf from 'protobufjs';

/** One message, enum or package of the descriptor JSON (protobufjs's INamespace with its type parts). */
interface JsonNode {
  readonly nested?: Record<string, JsonNode>;
  readonly fields?: Record<string, protobuf.IField & { keyType?: string }>;
  readonly oneofs?: Record<string, protobuf.IOneOf>;
  readonly values?: Record<string, number>;
  readonly [key: string]: unknown;
}

/** Proto scalar type names: no type to resolve. */
const SCALARS = new Set([
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
]);

function parentName(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? '' : fullName.slice(0, dot);
}

function lastPart(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/** The node at a full name ('' = the top), own properties only; undefined when there is none. */
function nodeAt(top: JsonNode, fullName: string): JsonNode | undefined {
  if (fullName === '') return top;
  let node: JsonNode | undefined = top;
  for (const part of fullName.split('.')) {
    const nested: Record<string, JsonNode> | undefined = node?.nested;
    node = nested !== undefined && Object.hasOwn(nested, part) ? nested[part] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function isTypeNode(node: JsonNode | undefined): boolean {
  return node !== undefined && (node.fields !== undefined || node.values !== undefined);
}

/**
 * The full name a type reference written in scope `scope` (the full name of the message holding the field) names,
 * with protoc's rules: an absolute '.a.b' as is; otherwise the innermost enclosing scope in which the reference's
 * first part exists and the whole reference names a message or enum.
 */
export function resolveReference(top: JsonNode, scope: string, ref: string): string | undefined {
  if (ref.startsWith('.')) return isTypeNode(nodeAt(top, ref.slice(1))) ? ref.slice(1) : undefined;
  for (let s = scope; ; s = parentName(s)) {
    const candidate = s === '' ? ref : `${s}.${ref}`;
    if (isTypeNode(nodeAt(top, candidate))) return candidate;
    if (s === '') return undefined;
  }
}

/** An extension field declared in namespace `scope`. */
interface Extension {
  readonly scope: string;
  readonly name: string;
  readonly field: protobuf.IField & { extend: string };
}

/** The parsed descriptor and its extension fields by the full name of the message they extend. */
interface Descriptor {
  readonly top: JsonNode;
  readonly extensions: ReadonlyMap<string, readonly Extension[]>;
}

function indexExtensions(top: JsonNode): Map<string, Extension[]> {
  const out = new Map<string, Extension[]>();
  const walk = (node: JsonNode, scope: string) => {
    for (const [name, child] of Object.entries(node.nested ?? {})) {
      const extend = child.extend;
      if (typeof extend === 'string') {
        const target = resolveReference(top, scope, extend);
        if (target === undefined) continue;
        const list = out.get(target) ?? [];
        list.push({ scope, name, field: child as unknown as Extension['field'] });
        out.set(target, list);
      } else {
        walk(child, scope === '' ? name : `${scope}.${name}`);
      }
    }
  };
  walk(top, '');
  return out;
}

/** Most names remembered as absent. */
const MAX_ABSENT = 4096;

type LookupImpl = (path: string[], flatPath: string) => protobuf.ReflectionObject | null;

export class SubsetRoot {
  readonly root = new protobuf.Root();
  readonly #readText: () => string;
  /** The parsed descriptor, held weakly between uses. */
  #json: WeakRef<Descriptor> | undefined;
  /** Full names (no leading dot) of the messages and enums added. */
  readonly #added = new Set<string>();
  /** Names the descriptor does not have (it never changes), so that asking again costs no parse; bounded. */
  readonly #absent = new Set<string>();
  /** True while ensure() adds types (lookups then are protobufjs resolving absolute names). */
  #adding = false;

  /** `readText` returns the descriptor JSON's text (protobufjs's Root JSON form); it may be called again. */
  constructor(readText: () => string) {
    this.#readText = readText;
    // protobufjs's own Any handling (Type#fromObject and #toObject of an Any with '@type', for callers that use
    // the Types' generated code) looks the payload type up by full name, ending at the Root on a miss: a full name
    // the descriptor has is added there first, so those lookups find what the full Root would.
    const root = this.root as protobuf.Root & { _lookupImpl?: LookupImpl };
    const lookupImpl = root._lookupImpl;
    if (typeof lookupImpl === 'function') {
      root._lookupImpl = (path, flatPath) => {
        if (!this.#adding && !this.#added.has(flatPath) && /^[A-Za-z_][\w.]*$/.test(flatPath))
          this.ensure(flatPath);
        return lookupImpl.call(root, path, flatPath);
      };
    }
  }

  /** Number of messages and enums added so far. */
  get size(): number {
    return this.#added.size;
  }

  /** Adds the message or enum of this full name (no leading dot) and its closure; false when there is none. */
  ensure(fullName: string): boolean {
    if (this.#added.has(fullName)) return true;
    if (this.#absent.has(fullName)) return false;
    const { top, extensions } = this.#descriptor();
    if (!isTypeNode(nodeAt(top, fullName))) {
      if (this.#absent.size >= MAX_ABSENT) this.#absent.clear();
      this.#absent.add(fullName);
      return false;
    }
    const order: string[] = [];
    const extending: Extension[] = [];
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (this.#added.has(name) || seen.has(name)) return;
      seen.add(name);
      const parent = parentName(name);
      if (isTypeNode(nodeAt(top, parent))) visit(parent);
      order.push(name);
      const node = nodeAt(top, name);
      for (const field of Object.values(node?.fields ?? {})) {
        if (SCALARS.has(field.type)) continue;
        const target = resolveReference(top, name, field.type);
        if (target !== undefined) visit(target);
      }
      for (const ext of extensions.get(name) ?? []) {
        extending.push(ext);
        const target = SCALARS.has(ext.field.type)
          ? undefined
          : resolveReference(top, ext.scope, ext.field.type);
        if (target !== undefined) visit(target);
      }
    };
    visit(fullName);
    this.#adding = true;
    try {
      this.#add(top, order, extending);
    } finally {
      this.#adding = false;
    }
    return true;
  }

  #add(top: JsonNode, order: readonly string[], extending: readonly Extension[]): void {
    // `order` has every enclosing message before what it encloses (visit(parent) runs before the push).
    for (const name of order) {
      const node = nodeAt(top, name) as JsonNode;
      const object =
        node.fields !== undefined
          ? protobuf.Type.fromJSON(lastPart(name), messageOnly(top, name, node))
          : protobuf.Enum.fromJSON(lastPart(name), node as protobuf.IEnum);
      const parent = parentName(name);
      (parent === '' ? this.root : this.root.define(parent.split('.'))).add(object);
      this.#added.add(name);
    }
    // protobufjs adds the extended message's own copy of each extension field (Root#_handleAdd).
    for (const { scope, name, field } of extending) {
      const target = SCALARS.has(field.type) ? undefined : resolveReference(top, scope, field.type);
      const extended = resolveReference(top, scope, field.extend) as string;
      const json = {
        ...field,
        extend: `.${extended}`,
        ...(target === undefined ? {} : { type: `.${target}` }),
      };
      (scope === '' ? this.root : this.root.define(scope.split('.'))).add(
        protobuf.Field.fromJSON(name, json),
      );
    }
    this.root.resolveAll();
  }

  #descriptor(): Descriptor {
    const held = this.#json?.deref();
    if (held !== undefined) return held;
    const top = JSON.parse(this.#readText()) as JsonNode;
    const parsed = { top, extensions: indexExtensions(top) };
    this.#json = new WeakRef(parsed);
    return parsed;
  }
}

/** A message's JSON without its nested types (they are added on their own) and with absolute field types. */
function messageOnly(top: JsonNode, name: string, node: JsonNode): protobuf.IType {
  const fields: Record<string, protobuf.IField> = {};
  for (const [fieldName, field] of Object.entries(node.fields ?? {})) {
    const target = SCALARS.has(field.type) ? undefined : resolveReference(top, name, field.type);
    fields[fieldName] = target === undefined ? field : { ...field, type: `.${target}` };
  }
  const { nested: _nested, ...rest } = node;
  return { ...(rest as unknown as protobuf.IType), fields };
}
