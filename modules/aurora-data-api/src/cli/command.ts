/**
 * What every command of `aurora-db` declares: its help, options and what it runs (its one-line
 * summary is in main.ts's COMMANDS, which --help lists without loading any command).
 */
import type { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";

export type OptionSpec = Readonly<Record<string, { readonly type: "string" | "boolean"; readonly multiple?: boolean }>>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  readonly help: string;
  readonly options: OptionSpec;
  /** Runs until stopped: Ctrl-C (or SIGTERM) aborts its signal instead of ending the process. */
  readonly untilStopped?: boolean;
  run(values: Values, io: CliIo): Promise<ExitCode>;
}
