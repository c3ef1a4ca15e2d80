/**
 * `aurora-db env`: a deployed stack's settings into `.env`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ENDPOINT_KEY, ENV_KEYS } from "../env-keys.js";
import { defineCommand, type Command } from "./command.js";
import { removeDotEnvKeys, updateDotEnv } from "./dotenv.js";
import { EXIT } from "./exit-codes.js";
import { CliError } from "./io.js";
import { loadOutputs } from "./outputs.js";

export const env: Command = defineCommand({
  help: `Usage: aurora-db env --stack <name> [--outputs-file <file>] [--out-dir <dir>] [--env-file <file>]

Reads the stack's outputs and writes ${ENV_KEYS.map(({ key }) => key).join(", ")} into the .env file
(default .env): keys already there are updated where they stand, the other lines are kept. Sensitive
outputs are never read, and no password is ever written: the Data API reads it from the secret.
${ENDPOINT_KEY} (the local Data API's endpoint) is removed, so that check and migrate reach the
stack's cluster.`,
  options: { stack: { type: "string" }, "outputs-file": { type: "string" }, "out-dir": { type: "string" }, "env-file": { type: "string" } },
  async run(values, io) {
    const stack = requiredOption("stack", values.stack);
    const outputs = await loadOutputs({ stack, outputsFile: values["outputs-file"], outDir: values["out-dir"] }, io);
    const found = new Map<string, string>();
    for (const { key, output } of ENV_KEYS) if (outputs[output] !== undefined) found.set(key, outputs[output]);
    const required = ENV_KEYS.filter(({ key }) => ["AURORA_CLUSTER_ARN", "AURORA_SECRET_ARN", "DATABASE_NAME"].includes(key));
    const missing = required.filter(({ key }) => !found.has(key)).map(({ output }) => output);
    if (missing.length > 0) throw new CliError(`stack ${stack} has no output ${missing.join(", ")}: is it a database stack?`, EXIT.config);
    const name = values["env-file"] ?? ".env";
    const file = resolve(io.cwd, name);
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      // A new file.
    }
    // An endpoint left by aurora-db local would keep sending check and migrate there, with the stack's ARNs.
    const { text: kept, removed } = removeDotEnvKeys(text, new Set([ENDPOINT_KEY]));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, updateDotEnv(kept, found, `written by aurora-db env --stack ${stack}`));
    io.stdout(`wrote ${[...found.keys()].join(", ")} to ${name}\n`);
    for (const [key, value] of removed) io.stdout(`removed ${key}=${value} from ${name}: check and migrate now reach the stack's cluster, not that endpoint\n`);
    const inEnvironment = io.env[ENDPOINT_KEY];
    if (inEnvironment) io.stderr(`${ENDPOINT_KEY} is still set in the environment (${inEnvironment}): check and migrate go there until you unset it\n`);
    return EXIT.ok;
  },
});

/** A string option's value, or a usage error when it is missing or empty. */
function requiredOption(name: string, value: string | undefined): string {
  if (value === undefined || value === "") throw new CliError(`--${name} is required`, EXIT.usage);
  return value;
}
