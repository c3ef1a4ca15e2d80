/**
 * `cdktf synth --hcl` writes valid Terraform: each stack's cdk.tf is accepted by `terraform fmt`
 * (Terraform's own parser) and, parsed with @cdktf/hcl2json, holds the same configuration as the
 * JSON synthesis: the same blocks, arguments and references. The app is synthesized in-process
 * both ways, as its command does (stacks/main.ts), with SYNTH_HCL_OUTPUT set as the CLI sets it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { App, TerraformResource, TerraformStack } from "cdktf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOOTSTRAP_STACK_NAME } from "../../stacks/delivery";
import type { Environment } from "../../stacks/deployment-inputs";
import { correctHclRendering } from "../../stacks/hcl-rendering";
import { prepareSynth } from "../../stacks/synth-gate";
import { REQUIRED_TERRAFORM_VERSION } from "../../stacks/terraform-version";
import { ALL_PARTS } from "../support/bootstrap";
import { appStackNames } from "../support/synth";

const STACKS = appStackNames();
const work = mkdtempSync(join(tmpdir(), "hcl-synthesis-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Synthesizes the app, from these inputs, into `<work>/<directory>/<kind>`; HCL when `hcl`. */
function synthesize(kind: "json" | "hcl", env: Environment = {}, directory = "."): void {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = kind === "hcl" ? "true" : "false";
  try {
    // As stacks/main.ts does it: the synth gate (validations, each stack resolved once), then synth.
    mkdirSync(join(work, directory), { recursive: true });
    const app = new App({ outdir: join(work, directory, kind), hclOutput: kind === "hcl", skipValidation: true });
    expect(prepareSynth(app, env)).toBeUndefined();
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}

/**
 * One shape for both: hcl2json writes every block as a list of bodies, the JSON synthesis writes
 * single blocks as objects, so a list of exactly one object becomes that object on both sides;
 * cdktf's metadata ("//") exists only in JSON.
 */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalized);
    return items.length === 1 && typeof items[0] === "object" && items[0] !== null && !Array.isArray(items[0]) ? items[0] : items;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "//")
        .map(([key, item]) => [key, normalized(item)]),
    );
  }
  return value;
}

/**
 * The entries of every `depends_on` and `ignore_changes` are references in HCL, which hcl2json
 * reads as `${…}` expressions, and strings in JSON: spells them as JSON does, and returns the
 * entries that were quoted strings (on which Terraform warns "Quoted references are deprecated").
 */
function referenceEntriesAsJson(value: unknown, quoted: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) referenceEntriesAsJson(item, quoted);
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if ((key === "depends_on" || key === "ignore_changes") && Array.isArray(item)) {
        item.forEach((entry: string, index) => {
          const reference = /^\$\{([^{}]*)\}$/.exec(entry);
          if (reference) item[index] = reference[1];
          else quoted.push(`${key}: ${entry}`);
        });
      } else referenceEntriesAsJson(item, quoted);
    }
  }
  return quoted;
}

const hcl: Record<string, string> = {};
const json: Record<string, unknown> = {};

beforeAll(() => {
  synthesize("json");
  synthesize("hcl");
  synthesize("json", ALL_PARTS, BOOTSTRAP_STACK_NAME);
  synthesize("hcl", ALL_PARTS, BOOTSTRAP_STACK_NAME);
  for (const stack of STACKS) {
    hcl[stack] = readFileSync(join(work, "hcl/stacks", stack, "cdk.tf"), "utf8");
    json[stack] = JSON.parse(readFileSync(join(work, "json/stacks", stack, "cdk.tf.json"), "utf8"));
  }
});

