/**
 * The toolkit as a user installs it: packed with `npm pack`, unpacked into a fresh project with
 * only its peer dependencies (the monorepo's installed copies), then its command run from the
 * built JavaScript (no tsx there), its library loaded from ESM and from CommonJS, and its
 * declarations type-checked under NodeNext.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPacked } from "../support/packed";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TOOLKIT = join(ROOT, "modules/aurora-data-api");
const PEERS = ["@aws-sdk/client-rds-data", "@aws-sdk/client-ssm", "@electric-sql/pglite", "@electric-sql/pglite-pgvector", "pg"];
const BUILD_OUTPUT = join(TOOLKIT, "dist");
const builtBefore = existsSync(BUILD_OUTPUT);
const work = mkdtempSync(join(tmpdir(), "toolkit-package-test-"));
const project = join(work, "project");
const installed = join(project, "node_modules/aurora-data-api-toolkit");
let files: string[] = [];
let manifest: Record<string, unknown>;

beforeAll(async () => {
  ({ files, manifest } = await installPacked(TOOLKIT, project, work, PEERS));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "project", private: true, type: "module" }));
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (!builtBefore) rmSync(BUILD_OUTPUT, { recursive: true, force: true });
});

const CLUSTER = "arn:aws:rds:eu-west-1:123456789012:cluster:shop-dev-aurora-cluster";

describe("the toolkit's tarball", () => {
  it("ships the command, the build, the example migration and the documents, nothing else", () => {
    expect(
      files.filter(
        (path) =>
          !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin\/aurora-db\.mjs|dist\/[\w/-]+\.(js|js\.map|d\.ts)|examples\/migrations\/\w+\.sql)$/.test(path),
      ),
    ).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        "bin/aurora-db.mjs",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/cli/main.js",
        "dist/env-keys.js",
        "examples/migrations/0001_documents_with_embeddings.sql",
        "LICENSE",
      ]),
    );
    expect(files.some((path) => path.startsWith("src/") || path.includes(".test."))).toBe(false);
  });

  it("has no dependency of its own: the AWS SDK is a peer; SSM, PGlite and node-postgres optional peers", () => {
    expect(manifest.dependencies).toBeUndefined();
    expect(Object.keys(manifest.peerDependencies as object).sort()).toEqual([...PEERS].sort());
    expect(manifest.peerDependenciesMeta).toEqual({
      "@aws-sdk/client-ssm": { optional: true },
      "@electric-sql/pglite": { optional: true },
      "@electric-sql/pglite-pgvector": { optional: true },
      pg: { optional: true },
    });
  });

  it("runs from the repository's node_modules/.bin as users run it, before any build", async () => {
    const { stdout } = await run(join(ROOT, "node_modules/.bin/aurora-db"), ["--help"], { cwd: ROOT, env: { ...process.env, TSX_DISABLE_CACHE: "1" } });
    expect(stdout).toMatch(/^Usage: aurora-db <command> \[options\]/);
  });

  it("runs aurora-db from the built JavaScript, without tsx", async () => {
    expect(existsSync(join(project, "node_modules/tsx"))).toBe(false);
    const { stdout } = await run(process.execPath, [join(installed, "bin/aurora-db.mjs"), "--help"], { cwd: project });
    expect(stdout).toMatch(/^Usage: aurora-db <command> \[options\]/);
  });

  it("loads from ESM and from CommonJS, and its declarations type-check under NodeNext", async () => {
    const script = `const { regionOfClusterArn, ENV_KEYS } = MODULE; console.log(regionOfClusterArn("${CLUSTER}"), ENV_KEYS.length);`;
    writeFileSync(join(project, "esm.mjs"), script.replace("MODULE", 'await import("aurora-data-api-toolkit")'));
    writeFileSync(join(project, "cjs.cjs"), script.replace("MODULE", 'require("aurora-data-api-toolkit")'));
    expect((await run(process.execPath, ["esm.mjs"], { cwd: project })).stdout).toBe("eu-west-1 6\n");
    expect((await run(process.execPath, ["cjs.cjs"], { cwd: project })).stdout).toBe("eu-west-1 6\n");
    writeFileSync(
      join(project, "app.ts"),
      `import { DataApiClient, type QueryResult, uuid } from "aurora-data-api-toolkit";
import { ENV_KEYS } from "aurora-data-api-toolkit/env-keys";
const db = new DataApiClient({ resourceArn: "${CLUSTER}", secretArn: "s", database: "shop" });
export const rows: Promise<QueryResult<{ id: string }>> = db.query<{ id: string }>("SELECT :id::text AS id", { id: uuid("x") });
export const keys: string[] = ENV_KEYS.map(({ key }) => key);
// @ts-expect-error arrays are not parameters
db.query("SELECT 1", { ids: [1, 2] });
`,
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, types: ["node"] },
        files: ["app.ts"],
      }),
    );
    const tsc = join(ROOT, "node_modules/typescript-native/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project }).then(
      () => "passed",
      (error: { code?: number; stdout?: string; stderr?: string }) => `exit ${error.code}: ${error.stdout}${error.stderr}`,
    );
    expect(result).toBe("passed");
  });
});
