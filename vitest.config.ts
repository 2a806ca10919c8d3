import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // ONNX sessions use both cores themselves; two test files at a time is the sweet spot.
    maxWorkers: 2,
    // The default report, then one plain `Tests: N passed, N failed, N skipped` line for CI.
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
