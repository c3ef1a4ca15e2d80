/**
 * `aurora-db check`: `SELECT version()` through the Data API.
 */
import { defineCommand, type Command } from "./command.js";
import { connect, CONNECTION_HELP, CONNECTION_OPTIONS } from "./connection.js";
import { EXIT } from "./exit-codes.js";

export const check: Command = defineCommand({
  help: `Usage: aurora-db check [connection options] [--json]

Runs SELECT version(), current_database() through the Data API and reports the engine version,
the database and how long a resume from auto-pause took. While the cluster resumes it prints
progress on stderr.

${CONNECTION_HELP}`,
  options: { ...CONNECTION_OPTIONS, json: { type: "boolean" } },
  async run(values, io) {
    const client = await connect(values, io);
    const start = Date.now();
    const result = await client.query<{ version: string; database: string }>("SELECT version() AS version, current_database() AS database");
    const report = {
      clusterArn: client.config.resourceArn,
      database: result.rows[0]!.database,
      version: result.rows[0]!.version,
      resumeSeconds: Number((result.resumeMs / 1000).toFixed(1)),
      totalSeconds: Number(((Date.now() - start) / 1000).toFixed(3)),
    };
    if (values.json) io.stdout(`${JSON.stringify(report)}\n`);
    else {
      const resumed = report.resumeSeconds > 0 ? `resumed from auto-pause in ${report.resumeSeconds} s` : "no resume needed";
      io.stdout(
        `Data API OK: ${report.version.split(" on ")[0]}, database ${report.database}, cluster ${report.clusterArn}\n${resumed}; ${report.totalSeconds} s in all\n`,
      );
    }
    return EXIT.ok;
  },
});
