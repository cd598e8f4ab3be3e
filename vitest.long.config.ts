// `npm run test:long`: the runs that take minutes (every rule on 1 MB inputs,
// the property-based fuzzing); `npm test` leaves them out. `.ci/run` runs both.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.long.test.ts'],
    testTimeout: 120000,
  },
});
