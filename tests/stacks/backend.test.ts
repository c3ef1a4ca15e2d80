/**
 * Local state by default; Terraform Cloud, one named workspace per stack, when configured.
 */
import { isAbsolute, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defineStacks } from "../../stacks/app";
import { DEFAULT_PROJECT, DEFAULT_WORKSPACE_PREFIX, workspaceName } from "../../stacks/backend";
import { testApp } from "../support/app";
import { synthEnvironments, synthesize, validationProblems } from "../support/synth";

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

describe("a TF_CLOUD_ variable the app does not read", () => {
  it("is refused with the nearest known name, with or without an organization", () => {
    const misspelt = validationProblems(() => defineStacks(testApp(), { TF_CLOUD_ORGANISATION: "acme" }));
    expect(misspelt).toEqual([
      { property: "TF_CLOUD_ORGANISATION", received: "acme", allowed: "a variable the app reads; did you mean TF_CLOUD_ORGANIZATION?" },
    ]);
    const project = validationProblems(() => defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_PROJET: "db" }));
    expect(project.map((p) => [p.property, p.allowed])).toEqual([["TF_CLOUD_PROJET", "a variable the app reads; did you mean TF_CLOUD_PROJECT?"]]);
  });

  it("leaves the five the app reads alone", () => {
    const app = testApp();
    const env = {
      TF_CLOUD_ORGANIZATION: "acme",
      TF_CLOUD_WORKSPACE_PREFIX: "db",
      TF_CLOUD_PROJECT: "dbs",
      TF_CLOUD_PREVIEW_PROJECT: "db-previews",
      TF_CLOUD_HOSTNAME: "app.terraform.io",
    };
    expect(() => defineStacks(app, env)).not.toThrow();
  });
});

describe("with TF_CLOUD_ORGANIZATION", () => {
  it("uses Terraform Cloud with one workspace per stack, named <prefix>-<stack>", () => {
    const stacks = synthEnvironments({ TF_CLOUD_ORGANIZATION: "acme" });
    for (const [name, { json }] of Object.entries(stacks)) {
      expect(json.terraform.cloud).toEqual({
        organization: "acme",
        workspaces: { name: workspaceName(DEFAULT_WORKSPACE_PREFIX, name), project: DEFAULT_PROJECT },
      });
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

  it("puts a preview's workspace in the preview project, which TF_CLOUD_PREVIEW_PROJECT names", () => {
    const app = testApp();
    const { preview, environments } = defineStacks(app, { TF_CLOUD_ORGANIZATION: "acme", PREVIEW_ID: "7", TF_CLOUD_PREVIEW_PROJECT: "db-previews" });
    expect(synthesize(preview!).json.terraform.cloud.workspaces).toEqual({
      name: workspaceName(DEFAULT_WORKSPACE_PREFIX, "preview-7"),
      project: "db-previews",
    });
    expect(synthesize(environments.dev).json.terraform.cloud.workspaces.project).toBe(DEFAULT_PROJECT);
  });

  it("refuses a preview project that is the environments' project, or a project name with other characters", () => {
    const problems = validationProblems(() =>
      defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_PROJECT: "shared", TF_CLOUD_PREVIEW_PROJECT: "shared" }),
    );
    expect(problems.map((p) => [p.property, p.received])).toEqual([["TF_CLOUD_PREVIEW_PROJECT", "shared"]]);
    expect(problems[0]!.allowed).toContain("a project other than the environments' (shared)");
    const named = validationProblems(() => defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_PROJECT: "my project" }));
    expect(named.map((p) => [p.property, p.received])).toEqual([["TF_CLOUD_PROJECT", "my project"]]);
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
    const problems = validationProblems(() => defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme corp", TF_CLOUD_WORKSPACE_PREFIX: "a/b" }));
    expect(problems.map((p) => [p.property, p.received])).toEqual([
      ["TF_CLOUD_ORGANIZATION", "acme corp"],
      ["TF_CLOUD_WORKSPACE_PREFIX", "a/b"],
    ]);
    expect(() => defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_WORKSPACE_PREFIX: "x".repeat(90) })).toThrow(/within 90 characters/);
  });
});

describe("TF_CLOUD_HOSTNAME", () => {
  const hostnameProblems = (hostname: string) =>
    validationProblems(() => defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_HOSTNAME: hostname }));

  it("refuses a URL, naming the host name to give instead", () => {
    expect(hostnameProblems("https://tfe.example.com/app")).toEqual([
      {
        property: "TF_CLOUD_HOSTNAME",
        received: "https://tfe.example.com/app",
        allowed: "a host name such as app.terraform.io or tfe.example.com, in lowercase, without scheme, port or path; for this URL, tfe.example.com",
      },
    ]);
  });

  it("refuses what is no host name", () => {
    for (const hostname of ["tfe", "tfe example.com", "-tfe.example.com", "tfe.example.com/", "tfe..example.com", "TFE.Example.COM", "tfe.example.com:8443"]) {
      expect(hostnameProblems(hostname), hostname).toEqual([
        expect.objectContaining({
          property: "TF_CLOUD_HOSTNAME",
          received: hostname,
          allowed: "a host name such as app.terraform.io or tfe.example.com, in lowercase, without scheme, port or path",
        }),
      ]);
    }
  });

  it("accepts host names", () => {
    for (const hostname of ["app.terraform.io", "tfe.example.com", "tfe.internal.example.com"]) {
      expect(() => defineStacks(testApp(), { TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_HOSTNAME: hostname }), hostname).not.toThrow();
    }
  });
});
