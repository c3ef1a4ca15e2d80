/**
 * A deployed stack's outputs: from an outputs file (`cdktf deploy --outputs-file`, or
 * `terraform output -json` saved to a file), or by running `terraform output -json` in the
 * stack's synthesized folder. Sensitive outputs are never read.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { isJsonObject, type JsonObject } from "../private/json.js";
import { EXIT } from "./exit-codes.js";
import { CliError, type CliIo } from "./io.js";

export interface OutputsSource {
  readonly stack: string;
  /** A JSON file of outputs; without it, `terraform output -json` runs in `<outDir>/stacks/<stack>`. */
  readonly outputsFile?: string;
  /** @default "cdktf.out" */
  readonly outDir?: string;
}

type Json = JsonObject;

/** Plain string outputs from `terraform output -json` (`{ name: { value, sensitive } }`). */
function fromTerraform(outputs: Json): Record<string, string> {
  return Object.fromEntries(
    Object.entries(outputs)
      .filter(([, output]) => isJsonObject(output) && output.sensitive !== true && typeof output.value === "string")
      .map(([name, output]) => [name, (output as Json).value as string]),
  );
}

/** The outputs of `stack` in a file of either format. */
export function parseOutputs(text: string, stack: string, file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`, EXIT.config);
  }
  if (!isJsonObject(parsed)) throw new CliError(`${file} holds no outputs object`, EXIT.config);
  const values = Object.values(parsed);
  if (values.length > 0 && values.every((value) => isJsonObject(value) && "value" in value)) return fromTerraform(parsed);
  // cdktf's outputs file: { "<stack>": { "<output>": value } }; sensitive values are not in it.
  const ofStack = parsed[stack];
  if (!isJsonObject(ofStack)) {
    throw new CliError(`stack ${stack} does not exist in ${file}: its stacks are ${Object.keys(parsed).join(", ") || "none"}`, EXIT.config);
  }
  return Object.fromEntries(Object.entries(ofStack).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The stacks synthesized in a folder (`cdktf.out/stacks`): its subfolders; undefined when it does not exist. */
export function synthesizedStacks(stacksDir: string): string[] | undefined {
  try {
    return readdirSync(stacksDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return undefined;
  }
}

/** Reads the stack's outputs, or explains how to get them. */
export async function loadOutputs(source: OutputsSource, io: CliIo): Promise<Record<string, string>> {
  if (source.outputsFile !== undefined) {
    const file = resolve(io.cwd, source.outputsFile);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new CliError(`cannot read outputs file ${source.outputsFile}: ${(error as Error).message}`, EXIT.config);
    }
    return parseOutputs(text, source.stack, source.outputsFile);
  }
  const stacksDir = `${source.outDir ?? "cdktf.out"}/stacks`;
  const stacks = synthesizedStacks(resolve(io.cwd, stacksDir));
  // Terraform would fail in a folder that is not there, with a message about the folder.
  if (stacks === undefined || !stacks.includes(source.stack)) {
    throw new CliError(
      stacks === undefined || stacks.length === 0
        ? `stack ${source.stack} does not exist: there is no synthesized stack in ${stacksDir}. Run npx cdktf synth (npm run synth) first, or pass --outputs-file`
        : `stack ${source.stack} does not exist: the stacks in ${stacksDir} are ${stacks.join(", ")}`,
      EXIT.config,
    );
  }
  const directory = resolve(io.cwd, stacksDir, source.stack);
  try {
    const { stdout } = await promisify(execFile)("terraform", [`-chdir=${directory}`, "output", "-json"], { env: { ...io.env }, maxBuffer: 16 * 1024 * 1024 });
    return parseOutputs(stdout, source.stack, "terraform output -json");
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `cannot read the outputs of stack ${source.stack} with terraform output -json in ${source.outDir ?? "cdktf.out"}/stacks/${source.stack}: ${(error as Error).message.split("\n")[0]}\nDeploy it first (npx cdktf deploy ${source.stack}), or pass --outputs-file (cdktf deploy ${source.stack} --outputs-file outputs.json writes one)`,
      EXIT.config,
    );
  }
}
