/**
 * Runs the first TypeScript example of a section of the module's README in a stack of its own
 * (with an AWS provider in us-east-1 and a random provider), so that tests prove the README's
 * examples synthesize as written.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack } from "cdktf";
import { AuroraPostgresServerless } from "cdktf-aurora-postgresql-serverless";
import ts from "typescript";
import { testApp } from "../support/app";
import { synthesize, type Synthesized } from "../support/synth";

const README = resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/README.md");

/**
 * The example under `heading`, run with `stack` and `AuroraPostgresServerless` in scope and the
 * names it uses but does not declare: `given` builds them in the stack.
 */
export function synthesizeReadmeExample(heading: string, given: (stack: TerraformStack) => Readonly<Record<string, unknown>> = () => ({})): Synthesized {
  const readme = readFileSync(README, "utf8");
  const at = readme.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`the module README has no section ${heading}`);
  const source = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(at))![1]!;
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.None, target: ts.ScriptTarget.ES2022 } });
  const stack = new TerraformStack(testApp(), "readme");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new RandomProvider(stack, "random");
  const scope = { stack, AuroraPostgresServerless, ...given(stack) };
  new Function(...Object.keys(scope), outputText)(...Object.values(scope));
  return synthesize(stack);
}
