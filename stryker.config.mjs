// @ts-check
/**
 * Mutation testing (StrykerJS): `npm run test:mutation` plants small bugs (mutants) in the
 * module's and the toolkit's security- and data-relevant files and runs the in-process tests
 * that cover each one; a mutant no test notices "survives". Too slow for every commit, it runs
 * weekly and by hand (.github/workflows/mutation.yml), one file group per job.
 *
 *   npm run test:mutation                             every group, one run
 *   MUTATION_GROUP=policy-gate npm run test:mutation  one group: its files and its tests only
 *
 * Each group names the files it mutates and the test files that may kill its mutants, so that a
 * run loads only those; within them `coverageAnalysis: "perTest"` runs, for each mutant, only the
 * tests that reached it, and vitest's `related` mode only the test files that import its file.
 */

/** @type {Record<string, { mutate: string[]; testFiles: string[] }>} */
export const MUTATION_GROUPS = {
  // What the module grants and how it keeps credentials: every policy document, the key's, the secret's.
  "module-policies": {
    mutate: ["modules/aurora-postgresql-serverless/src/private/policy-documents.ts", "modules/aurora-postgresql-serverless/src/private/credentials.ts"],
    testFiles: [
      "tests/module/iam.test.ts",
      "tests/module/encryption.test.ts",
      "tests/module/credentials.test.ts",
      "tests/module/proxy.test.ts",
      "tests/module/iam-authentication.test.ts",
      "tests/module/backup-notifications.test.ts",
      "tests/module/backup-vault.test.ts",
      "tests/module/alarms.test.ts",
      "tests/module/s3-roles.test.ts",
      "tests/module/log-encryption.test.ts",
    ],
  },
  // Restoring into a new cluster and the RDS Proxy: their rules and what they synthesize.
  "module-restore-proxy": {
    mutate: [
      "modules/aurora-postgresql-serverless/src/private/validation/restore.ts",
      "modules/aurora-postgresql-serverless/src/private/restore.ts",
      "modules/aurora-postgresql-serverless/src/private/validation/proxy.ts",
      "modules/aurora-postgresql-serverless/src/private/proxy.ts",
    ],
    testFiles: [
      "tests/module/restore.test.ts",
      "tests/module/proxy.test.ts",
      "tests/module/existing-network.test.ts",
      "tests/module/stack-region.test.ts",
      "tests/stacks/restore-input.test.ts",
    ],
  },
  // The policy gate's controls and what they read a configuration with.
  "policy-gate": {
    mutate: [
      "modules/aurora-postgresql-serverless/src/policy-gate/controls/*.ts",
      "!modules/aurora-postgresql-serverless/src/policy-gate/controls/index.ts",
      "modules/aurora-postgresql-serverless/src/policy-gate/private/*.ts",
    ],
    testFiles: ["tests/policy/**/*.test.ts"],
  },
  // The toolkit's retries, migrations and the local endpoint's transactions.
  toolkit: {
    mutate: ["modules/aurora-data-api/src/retry.ts", "modules/aurora-data-api/src/migrations.ts", "modules/aurora-data-api/src/local/transactions.ts"],
    testFiles: ["tests/data-api/retry.test.ts", "tests/data-api/migrations.test.ts", "tests/data-api/local-transactions.test.ts"],
  },
};

const group = process.env.MUTATION_GROUP;
if (group !== undefined && !(group in MUTATION_GROUPS)) {
  throw new Error(`MUTATION_GROUP=${group}: expected one of ${Object.keys(MUTATION_GROUPS).join(", ")}`);
}
const selected = group === undefined ? Object.values(MUTATION_GROUPS) : [MUTATION_GROUPS[group]];
const reportName = group ?? "all";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  coverageAnalysis: "perTest",
  // Mutants in code that runs when a module loads were never switched on with this runner on
  // vitest 4.1 (one emptying a constant survived a test asserting its value): left out rather than
  // counted as survivors. See the README's "Mutation testing".
  ignoreStatic: true,
  // Mutants that do not compile are dropped before any test runs (tsconfig.mutation.json: the sources only).
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.mutation.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: selected.flatMap(({ mutate }) => mutate),
  testFiles: [...new Set(selected.flatMap(({ testFiles }) => testFiles))],
  // The sandbox: a copy of the project, removed after the run (both are gitignored).
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  ignorePatterns: ["cdktf.out", "coverage", "dist", "reports", "*.tgz"],
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${reportName}.html` },
  jsonReporter: { fileName: `reports/mutation/${reportName}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 85, break: 85 },
  // A synthesis test takes seconds on a loaded machine: allow a mutant run more than Stryker's default slack.
  timeoutMS: 30_000,
  // The initial run of a group's tests, with per-test coverage, outlasted the default 5 minutes on a loaded machine.
  dryRunTimeoutMinutes: 20,
};
