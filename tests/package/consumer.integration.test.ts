/**
 * The module as another CDKTF project meets it: packed with `npm pack`, installed into a fresh
 * project that has only the peer dependencies (the monorepo's installed copies, so no network),
 * type-checked against the shipped declarations, compiled and synthesized.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPacked } from "../support/packed";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const MODULE = join(ROOT, "modules/aurora-postgresql-serverless");
const PACKAGE = "cdktf-aurora-postgresql-serverless";
const PEERS = ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-random"];
// TypeScript 7 (the native compiler): the version a new project gets today, and 4x faster to run.
const TSC = join(ROOT, "node_modules/typescript-native/bin/tsc");

const work = mkdtempSync(join(tmpdir(), "consumer-test-"));
// `npm pack` builds into the module's dist; a test leaves the tree as it found it.
const BUILD_OUTPUT = join(MODULE, "dist");
const builtBefore = existsSync(BUILD_OUTPUT);
const consumer = join(work, "consumer");
let packedFiles: string[] = [];
let packedManifest: Record<string, unknown>;
let appErrors: string;
let wrongErrors: string;

/** What may ship: the build output, the manifest and the documents. */
export function isAllowedInTarball(path: string): boolean {
  return /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/[\w/-]+\.(js|js\.map|d\.ts))$/.test(path);
}

