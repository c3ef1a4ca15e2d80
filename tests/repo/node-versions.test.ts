/**
 * One statement of the Node.js versions everywhere: every package's engines, the versions ci tests
 * on, and the READMEs say the same (README, "Node.js versions").
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const PACKAGES = ["package.json", "modules/aurora-postgresql-serverless/package.json", "modules/aurora-data-api/package.json"];
/** The supported majors, and the floor that still runs until the AWS SDK drops Node.js 20. */
const SUPPORTED = ["22", "24"];
const ENGINES = ">=20.19.0";
const FLOOR = "20.19";

describe("Node.js versions", () => {
  it("are one engines range in every package, the lockfile's workspace entries included", () => {
    for (const path of PACKAGES) expect(JSON.parse(read(path)).engines, path).toEqual({ node: ENGINES });
    const lock = JSON.parse(read("package-lock.json")).packages;
    for (const path of ["", "modules/aurora-postgresql-serverless", "modules/aurora-data-api"])
      expect(lock[path].engines, path || "root").toEqual({ node: ENGINES });
    expect(ENGINES).toBe(`>=${FLOOR}.0`);
  });

  it("are what ci's test and integration jobs run on: the floor and each supported major", () => {
    const jobs = parse(read(".github/workflows/ci.yml")).jobs;
    for (const job of ["test", "integration"]) {
      expect(jobs[job].strategy.matrix.node, job).toEqual([FLOOR, ...SUPPORTED]);
      expect(jobs[job].strategy["fail-fast"], job).toBe(false);
    }
  });

  it("are stated in the READMEs: 22 and 24 supported, 24 recommended, 20.19 still running", () => {
    for (const path of ["README.md", "modules/aurora-postgresql-serverless/README.md", "modules/aurora-data-api/README.md"]) {
      const readme = read(path).replace(/\s+/g, " ");
      expect(readme, path).toMatch(/Node\.js 22 and 24 (are )?supported|Supported: Node\.js 22 and 24/);
      expect(readme, path).toContain("use 24");
      expect(readme, path).toContain("Node.js 20.19 or later still runs");
      expect(readme, path).not.toMatch(/Node\.js 20\.9|Node\.js 20\.19 or later \(/);
    }
  });
});
