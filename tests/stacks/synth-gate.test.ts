/**
 * The synth gate resolves each stack once (stacks/synth-gate.ts): what it writes is, byte for
 * byte, what cdktf's own `app.synth()` writes, for the app's stacks and across stacks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { App, Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { AuroraPostgresServerless } from "../../modules/aurora-postgresql-serverless/src";
import { defineStacks } from "../../stacks/app";
import type { Environment } from "../../stacks/deployment-inputs";
import { prepareSynth, resolveEachStackOnce } from "../../stacks/synth-gate";
import { testApp } from "../support/app";
import { appStackNames } from "../support/synth";

/** Synthesizes the app and returns each stack's written document, by stack name. */
function written(app: App): Record<string, string> {
  app.synth();
  const manifest = JSON.parse(readFileSync(join(app.outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.fromEntries(Object.entries(manifest.stacks).map(([name, stack]) => [name, readFileSync(join(app.outdir, stack.synthesizedStackPath), "utf8")]));
}

describe("the synth gate", () => {
  it.each<[string, Environment]>([
    ["the app's stacks", {}],
    ["the app's stacks with a preview", { PREVIEW_ID: "pr-42" }],
  ])("writes %s as cdktf's own synth writes them", (_label, env) => {
    const plain = testApp();
    defineStacks(plain, env);
    const expected = written(plain);
    const gated = testApp();
    expect(prepareSynth(gated, env)).toBeUndefined();
    const actual = written(gated);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.keys(actual)).toEqual(expect.arrayContaining(appStackNames()));
    for (const [name, document] of Object.entries(expected)) expect(actual[name], name).toBe(document);
  });

  it("writes references across stacks as cdktf's own synth writes them: the outputs and remote state they add included", () => {
    const define = (app: App) => {
      const source = new TerraformStack(app, "source");
      new AwsProvider(source, "aws", { region: "eu-west-1" });
      new RandomProvider(source, "random");
      const database = new AuroraPostgresServerless(source, "Database", { name: "shared", databaseName: "app" });
      const consumer = new TerraformStack(app, "consumer");
      new AwsProvider(consumer, "aws", { region: "eu-west-1" });
      const suffix = new TerraformVariable(consumer, "suffix", { type: "string" }).stringValue;
      new TerraformOutput(consumer, "cluster", { value: database.clusterArn });
      new TerraformOutput(consumer, "policy", {
        value: Fn.jsonencode({ Statement: [{ Resource: [database.clusterArn, `${database.clusterArn}/${suffix}`] }] }),
      });
    };
    const plain = testApp();
    define(plain);
    const expected = written(plain);
    const gated = testApp();
    define(gated);
    resolveEachStackOnce(gated);
    const actual = written(gated);
    expect(expected.consumer).toContain("terraform_remote_state");
    expect(expected.source).toContain("cross-stack-output");
    for (const name of ["source", "consumer"]) expect(actual[name], name).toBe(expected[name]);
  });
});
