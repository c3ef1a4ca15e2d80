/**
 * `aurora-db <command>`: parses the command line, runs the command, and turns every failure
 * into a message on stderr and an exit code (see exit-codes.ts).
 *
 * Each command's module is loaded only when it runs: `aurora-db --help` loads none, and no
 * command loads what another needs (the AWS SDK, PGlite, pg).
 */
import type { Command } from "./command.js";
import { EXIT, exitCodesHelp } from "./exit-codes.js";
import { describeFailure, type CliIo } from "./io.js";

/** The commands, each with its one-line summary (for --help) and where its module is. */
export const COMMANDS: Readonly<Record<string, { readonly summary: string; load(): Promise<Command> }>> = {
  env: { summary: "write a deployed stack's settings into .env", load: async () => (await import("./env-command.js")).env },
  check: {
    summary: "run SELECT version() through the Data API, waiting for a paused cluster to resume",
    load: async () => (await import("./check-command.js")).check,
  },
  migrate: {
    summary: "apply ordered SQL migrations, each in a transaction, refusing edited ones",
    load: async () => (await import("./migrate-command.js")).migrate,
  },
  cost: { summary: "estimate each stack's monthly cost from its synthesized cdk.tf.json", load: async () => (await import("./cost-command.js")).cost },
  local: {
    summary: "start a local Data API on 127.0.0.1, backed by PGlite (with pgvector) or a PostgreSQL server",
    load: async () => (await import("./local-command.js")).local,
  },
};

const HELP = `Usage: aurora-db <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(9)}${command.summary}`)
  .join("\n")}

Run aurora-db <command> --help for a command's options.

${exitCodesHelp()}
`;

/** The AWS SDK's variable that silences its warning that its 2027 releases need Node.js 22. */
export const SDK_NODE_WARNING_KEY = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/**
 * Turns off the AWS SDK's seven-line warning, printed on every run under Node.js 20, unless the
 * user set the variable: the package README says when Node.js 22 is needed instead.
 */
export function quietSdkNodeWarning(env: NodeJS.ProcessEnv): void {
  env[SDK_NODE_WARNING_KEY] ??= "true";
}

/** Runs `aurora-db` with these arguments; resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = await COMMANDS[name]?.load();
  if (command === undefined) {
    io.stderr(`unknown command "${name}": expected one of ${Object.keys(COMMANDS).join(", ")}\n`);
    return EXIT.usage;
  }
  let runCommand: Exclude<ReturnType<Command["parse"]>, "help">;
  try {
    const parsed = command.parse(rest);
    if (parsed === "help") {
      io.stdout(`${command.help}\n`);
      return EXIT.ok;
    }
    runCommand = parsed;
  } catch (error) {
    io.stderr(`aurora-db ${name}: ${error instanceof Error ? error.message : String(error)}\n\n${command.help}\n`);
    return EXIT.usage;
  }
  try {
    return await runCommand(io);
  } catch (error) {
    const { message, exitCode } = describeFailure(error);
    io.stderr(`aurora-db ${name}: ${message}\n`);
    return exitCode;
  }
}

/** The process entry point: real streams, environment and exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  quietSdkNodeWarning(process.env);
  const controller = new AbortController();
  // Every command but one that runs until stopped keeps Node's default exit on Ctrl-C.
  const command = await COMMANDS[argv[0] ?? ""]?.load();
  if (command?.untilStopped) for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
  return main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
}
