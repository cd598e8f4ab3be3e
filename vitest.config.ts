// `npm test`: every suite but the long ones (`*.long.test.ts`, run by
// `npm run test:long` with vitest.long.config.ts), so that it stays within
// a few minutes on a small machine.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.long.test.ts', '**/node_modules/**'],
    testTimeout: 120000,
  },
});
