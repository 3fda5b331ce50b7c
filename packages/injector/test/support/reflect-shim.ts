// @peculiar/x509 (through tsyringe) needs the Reflect metadata API, and reflect-metadata is not a dependency of
// this package. This is the small part of that API tsyringe calls, kept per target in a WeakMap. Tests only.
type Key = string | symbol;
const store = new WeakMap<object, Map<Key | undefined, Map<unknown, unknown>>>();

function table(target: object, prop: Key | undefined, create: boolean): Map<unknown, unknown> | undefined {
  let byProp = store.get(target);
  if (byProp === undefined) {
    if (!create) return undefined;
    byProp = new Map();
    store.set(target, byProp);
  }
  let t = byProp.get(prop);
  if (t === undefined && create) {
    t = new Map();
    byProp.set(prop, t);
  }
  return t;
}

function getOwn(key: unknown, target: object, prop?: Key): unknown {
  return table(target, prop, false)?.get(key);
}

function get(key: unknown, target: object, prop?: Key): unknown {
  for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t)) {
    const v = table(t, prop, false);
    if (v?.has(key)) return v.get(key);
  }
  return undefined;
}

const api = {
  defineMetadata(key: unknown, value: unknown, target: object, prop?: Key) {
    table(target, prop, true)?.set(key, value);
  },
  getOwnMetadata: getOwn,
  getMetadata: get,
  hasOwnMetadata: (key: unknown, target: object, prop?: Key) => table(target, prop, false)?.has(key) ?? false,
  hasMetadata: (key: unknown, target: object, prop?: Key) => get(key, target, prop) !== undefined,
  metadata: (key: unknown, value: unknown) => (target: object, prop?: Key) =>
    api.defineMetadata(key, value, target, prop),
};

const R = Reflect as unknown as Record<string, unknown>;
for (const [name, fn] of Object.entries(api)) if (typeof R[name] !== 'function') R[name] = fn;
