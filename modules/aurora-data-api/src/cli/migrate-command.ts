/**
 * `aurora-db migrate`: ordered SQL migrations, each in a transaction.
 */
import { resolve } from "node:path";
import { applyMigrations, loadMigrations, planMigrations } from "../migrations.js";
import { defineCommand, type Command } from "./command.js";
import { connect, CONNECTION_HELP, CONNECTION_OPTIONS } from "./connection.js";
import { EXIT } from "./exit-codes.js";

export const migrate: Command = defineCommand({
  help: `Usage: aurora-db migrate [--dir <folder>] [--dry-run] [connection options]

Applies the files <number>_<name>.sql of --dir (default migrations) in order, each in its own
transaction with its record (file name and SHA-256) in the table aurora_db_migrations. A file
changed after it was applied stops the run before anything is applied (exit 9). A failing
statement is named by its number and line; its migration is rolled back (exit 8). --dry-run
lists what would run and changes nothing.

${CONNECTION_HELP}`,
  options: { ...CONNECTION_OPTIONS, dir: { type: "string" }, "dry-run": { type: "boolean" } },
  async run(values, io) {
    const migrations = loadMigrations(resolve(io.cwd, values.dir ?? "migrations"));
    const client = await connect(values, io);
    if (values["dry-run"]) {
      const { pending, applied } = await planMigrations(client, migrations);
      io.stdout(`${applied.length} applied; ${pending.length} would run${pending.map(({ id }) => `\n  ${id}`).join("")}\n`);
      return EXIT.ok;
    }
    const { before, ran } = await applyMigrations(client, migrations, (id, ms) => io.stdout(`applied ${id} (${ms} ms)\n`));
    io.stdout(ran.length === 0 ? `up to date: ${before.length + ran.length} applied, none pending\n` : `${ran.length} applied now, ${before.length} before\n`);
    return EXIT.ok;
  },
});
