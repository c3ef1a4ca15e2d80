/**
 * The stacks' own "did you mean" helper: a copy of the module's private one (the package does not
 * export it), held identical to it, and its rules checked directly.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { nearestName } from "../../stacks/nearest-name";

const body = (path: string) =>
  readFileSync(resolve(import.meta.dirname, "../..", path), "utf8")
    .split("\n")
    .slice(1)
    .join("\n");

describe("nearestName of the stacks", () => {
  it("is the module's private helper, but for its first comment line", () => {
    expect(body("stacks/nearest-name.ts")).toBe(body("modules/aurora-postgresql-serverless/src/private/nearest-name.ts"));
  });

  it("completes a name cut short, counts a swap of neighbours as one edit, ignores case, and has nothing to offer from nothing", () => {
    const known = ["AURORA_DEV_MAX_CAPACITY", "AURORA_DEV_MIN_CAPACITY", "AURORA_DEV_MAX_CAPACITY_FOR_PREVIEWS"];
    expect(nearestName("aurora_dev_max", known)).toBe("AURORA_DEV_MAX_CAPACITY");
    expect(nearestName("AURORA_DEV_MAX_CAPCAITY", known)).toBe("AURORA_DEV_MAX_CAPACITY");
    expect(nearestName("AURORA_DEV_MIN_CAPACITI", known)).toBe("AURORA_DEV_MIN_CAPACITY");
    expect(nearestName("AURORA_DEV_MAX_CAPACITY", [])).toBeUndefined();
  });
});
