/**
 * The gate on the module's defaults, as the module README's "The gate on the module's defaults"
 * says: the six controls they fail, the copyable exceptions that accept them, the props that pass
 * them, and validationReport's readable list in place of app.synth()'s stack trace.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack } from "cdktf";
import {
  AuroraPostgresServerless,
  evaluateControls,
  PolicyGate,
  validationErrors,
  validationReport,
  type AuroraPostgresServerlessProps,
  type PolicyGateProps,
  type TerraformDocument,
} from "cdktf-aurora-postgresql-serverless";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { MINIMAL_PROPS } from "../support/synth";

const README = readFileSync(resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/README.md"), "utf8");
const SECTION = README.slice(README.indexOf("\n### The gate on the module's defaults\n"), README.indexOf("\n## Terraform version\n"));

/** The controls of the section's table, in its order. */
const tableControls = () => [...SECTION.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);

/** A stack with one database of the module's defaults but `props`, and its providers. */
function databaseStack(props: Partial<AuroraPostgresServerlessProps> = {}, stackName = "orders-dev"): TerraformStack {
  const stack = new TerraformStack(testApp(), stackName);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new RandomProvider(stack, "random");
  new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, ...props });
  return stack;
}

const failingControls = (stack: TerraformStack) => [...evaluateControls(stack.toTerraform() as TerraformDocument).keys()].sort();

/** Runs the section's first example (the exceptions) on `stack`, its import taken from the package. */
function applyReadmeExceptions(stack: TerraformStack): void {
  const source = /```ts\n([\s\S]*?)\n```/.exec(SECTION)![1]!.replace(/^import .*\n/m, "");
  const { outputText } = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  new Function("stack", "PolicyGate", outputText)(stack, PolicyGate);
}

describe("the gate on the module's defaults", () => {
  it("fails exactly the six controls the README's table names", () => {
    expect(tableControls()).toHaveLength(6);
    expect(failingControls(databaseStack())).toEqual([...tableControls()].sort());
  });

  it("passes with the README's exceptions for a development stack, which are each needed", () => {
    const stack = databaseStack();
    applyReadmeExceptions(stack);
    expect(validationErrors(stack)).toEqual([]);
    expect(validationReport(stack)).toBeUndefined();
  });

  it("passes every control with the props the README names instead", () => {
    expect(failingControls(databaseStack({ readers: 1, credentials: "managed", encryptionKey: "create", skipFinalSnapshot: true }))).toEqual([]);
  });
});

describe("validationReport", () => {
  const gated = (props: PolicyGateProps) => {
    const stack = databaseStack();
    PolicyGate.apply(stack, props);
    return stack;
  };

  it("lists every failure of the app's stacks, one [construct path] message a line, and each finding names the path an exception takes", () => {
    const stack = gated({});
    const app = stack.node.scope!;
    const errors = validationErrors(app);
    expect(errors).toHaveLength(6);
    for (const error of errors) expect(error).toMatch(/^\[orders-dev\] \S+ .+ at Database(\/\S+)?( \[checkov [^\]]+\])?$/);
    expect(errors.map((error) => error.split(" ")[1]).sort()).toEqual([...tableControls()].sort());
    expect(validationReport(app)).toBe(`Synth stopped; nothing was written:\n  ${errors.join("\n  ")}`);
  });

  it("reports an exception that is not needed, as the gate's error", () => {
    const stack = gated({ exceptions: [{ control: "RDS.7", resources: ["Database/Cluster"], reason: "disposable" }] });
    expect(validationReport(stack)).toContain("[orders-dev] exception for RDS.7 on Database/Cluster is not needed: the control passes there; remove it");
  });

  it("is what app.synth() throws as a stack trace", () => {
    const stack = gated({});
    const app = stack.node.scope as unknown as { synth(): void };
    expect(() => app.synth()).toThrow(/Validation failed[\s\S]*RDS\.15[\s\S]*skipValidation/);
  });
});
