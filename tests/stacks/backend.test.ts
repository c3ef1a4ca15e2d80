/**
 * Local state by default; Terraform Cloud, one named workspace per stack, when configured.
 */
import { isAbsolute, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defineStacks } from "../../stacks/app";
import { synthEnvironments, synthesize, validationProblems } from "../support/synth";
import { testApp } from "../support/app";

describe("without TF_CLOUD_ORGANIZATION", () => {
  it("keeps each stack's state in a local file in the project root, by a path relative to the stack directory", () => {
    const app = testApp();
    const stacks = defineStacks(app, {}).environments;
    for (const [name, stack] of Object.entries(stacks)) {
      const { json } = synthesize(stack);
      const path = json.terraform.backend.local.path as string;
      expect(isAbsolute(path)).toBe(false);
      expect(resolve(app.outdir, "stacks", name, path)).toBe(resolve(`terraform.${name}.tfstate`));
      expect(json.terraform.cloud).toBeUndefined();
    }
  });
});

describe("with TF_CLOUD_ORGANIZATION", () => {
  it("uses Terraform Cloud with one workspace per stack, named <prefix>-<stack>", () => {
    const stacks = synthEnvironments({ TF_CLOUD_ORGANIZATION: "acme" });
    for (const [name, { json }] of Object.entries(stacks)) {
      expect(json.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: `alex-database-${name}` } });
      expect(json.terraform.backend).toBeUndefined();
    }
  });

  it("accepts a workspace prefix, a project and a hostname", () => {
    const { prod } = synthEnvironments({
      TF_CLOUD_ORGANIZATION: "acme",
      TF_CLOUD_WORKSPACE_PREFIX: "payments-db",
      TF_CLOUD_PROJECT: "databases",
      TF_CLOUD_HOSTNAME: "tfe.example.com",
    });
    expect(prod.json.terraform.cloud).toEqual({
      organization: "acme",
      hostname: "tfe.example.com",
      workspaces: { name: "payments-db-prod", project: "databases" },
    });
  });

  it("never writes a token into the configuration", () => {
    const sentinel = "tok3n-must-not-leak";
    const stacks = synthEnvironments({
      TF_CLOUD_ORGANIZATION: "acme",
      TF_TOKEN_app_terraform_io: sentinel,
      TF_API_TOKEN: sentinel,
    });
    for (const { text, json } of Object.values(stacks)) {
      expect(text).not.toContain(sentinel);
      expect(json.terraform.cloud.token).toBeUndefined();
    }
  });

  it("refuses an organization or workspace prefix Terraform Cloud would not accept", () => {
    const problems = validationProblems(() =>
      defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme corp", TF_CLOUD_WORKSPACE_PREFIX: "a/b" }),
    );
    expect(problems.map((p) => [p.property, p.received])).toEqual([
      ["TF_CLOUD_ORGANIZATION", "acme corp"],
      ["TF_CLOUD_WORKSPACE_PREFIX", "a/b"],
    ]);
    expect(() =>
      defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_WORKSPACE_PREFIX: "x".repeat(90) }),
    ).toThrow(/within 90 characters/);
  });
});
