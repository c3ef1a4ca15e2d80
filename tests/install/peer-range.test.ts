/**
 * The module as a new user installs it: the packed tarball and its peers installed by a real
 * `npm install` from the registry (the npm cache keeps it quick) into a fresh project, at the
 * floor and at the ceiling of the declared peer ranges, once as CommonJS and once as ESM with
 * `"module": "NodeNext"`, and on CDK Terrain as the module README installs it; each compiled with
 * tsc and synthesized. Run by `npm run test:install`
 * (the `ci` workflow's `install` job), not by `npm test`: each install unpacks the 390 MB AWS
 * provider package.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const MODULE = join(ROOT, "modules/aurora-postgresql-serverless");
const PACKAGE = "cdktf-aurora-postgresql-serverless";
const TYPESCRIPT = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).devDependencies.typescript as string;
const builtBefore = existsSync(join(MODULE, "dist"));
const work = mkdtempSync(join(tmpdir(), "peer-range-test-"));
let tarball: string;

/** The lowest and the highest versions the peer ranges accept, of the cdktf packages. */
const PEERS = {
  floor: { cdktf: "0.21.0", constructs: "10.4.2", "@cdktf/provider-aws": "21.0.0", "@cdktf/provider-random": "12.0.0" },
  ceiling: { cdktf: "0.21.0", constructs: "10.8.1", "@cdktf/provider-aws": "21.22.1", "@cdktf/provider-random": "12.0.1" },
} as const;

/**
 * CDK Terrain's packages under the cdktf names, plus cdktn itself, exactly as the module README's
 * "On CDK Terrain" section installs them; the versions each name then holds.
 */
const TERRAIN = {
  specs: [
    "cdktf@npm:cdktn@0.24.0",
    "cdktn@0.24.0",
    "constructs@10.7.0",
    "@cdktf/provider-aws@npm:@cdktn/provider-aws@25.7.0",
    "@cdktf/provider-random@npm:@cdktn/provider-random@15.0.1",
  ],
  versions: { cdktf: "0.24.0", constructs: "10.7.0", "@cdktf/provider-aws": "25.7.0", "@cdktf/provider-random": "15.0.1" },
} as const;

const app = (esm: boolean) => {
  const lib = (path: string) => (esm ? `${path}/index.js` : path);
  return `
import { AwsProvider } from "${lib("@cdktf/provider-aws/lib/provider")}";
import { RandomProvider } from "${lib("@cdktf/provider-random/lib/provider")}";
import { App, TerraformStack } from "cdktf";
import { AuroraPostgresServerless, PolicyGate } from "${PACKAGE}";

const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "shop");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new RandomProvider(stack, "random");
const db = new AuroraPostgresServerless(stack, "Database", { name: "shop-dev", databaseName: "shop", readers: 1, credentials: "managed", encryptionKey: "create", skipFinalSnapshot: true });
db.grantDataApiAccess("Worker", { name: "worker-role" });
PolicyGate.apply(stack);
app.synth();
`;
};

/** Installs the tarball and these peers into a new project, compiles main.ts, runs it; the stack's JSON. */
async function consumer(name: string, peers: Readonly<Record<string, string>>, esm: boolean, peerSpecs?: readonly string[]) {
  const project = join(work, name);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name, private: true, type: esm ? "module" : "commonjs" }));
  // A plain install: no --legacy-peer-deps, so npm checks the peer ranges.
  const specs = [tarball, ...(peerSpecs ?? Object.entries(peers).map(([pkg, version]) => `${pkg}@${version}`)), `typescript@${TYPESCRIPT}`, "@types/node@20"];
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", ...specs], { cwd: project, maxBuffer: 32 * 1024 * 1024 });
  // NodeNext follows the package's "type": CommonJS output for "commonjs", ESM for "module".
  const compilerOptions = {
    target: "ES2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    types: ["node"],
    skipLibCheck: true,
    outDir: "dist",
  };
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts"] }));
  writeFileSync(join(project, "main.ts"), app(esm));
  await run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project }).catch(
    (error: { stdout?: string }) => {
      throw new Error(`${name}: tsc failed:\n${error.stdout}`);
    },
  );
  await run(process.execPath, ["dist/main.js"], { cwd: project }).catch((error: { stderr?: string }) => {
    throw new Error(`${name}: the app failed:\n${error.stderr}`);
  });
  const installed = (pkg: string) => JSON.parse(readFileSync(join(project, "node_modules", pkg, "package.json"), "utf8")).version as string;
  return {
    json: JSON.parse(readFileSync(join(project, "out/stacks/shop/cdk.tf.json"), "utf8")) as Record<string, Record<string, unknown>>,
    versions: Object.fromEntries(Object.keys(peers).map((pkg) => [pkg, installed(pkg)])),
  };
}

