import { availableParallelism } from "node:os";
import type { ViteUserConfig } from "vitest/config";

/**
 * Tests that run other programs: npm pack and TypeScript builds, the cdktf CLI, Terraform's
 * parser, bash scripts with curl and jq, Node subprocesses, TypeDoc, PGlite. `npm run
 * test:integration` runs them (vitest.integration.config.ts); `npm test` runs the rest, in process.
 */
export const INTEGRATION_TESTS = "tests/**/*.integration.test.ts";

type TestOptions = NonNullable<ViteUserConfig["test"]>;

/** One tier of the suite: the settings both share, with that tier's files and setup. */
export function suiteConfig(tier: Pick<TestOptions, "include" | "exclude" | "setupFiles">): ViteUserConfig {
  return {
    // tsconfig "paths" map the module's package name to its TypeScript sources, as the app's
    // bundle does, so the monorepo needs no build before tests or synth.
    resolve: { tsconfigPaths: true },
    test: {
      ...tier,
      globalSetup: ["tests/hygiene.global.ts"],
      environment: "node",
      // Test files share no mutable state; reusing each worker's loaded modules (cdktf, the
      // provider classes) across files halves the suite's wall time.
      pool: "forks",
      isolate: false,
      // One worker per core (vitest leaves one core idle by default): the in-process tests are
      // CPU-bound synthesis, and the programs the integration tests start wait on I/O.
      maxWorkers: availableParallelism(),
      // The AWS SDK warns once per process that its 2027 releases need Node 22; these machines run 20.
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
}
