/**
 * One Terraform version for everything: `.terraform-version` feeds every stack's
 * `required_version` (and the workflows, see tests/workflows).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTerraformVersion, TERRAFORM_VERSION } from "../../stacks/terraform-version";
import { databaseStackNames, synthEnvironments } from "../support/synth";

const FILE = readFileSync(resolve(import.meta.dirname, "../../.terraform-version"), "utf8");

describe(".terraform-version", () => {
  it("holds one exact version of at least 1.11, which write-only arguments and ephemeral resources need", () => {
    expect(FILE).toMatch(/^\d+\.\d+\.\d+\n$/);
    const [major, minor] = TERRAFORM_VERSION.split(".").map(Number);
    expect(major! > 1 || (major === 1 && minor! >= 11)).toBe(true);
  });

  it("is refused with a clear message when it holds anything else", () => {
    expect(parseTerraformVersion(" 1.12.0\n")).toBe("1.12.0");
    expect(() => parseTerraformVersion("~> 1.11")).toThrow('.terraform-version must hold one version such as "1.11.4"; it holds "~> 1.11"');
  });
});

it.each(databaseStackNames())("the %s stack requires the version in .terraform-version or a later 1.x", (stack) => {
  expect(synthEnvironments()[stack].json.terraform.required_version).toBe(`>= ${FILE.trim()}, < 2.0.0`);
});