/** A stack's configuration without what the installed versions and the project's folder decide. */
function withoutVersions(json: Record<string, Record<string, unknown>>) {
  const copy = JSON.parse(JSON.stringify(json));
  delete copy.terraform.required_providers;
  delete copy.terraform.backend; // the state file's path, inside each project
  delete copy["//"];
  return copy;
}

let floor: Awaited<ReturnType<typeof consumer>>;
let ceiling: Awaited<ReturnType<typeof consumer>>;
let terrain: Awaited<ReturnType<typeof consumer>>;

beforeAll(async () => {
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: MODULE });
  tarball = join(work, (JSON.parse(stdout.slice(stdout.indexOf("["))) as { filename: string }[])[0]!.filename);
  floor = await consumer("floor-commonjs", PEERS.floor, false);
  ceiling = await consumer("ceiling-esm", PEERS.ceiling, true);
  terrain = await consumer("terrain-commonjs", TERRAIN.versions, false, TERRAIN.specs);
}, 600_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (!builtBefore) rmSync(join(MODULE, "dist"), { recursive: true, force: true });
});

describe("the declared peer ranges", () => {
  it("accept CDK Terrain's packages installed under the cdktf names, and synthesize the same configuration but for the providers", () => {
    const readme = readFileSync(join(MODULE, "README.md"), "utf8");
    const documented = /```sh\n(npm install cdktf@npm:cdktn[\s\S]*?)```/.exec(readme)![1]!;
    for (const spec of TERRAIN.specs) expect(documented, spec).toContain(spec);
    expect(terrain.versions).toEqual(TERRAIN.versions);
    expect(withoutVersions(terrain.json)).toEqual(withoutVersions(ceiling.json));
  });

  it("are the ranges the package declares, whose floor and ceiling the installs below use", () => {
    const manifest = JSON.parse(readFileSync(join(MODULE, "package.json"), "utf8"));
    expect(manifest.peerDependencies).toEqual({
      "@cdktf/provider-aws": "^21.0.0 || ^25.7.0",
      "@cdktf/provider-random": "^12.0.0 || ^15.0.1",
      cdktf: "^0.21.0 || ^0.24.0",
      constructs: "^10.4.2",
    });
  });

  it("install at the floor and synthesize from CommonJS", () => {
    expect(floor.versions).toEqual(PEERS.floor);
    expect(Object.keys(floor.json.resource!)).toContain("aws_rds_cluster");
  });

  it("install at the ceiling and synthesize from ESM with NodeNext", () => {
    expect(ceiling.versions).toEqual(PEERS.ceiling);
    expect(Object.keys(ceiling.json.resource!)).toContain("aws_rds_cluster");
  });

  it("synthesize the same configuration at both ends, but for the provider versions they pin (and the local state's path)", () => {
    const required = (json: Record<string, Record<string, unknown>>) => json.terraform!.required_providers as Record<string, { version: string }>;
    expect(required(floor.json).aws!.version).toMatch(/^6\./);
    expect(required(ceiling.json).aws!.version).toBe("6.25.0");
    expect(withoutVersions(floor.json)).toEqual(withoutVersions(ceiling.json));
  });
});
