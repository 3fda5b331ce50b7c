#!/usr/bin/env node
// Generates the Envoy xDS TypeScript types (proto-loader-gen-types) and the runtime descriptor
// (pbjs -t json --keep-case) from the .proto files that @grpc/grpc-js-xds ships. Output is committed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTO_FILES } from './protos.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..');
const xdsRoot = dirname(require.resolve('@grpc/grpc-js-xds/package.json'));
const protobufRoot = dirname(require.resolve('protobufjs/package.json'));
const includeDirs = [
  join(xdsRoot, 'deps/envoy-api'),
  join(xdsRoot, 'deps/xds'),
  join(xdsRoot, 'deps/googleapis'),
  join(xdsRoot, 'deps/protoc-gen-validate'),
  protobufRoot,
];
const outDir = join(pkgRoot, 'src/generated');
const typesDir = join(outDir, 'types');
const bin = (name) => join(pkgRoot, 'node_modules/.bin', name);

rmSync(typesDir, { recursive: true, force: true });
writeFileSync(
  join(outDir, 'proto-loader-types.ts'),
  [
    '// The few @grpc/proto-loader types the generated files name, declared here so the model has no dependency',
    '// on proto-loader (a generator, not a runtime need). The shapes match proto-loader 0.7.',
    '/** An Any in object form: the type URL under "@type", the message fields beside it. */',
    'export interface AnyExtension {',
    "  '@type': string;",
    '}',
    '/** A method of a generated service definition; the model never calls the (de)serializers. */',
    'export interface MethodDefinition<Req, Res, OutReq = Req, OutRes = Res> {',
    '  path: string;',
    '  requestStream: boolean;',
    '  responseStream: boolean;',
    '  requestSerialize: (value: Req) => Buffer;',
    '  responseSerialize: (value: Res) => Buffer;',
    '  requestDeserialize: (bytes: Buffer) => OutReq;',
    '  responseDeserialize: (bytes: Buffer) => OutRes;',
    '  originalName?: string;',
    '}',
    '',
  ].join('\n'),
);
writeFileSync(
  join(outDir, 'long.ts'),
  '// 64-bit integers arrive as strings (--longs=String); this shape only types the permissive inputs.\n' +
    'export interface Long {\n  low: number;\n  high: number;\n  unsigned: boolean;\n}\n',
);

// 1. TypeScript types: keep-case field names, 64-bit ints and enums as strings, Any as {"@type": ...}.
execFileSync(
  bin('proto-loader-gen-types'),
  [
    '--keepCase',
    '--longs=String',
    '--enums=String',
    '--oneofs',
    '--json',
    '--includeComments',
    ...includeDirs.flatMap((d) => ['-I', d]),
    '-O',
    typesDir,
    ...PROTO_FILES,
  ],
  { stdio: 'inherit' },
);

// proto-loader-gen-types writes extension-less relative imports and imports Long from @grpc/proto-loader.
// ESM (NodeNext) needs `.js` extensions, and the model must not depend on proto-loader for a type, so rewrite.
let files = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) fix(p);
  }
};
const fix = (file) => {
  let text = readFileSync(file, 'utf8');
  text = text.replace(/from '(\.{1,2}\/[^']+)'/g, (_m, spec) => `from '${spec}.js'`);
  const longPath = relative(dirname(file), join(outDir, 'long.js')).replace(/^(?!\.)/, './');
  text = text.replace(
    /import type \{ Long \} from '@grpc\/proto-loader';/g,
    `import type { Long } from '${longPath}';`,
  );
  const typesPath = relative(dirname(file), join(outDir, 'proto-loader-types.js')).replace(/^(?!\.)/, './');
  text = text.replace(
    /import type \{ (AnyExtension|MethodDefinition) \} from '@grpc\/proto-loader';?/g,
    (_m, name) => `import type { ${name} } from '${typesPath}';`,
  );
  // Machine-independent provenance: keep the path below @grpc/grpc-js-xds, drop this checkout's prefix.
  text = text.replace(/\/\/ Original file: \S*?\/deps\//g, '// Original file: @grpc/grpc-js-xds/deps/');
  writeFileSync(file, text);
  files++;
};
walk(typesDir);

// 2. Runtime descriptor for protobufjs: every message of the files above, field names as in the .proto.
execFileSync(
  bin('pbjs'),
  [
    '-t',
    'json',
    '--keep-case',
    ...includeDirs.flatMap((d) => ['-p', d]),
    '-o',
    join(outDir, 'envoy.json'),
    ...PROTO_FILES,
  ],
  { stdio: 'inherit' },
);
// Stable, compact output so the committed file diffs cleanly.
const json = JSON.parse(readFileSync(join(outDir, 'envoy.json'), 'utf8'));
writeFileSync(join(outDir, 'envoy.json'), `${JSON.stringify(json)}\n`);
console.log(`generated ${files} type files and envoy.json (${PROTO_FILES.length} root protos)`);
