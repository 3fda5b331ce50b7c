import { defineConfig } from 'vitest/config';

// The browser tests share one `mesh dev` and one chromium per file; files run one at a time (a 2-core machine).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
