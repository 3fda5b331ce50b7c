// @minimesh/cli: the `mesh` command as functions. This file only re-exports.
export * from './commands/dev.js';
export * from './commands/inject.js';
export * from './program.js';
