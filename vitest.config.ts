import { availableParallelism } from "node:os";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/**
 * The suite's tiers, one vitest project each, picked with `--project`:
 *
 * - `unit` (`npm test`): every test that runs in process. A test that starts a program fails
 *   there (tests/in-process.ts) and belongs in a *.integration.test.ts file.
 * - `integration` (`npm run test:integration`): the files named *.integration.test.ts, the tests
 *   that run other programs: npm pack and TypeScript builds, the cdktf CLI, Terraform's parser,
 *   bash scripts with curl and jq, Node subprocesses, TypeDoc, PGlite.
 * - `install` (`npm run test:install`): real npm installs of the packed module (tests/install),
 *   kept out of the other two for their size, as the ci workflow's install job runs them.
 */
export const INTEGRATION_TESTS = "tests/**/*.integration.test.ts";
export const INSTALL_TESTS = "tests/install/**/*.test.ts";

const NODE_MODULES = "**/node_modules/**";

/**
 * `TEST_TIER=unit` (or another project's name) keeps only that project, for a tool that loads
 * this config but cannot pass `--project`: StrykerJS's vitest runner takes a config file, and
 * its `dir` option does not reach into projects.
 */
const onlyTier = process.env.TEST_TIER;

/** The tiers, each a project of the suite's settings with its own files and setup. */
const TIERS = [
  {
    extends: true,
    test: {
      name: "unit",
      include: ["tests/**/*.test.ts"],
      exclude: [INTEGRATION_TESTS, INSTALL_TESTS, NODE_MODULES],
      setupFiles: ["tests/setup.ts", "tests/in-process.ts"],
      globalSetup: ["tests/hygiene.global.ts"],
    },
  },
  {
    extends: true,
    test: {
      name: "integration",
      include: [INTEGRATION_TESTS],
      exclude: [INSTALL_TESTS, NODE_MODULES],
      setupFiles: ["tests/setup.ts"],
      globalSetup: ["tests/hygiene.global.ts"],
    },
  },
  {
    extends: true,
    test: {
      name: "install",
      include: [INSTALL_TESTS],
      exclude: [NODE_MODULES],
      testTimeout: 600_000,
      hookTimeout: 600_000,
    },
  },
] satisfies TestProjectInlineConfiguration[];

export default defineConfig({
  // tsconfig "paths" map the module's package name to its TypeScript sources, as the app's
  // bundle does, so the monorepo needs no build before tests or synth.
  resolve: { tsconfigPaths: true },
  test: {
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
    projects: TIERS.filter((project) => onlyTier === undefined || project.test.name === onlyTier),
  },
});