describe.each(STACKS)("cdktf synth --hcl, stack %s", (stack) => {
  it("is accepted by Terraform's own parser (terraform fmt)", () => {
    const formatted = execFileSync("terraform", ["fmt", "-no-color", "-"], { input: hcl[stack], env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).toString();
    expect(formatted).toContain("terraform {");
    expect(formatted).toMatch(new RegExp(`required_version\\s+= "${REQUIRED_TERRAFORM_VERSION}"`));
  });

  it("holds the same blocks, arguments and references as the JSON synthesis", async () => {
    const parsed = (await parse("cdk.tf", hcl[stack]!)) as Record<string, unknown>;
    const expected = json[stack] as Record<string, Record<string, Record<string, unknown>>>;
    // Two spellings differ, and nothing else: a removed block's `from` is a bare address in HCL
    // (hcl2json reads it as an expression), a string in JSON; a multi-line string is a heredoc
    // in HCL, which ends with a newline of its own.
    expect(referenceEntriesAsJson(parsed), "quoted references").toEqual([]);
    const removed = (parsed.removed ?? []) as { from: string }[];
    for (const block of removed) block.from = block.from.replace(/^\$\{(.*)\}$/, "$1");
    const outputs = parsed.output as Record<string, { value: unknown }[]> | undefined;
    for (const [name, output] of Object.entries(expected.output ?? {})) {
      const value = (output as { value: unknown }).value;
      if (typeof value === "string" && value.includes("\n")) {
        expect(outputs?.[name]?.[0]?.value, name).toBe(`${value}\n`);
        outputs![name]![0]!.value = value;
      }
    }
    expect(normalized(parsed)).toEqual(normalized(expected));
  });

  it("writes depends_on and ignore_changes entries as references, never quoted (Terraform warns on each)", () => {
    expect(hcl[stack]).not.toMatch(/\b(depends_on|ignore_changes)\s*=\s*\[[^\]]*"/);
  });

  it("keeps the removed blocks that forget the key a 0.1.0 database stack held", () => {
    const forgotten = ((json[stack] as { removed?: { from: string }[] }).removed ?? []).map(({ from }) => from);
    if (stack === "dev") expect(forgotten).toEqual([expect.stringMatching(/^aws_kms_key\./), expect.stringMatching(/^aws_kms_alias\./)]);
    for (const from of forgotten) expect(hcl[stack]).toContain(`removed {\n  from = ${from}\n  lifecycle {\n    destroy = false\n  }\n}`);
  });

  it("writes every policy and document as jsonencode of an object, never as a JSON string around references", () => {
    const documents = [...hcl[stack]!.matchAll(/^\s*(policy|assume_role_policy|dashboard_body) = (.*)$/gm)].map((match) => match[2]!);
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) expect(document).toMatch(/^"\$\{jsonencode\(\{.*\}\)\}"$/);
  });
});

describe("cdktf synth --hcl, the bootstrap stack with every part on", () => {
  const read = (kind: "json" | "hcl") =>
    readFileSync(join(work, BOOTSTRAP_STACK_NAME, kind, "stacks", BOOTSTRAP_STACK_NAME, kind === "hcl" ? "cdk.tf" : "cdk.tf.json"), "utf8");

  it("is accepted by Terraform's own parser (terraform fmt), and holds the same blocks, arguments and references as the JSON synthesis", async () => {
    const formatted = execFileSync("terraform", ["fmt", "-no-color", "-"], { input: read("hcl"), env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).toString();
    expect(formatted).toContain('resource "tfe_workspace"');
    expect(formatted).toContain('resource "github_repository_environment"');
    const parsed = await parse("cdk.tf", read("hcl"));
    expect(referenceEntriesAsJson(parsed), "quoted references").toEqual([]);
    expect(normalized(parsed)).toEqual(normalized(JSON.parse(read("json"))));
  });
});

describe("the corrected HCL rendering, validated by Terraform", () => {
  /**
   * cdktf's rendering of a dependency and an ignored attribute, on terraform_data (Terraform's
   * built-in provider: init downloads nothing), corrected or not, as `terraform validate` reports it.
   */
  function validate(corrected: boolean): string {
    const stack = new TerraformStack(new App({ outdir: join(work, "validate-out"), hclOutput: true }), "validate");
    const first = new TerraformResource(stack, "First", { terraformResourceType: "terraform_data" });
    const second = new TerraformResource(stack, "Second", {
      terraformResourceType: "terraform_data",
      dependsOn: [first],
      lifecycle: { ignoreChanges: ["input"] },
    });
    second.addOverride("input", "value");
    if (corrected) correctHclRendering(stack, REQUIRED_TERRAFORM_VERSION);
    const directory = join(work, corrected ? "validate-corrected" : "validate-as-cdktf-writes");
    mkdirSync(directory);
    writeFileSync(join(directory, "main.tf"), String(stack.toHclTerraform().hcl));
    const terraform = (args: string[]) =>
      execFileSync("terraform", [...args, "-no-color"], { cwd: directory, env: { ...process.env, CHECKPOINT_DISABLE: "1" }, encoding: "utf8", stdio: "pipe" });
    terraform(["init", "-input=false"]);
    return terraform(["validate"]);
  }

  it("gives no warning where cdktf's own rendering gets one per quoted reference", () => {
    expect(validate(false)).toContain("Warning: Quoted references are deprecated");
    const corrected = validate(true);
    expect(corrected).toContain("Success! The configuration is valid.");
    expect(corrected).not.toContain("Warning");
  });
});
