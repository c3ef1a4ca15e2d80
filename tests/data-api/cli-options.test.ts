/**
 * How `aurora-db` reads its command line: each command's options parsed against its own
 * declaration, the values typed from it (the `@ts-expect-error` lines are checked by the
 * type-check of npm test), and the exit codes --help lists read from the exit-code table.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defineCommand } from "../../modules/aurora-data-api/src/cli/command";
import { EXIT } from "../../modules/aurora-data-api/src/cli/exit-codes";
import type { CliIo } from "../../modules/aurora-data-api/src/cli/io";
import { cli, scratchFolder } from "./support";

const IO: CliIo = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: "." };

/** A command that hands back the values its run received. */
function recording() {
  const received: unknown[] = [];
  const command = defineCommand({
    help: "Usage: aurora-db example",
    options: { stack: { type: "string", multiple: true }, json: { type: "boolean" }, dir: { type: "string" } },
    async run(values) {
      const stacks: string[] | undefined = values.stack;
      const json: boolean | undefined = values.json;
      const dir: string | undefined = values.dir;
      // @ts-expect-error a misspelled option is not among the values
      void values.jsn;
      // @ts-expect-error a string option is not a number
      const count: number = values.dir;
      received.push({ stacks, json, dir, count });
      return EXIT.ok;
    },
  });
  return { command, received };
}

describe("a command's options", () => {
  it("reach its run typed as declared: repeated options as a list, flags as booleans, strings as strings", async () => {
    const { command, received } = recording();
    const run = command.parse(["--stack", "a", "--stack", "b", "--json", "--dir", "migrations"]);
    expect(run).toBeTypeOf("function");
    if (run === "help") return;
    expect(await run(IO)).toBe(EXIT.ok);
    expect(received).toEqual([{ stacks: ["a", "b"], json: true, dir: "migrations", count: "migrations" }]);
  });

  it("ask for the help with --help or -h, without running", () => {
    const { command, received } = recording();
    expect(command.parse(["--help"])).toBe("help");
    expect(command.parse(["--dir", "x", "-h"])).toBe("help");
    expect(received).toEqual([]);
  });

  it("refuse an option the command does not declare, a positional and a value given to a flag", () => {
    const { command } = recording();
    expect(() => command.parse(["--directory", "x"])).toThrow("Unknown option '--directory'");
    expect(() => command.parse(["extra"])).toThrow("Unexpected argument 'extra'");
    expect(() => command.parse(["--json=yes"])).toThrow("Option '--json' does not take an argument");
  });
});

describe("the exit codes aurora-db --help lists", () => {
  const folder = scratchFolder();

  /** The `<code>  <meaning>` lines after "Exit codes:" in the help. */
  async function listed(): Promise<{ code: number; meaning: string }[]> {
    const { stdout } = await cli(["--help"], { cwd: folder });
    const section = stdout.slice(stdout.indexOf("\nExit codes:\n") + "\nExit codes:\n".length);
    return section
      .trimEnd()
      .split("\n")
      .map((line) => {
        const match = /^ {2}(\d+) +(\S.*)$/.exec(line);
        expect(match, `"${line}" is "  <code>  <meaning>"`).not.toBeNull();
        return { code: Number(match![1]), meaning: match![2]! };
      });
  }

  it("are every code of the exit-code table, each once, in order, and no other", async () => {
    const codes = Object.values(EXIT);
    expect(new Set(codes).size).toBe(codes.length);
    expect((await listed()).map(({ code }) => code)).toEqual([...codes].sort((a, b) => a - b));
  });

  it("each say what the code means", async () => {
    const lines = await listed();
    expect(new Set(lines.map(({ meaning }) => meaning)).size).toBe(lines.length);
    expect(lines.find(({ code }) => code === EXIT.migrationEdited)?.meaning).toBe("an applied migration was edited");
  });

  it("are the codes of the toolkit README's table", async () => {
    const readme = readFileSync(resolve(import.meta.dirname, "../../modules/aurora-data-api/README.md"), "utf8");
    const table = readme.slice(readme.indexOf("| exit code | meaning |"));
    const rows = [...table.slice(0, table.indexOf("\n\n")).matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(rows).toEqual((await listed()).map(({ code }) => code));
  });
});
