export * from './duplicates.js';
export * from './fast-path.js';
export * from './limits.js';
export * from './load-directory.js';
export * from './load-manifests.js';
export * from './loaded-resource.js';
export * from './source-locator.js';
