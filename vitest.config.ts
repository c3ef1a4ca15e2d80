import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // tsconfig "paths" map the module's package name to its TypeScript sources, as tsx does for
  // the app, so the monorepo needs no build before tests or synth.
  resolve: { tsconfigPaths: true },
  test: {
    include: ["tests/**/*.test.ts"],
    // Real npm installs, run on their own by `npm run test:install` (vitest.install.config.ts).
    exclude: ["tests/install/**", "**/node_modules/**"],
    setupFiles: ["tests/setup.ts"],
    globalSetup: ["tests/hygiene.global.ts"],
    environment: "node",
    // Test files share no mutable state; reusing each worker's loaded modules (cdktf, the
    // provider classes) across files halves the suite's wall time.
    pool: "forks",
    isolate: false,
    // One worker per core (vitest leaves one core idle by default); most test time is CPU-bound
    // synthesis, and the child processes some tests start wait on I/O.
    maxWorkers: availableParallelism(),
    // The AWS SDK warns once per process that its 2027 releases need Node 22; these machines run 20.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