async function typecheck(project: string) {
  try {
    await run(process.execPath, [TSC, "-p", project], { cwd: consumer });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

const APP = `
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import {
  AuroraPostgresServerless,
  type AuroraPostgresServerlessProps,
  PolicyGate,
  ValidationError,
} from "${PACKAGE}";

const props: AuroraPostgresServerlessProps = {
  name: "shop-dev",
  databaseName: "shop",
  minCapacity: 0,
  credentials: "managed",
  encryptionKey: "create",
  skipFinalSnapshot: true,
  readers: 1,
};

const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, "consumer");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new RandomProvider(stack, "random");
const db = new AuroraPostgresServerless(stack, "Database", props);
db.grantDataApiAccess("Worker", { name: "worker-role" });
db.grantConnect("Reporting", { name: "reporting-role" }, "reporting");
new TerraformOutput(stack, "cluster_arn", { value: db.clusterArn });
new TerraformOutput(stack, "secret_arn", { value: db.secretArn });
PolicyGate.apply(stack);

try {
  new AuroraPostgresServerless(stack, "Invalid", { name: "Bad Name", databaseName: "shop" });
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.log(JSON.stringify(error.problems.map((problem) => problem.property)));
}
stack.node.tryRemoveChild("Invalid");
app.synth();
`;

const WRONG = `
import { AuroraPostgresServerless, PolicyGate } from "${PACKAGE}";
import { naming } from "${PACKAGE}/dist/private/naming";
declare const scope: import("constructs").Construct;
const db = new AuroraPostgresServerless(scope, "Db", { name: "x", databaseName: "y", minCapacity: "zero" });
const port: string = db.port;
PolicyGate.apply(scope);
export { naming, port };
`;

beforeAll(async () => {
  ({ files: packedFiles, manifest: packedManifest } = await installPacked(MODULE, consumer, work, PEERS));
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "commonjs", dependencies: { [PACKAGE]: packedManifest.version } }),
  );
  // skipLibCheck: the peers' large declarations are not ours to check; ours are proven typed by
  // the wrong.ts file below, which must fail (declarations that degraded to any would not).
  const compilerOptions = {
    target: "ES2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    types: ["node"],
    outDir: "dist",
    skipLibCheck: true,
  };
  writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts"] }));
  writeFileSync(join(consumer, "tsconfig.wrong.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: ["wrong.ts"] }));
  writeFileSync(join(consumer, "main.ts"), APP);
  writeFileSync(join(consumer, "wrong.ts"), WRONG);
  [appErrors, wrongErrors] = await Promise.all([typecheck("tsconfig.json"), typecheck("tsconfig.wrong.json")]);
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (!builtBefore) rmSync(BUILD_OUTPUT, { recursive: true, force: true });
});

describe("the tarball", () => {
  it("holds only the build output, the manifest, README, LICENSE and CHANGELOG", () => {
    expect(packedFiles.filter((path) => !isAllowedInTarball(path))).toEqual([]);
    expect(packedFiles).toEqual(
      expect.arrayContaining(["package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist/index.js", "dist/index.d.ts", "dist/index.js.map"]),
    );
  });

  it("holds no build output of a source that no longer exists: every build starts from an empty dist", () => {
    const compiled = packedFiles.filter((path) => path.endsWith(".js")).map((path) => path.replace(/^dist\//, "src/").replace(/\.js$/, ".ts"));
    expect(compiled.length).toBeGreaterThan(10);
    for (const source of compiled) expect(existsSync(join(MODULE, source)), source).toBe(true);
  });

  it("would be refused with sources, tests or secrets in it", () => {
    for (const path of ["src/index.ts", "tests/iam.test.ts", ".env", "tsconfig.build.json", "../stacks/app.ts", "dist/index.ts"]) {
      expect(isAllowedInTarball(path), path).toBe(false);
    }
  });

  it("declares exactly the four peers, no runtime dependency, and what a registry needs", () => {
    expect(packedManifest.peerDependencies).toEqual({
      "@cdktf/provider-aws": "^21.0.0 || ^25.7.0",
      "@cdktf/provider-random": "^12.0.0 || ^15.0.1",
      cdktf: "^0.21.0 || ^0.24.0",
      constructs: "^10.4.2",
    });
    expect(packedManifest.dependencies).toBeUndefined();
    const sourceManifest = JSON.parse(readFileSync(join(MODULE, "package.json"), "utf8")) as { version: string };
    expect(packedManifest).toMatchObject({ version: sourceManifest.version, license: "MIT", engines: { node: ">=20.19.0" } });
    // The changelog's newest section is the version being packed.
    const newest = /^## \[(\d+\.\d+\.\d+)\]/m.exec(readFileSync(join(MODULE, "CHANGELOG.md"), "utf8"))?.[1];
    expect(newest).toBe(sourceManifest.version);
    expect(packedManifest.repository).toMatchObject({ type: "git", directory: "modules/aurora-postgresql-serverless" });
    expect(packedManifest.keywords).toEqual(expect.arrayContaining(["cdktf", "aurora", "rds-data-api"]));
  });

  it("exports the package root only", () => {
    expect(packedManifest.exports).toEqual({
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./package.json": "./package.json",
    });
  });
});

describe("a consumer project", () => {
  it("type-checks its app against the shipped declarations", () => {
    expect(appErrors).toBe("");
  });

  it("fails to type-check wrong prop, attribute and argument types, and a deep import", () => {
    const errors = wrongErrors;
    expect(errors).toMatch(/wrong\.ts\(\d+,\d+\): error TS2307: Cannot find module 'cdktf-aurora-postgresql-serverless\/dist\/private\/naming'/);
    expect(errors).toMatch(/wrong\.ts\(5,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(errors).toMatch(/wrong\.ts\(6,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
    // TypeScript 7 reports the argument by the properties a Construct lacks (TS2740).
    expect(errors).toMatch(/wrong\.ts\(7,\d+\): error TS2740: Type 'Construct' is missing the following properties from type 'TerraformStack'/);
  });

  it("synthesizes the main resources through the package, by name", async () => {
    const outdir = join(consumer, "cdktf.out");
    const { stdout } = await run(process.execPath, [join(consumer, "dist/main.js"), outdir], { cwd: consumer });
    expect(JSON.parse(stdout.trim())).toEqual(["name"]);
    const json = JSON.parse(readFileSync(join(outdir, "stacks/consumer/cdk.tf.json"), "utf8"));
    const clusters = Object.values(json.resource.aws_rds_cluster) as Record<string, unknown>[];
    expect(clusters).toEqual([
      expect.objectContaining({
        cluster_identifier: "shop-dev-aurora-cluster",
        engine: "aurora-postgresql",
        enable_http_endpoint: true,
        manage_master_user_password: true,
      }),
    ]);
    expect(Object.keys(json.resource.aws_rds_cluster_instance)).toHaveLength(2);
    expect(Object.keys(json.resource.aws_kms_key)).toHaveLength(1);
    const policies = Object.values(json.resource.aws_iam_role_policy) as { role: string }[];
    expect(policies.map((policy) => policy.role)).toEqual(expect.arrayContaining(["worker-role", "reporting-role"]));
  });

  it("cannot reach internal files by deep path at run time", async () => {
    const attempt = run(process.execPath, ["-e", `require("${PACKAGE}/dist/private/naming")`], { cwd: consumer });
    await expect(attempt).rejects.toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it("loads a few dozen provider files and no provider package root when it imports the package", async () => {
    const probe = `
      require("${PACKAGE}");
      const files = Object.keys(require.cache).filter((file) => /@cdktf[\\\\/]provider-/.test(file));
      console.log(JSON.stringify({ files: files.length, roots: files.filter((file) => /provider-[a-z]+[\\\\/]lib[\\\\/]index\\.js$/.test(file)) }));
    `;
    const { stdout } = await run(process.execPath, ["-e", probe], { cwd: consumer });
    // Counted, not timed: the time is the benchmark's (npm run bench), where a shared machine's load is measured against a floor.
    const { files, roots } = JSON.parse(stdout) as { files: number; roots: string[] };
    expect(roots).toEqual([]);
    expect(files).toBeGreaterThan(0);
    expect(files).toBeLessThan(60);
  });
});
