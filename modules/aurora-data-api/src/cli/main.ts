/**
 * `aurora-db <command>`: parses the command line, runs the command, and turns every failure
 * into a message on stderr and an exit code (see exit-codes.ts).
 */
import { parseArgs } from "node:util";
import { COMMANDS } from "./commands.js";
import { EXIT } from "./exit-codes.js";
import { type CliIo, describeFailure } from "./io.js";

const HELP = `Usage: aurora-db <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(9)}${command.summary}`)
  .join("\n")}

Run aurora-db <command> --help for a command's options.
Exit codes: 0 ok, 1 other failure, 2 usage, 3 settings or outputs not found, 4 Data API disabled,
5 access denied, 6 cluster, secret or database not found, 7 still resuming or throttled at the
deadline, 8 database error or failed migration, 9 an applied migration was edited.
`;

/** Runs `aurora-db` with these arguments; resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`unknown command "${name}": expected one of ${Object.keys(COMMANDS).join(", ")}\n`);
    return EXIT.usage;
  }
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    const parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false });
    values = parsed.values as typeof values;
  } catch (error) {
    io.stderr(`aurora-db ${name}: ${(error as Error).message}\n\n${command.help}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(values, io);
  } catch (error) {
    const { message, exitCode } = describeFailure(error);
    io.stderr(`aurora-db ${name}: ${message}\n`);
    return exitCode;
  }
}

/** The process entry point: real streams, environment and exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  // Every command but one that runs until stopped keeps Node's default exit on Ctrl-C.
  if (COMMANDS[argv[0] ?? ""]?.untilStopped) for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
  return main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
}
