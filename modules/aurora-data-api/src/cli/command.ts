/**
 * What every command of `aurora-db` declares: its help, options and what it runs (its one-line
 * summary is in main.ts's COMMANDS, which --help lists without loading any command).
 *
 * A command is written with `defineCommand`, which parses its arguments with node:util's
 * parseArgs against its own option declaration: the values its `run` receives are typed from
 * that declaration (a string option is a string, `multiple` an array, a flag a boolean), so that
 * an option misspelled or read as the wrong type is a compile error.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";

/** The options a command declares, as parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** `--help` (`-h`), which every command takes. */
const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

/** How every command's arguments are parsed: its options and --help, no positionals, nothing unknown. */
interface ParseConfig<Options extends OptionSpec> {
  args: string[];
  options: Options & typeof HELP_OPTION;
  strict: true;
  allowPositionals: false;
}

/** The values of a command's options, as parseArgs types them from their declaration. */
export type OptionValues<Options extends OptionSpec> = ReturnType<typeof parseArgs<ParseConfig<Options>>>["values"];

/** A command as written: its declaration and what it runs with the values of its options. */
export interface CommandDefinition<Options extends OptionSpec> {
  readonly help: string;
  readonly options: Options;
  /** Runs until stopped: Ctrl-C (or SIGTERM) aborts its signal instead of ending the process. */
  readonly untilStopped?: boolean;
  run(values: OptionValues<Options>, io: CliIo): Promise<ExitCode>;
}

/** A command as main.ts runs it. */
export interface Command {
  readonly help: string;
  readonly untilStopped: boolean;
  /**
   * Parses the arguments (throwing parseArgs's error for an unknown option or a missing value):
   * "help" when they ask for it, else what runs the command.
   */
  parse(args: readonly string[]): "help" | ((io: CliIo) => Promise<ExitCode>);
}

/** A command whose `run` receives the values of the options it declares, typed from that declaration. */
export function defineCommand<const Options extends OptionSpec>(definition: CommandDefinition<Options>): Command {
  return {
    help: definition.help,
    untilStopped: definition.untilStopped ?? false,
    parse(args) {
      const { values } = parseArgs<ParseConfig<Options>>({
        args: [...args],
        options: { ...definition.options, ...HELP_OPTION },
        strict: true,
        allowPositionals: false,
      });
      // Read as parseArgs sets a flag: the values' type is not known here, only in `run`.
      if ("help" in values && values.help === true) return "help";
      return (io) => definition.run(values, io);
    },
  };
}
