// Builds the page into dist/web: index.html plus hashed assets, every URL relative (`mesh dev` serves them from its
// own root, and the files work offline). JSX compiles with preact's automatic runtime.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
