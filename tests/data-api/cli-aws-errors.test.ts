/**
 * `aurora-db check` and `migrate` against the Data API's failures, with the SDK mocked: those
 * only AWS produces (a resuming cluster, a disabled Data API, access denied, a resume that
 * outlasts --timeout), and each error type's exit code and advice, on AWS and on a local Data
 * API; and `aurora-db cost` over the synthesized stacks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BeginTransactionCommand, CommitTransactionCommand, ExecuteStatementCommand, RollbackTransactionCommand } from "@aws-sdk/client-rds-data";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  estimateStackCost,
  formatCostTable,
  roundEstimate,
  type CostAmount,
  type CostLine,
  type StackCostEstimate,
} from "../../modules/aurora-data-api/src/cost/estimate";
import { synthBootstrap } from "../support/bootstrap";
import { synthApp } from "../support/synth";
import { awsError, cli, mockedDataApi, scratchFolder } from "./support";

const CLUSTER = "arn:aws:rds:us-east-1:123456789012:cluster:alex-dev-aurora-cluster";
const ENV = {
  AURORA_CLUSTER_ARN: CLUSTER,
  AURORA_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:alex-dev-aurora-credentials-AbCdEf",
  DATABASE_NAME: "alex",
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
};
const VERSION_ROW = {
  records: [[{ stringValue: "PostgreSQL 17.5 on aarch64-unknown-linux-gnu, compiled by gcc" }, { stringValue: "alex" }]],
  columnMetadata: [{ label: "version" }, { label: "database" }],
};

/**
 * Runs the command on a fake clock: its waits between retries pass at once, as measured time,
 * and real time passes only while no timer is due (a command's module loading, say). Fails,
 * rather than waits, when the command is still running after 10 s of real time.
 */
async function onFakeClock<T>(run: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
  try {
    let settled = false;
    const running = run().finally(() => (settled = true));
    const giveUp = performance.now() + 10_000;
    while (!settled && performance.now() < giveUp) {
      if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
      else await new Promise((done) => setImmediate(done));
    }
    if (!settled) throw new Error("the command did not finish on the fake clock");
    return await running;
  } finally {
    vi.useRealTimers();
  }
}

// One mock for the file: a second one of the same class would replace the first one's stub.
const rds = mockedDataApi();

describe("aurora-db check, against AWS's failures", () => {
  const folder = scratchFolder();

  it("shows progress while the cluster resumes, then how long the resume took", async () => {
    rds
      .on(ExecuteStatementCommand)
      .rejectsOnce(awsError("DatabaseResumingException", "resuming"))
      .rejectsOnce(awsError("DatabaseResumingException", "resuming"))
      .resolves(VERSION_ROW);
    const run = await onFakeClock(() => cli(["check"], { cwd: folder, env: ENV }));
    expect(run.code).toBe(0);
    expect(run.stderr.split("\n")).toEqual([
      expect.stringMatching(/^waiting: the cluster is resuming from auto-pause \(DatabaseResumingException\); 0\.\d s elapsed, next try in 0\.3 s$/),
      expect.stringMatching(/^waiting: the cluster is resuming from auto-pause \(DatabaseResumingException\); 0\.\d s elapsed, next try in 0\.5 s$/),
      "",
    ]);
    expect(run.stdout).toMatch(
      new RegExp(`^Data API OK: PostgreSQL 17\\.5, database alex, cluster ${CLUSTER}\\nresumed from auto-pause in 0\\.[7-9] s; [\\d.]+ s in all\\n$`),
    );
  });

  it.each([
    ["HttpEndpointNotEnabledException", "HttpEndpoint is not enabled for resource", 4, "the cluster's Data API is off"],
    ["AccessDeniedException", "User is not authorized to perform: rds-data:ExecuteStatement", 5, "use the stack's Lambda role (lambda_role_arn)"],
    ["NotFoundException", "DB cluster not found", 6, "check AURORA_CLUSTER_ARN, AURORA_SECRET_ARN and DATABASE_NAME"],
  ])("exits with its own code for %s", async (name, message, code, advice) => {
    rds.on(ExecuteStatementCommand).rejects(awsError(name, message));
    const run = await cli(["check"], { cwd: folder, env: ENV });
    expect(run).toMatchObject({ code, stdout: "" });
    expect(run.stderr.split("\n")[0]).toBe(`aurora-db check: ExecuteStatement on ${CLUSTER} failed: ${name}: ${message}`);
    expect(run.stderr.split("\n")[1]).toContain(advice);
  });

  it("migrate keeps the exit code of a failure it cannot fix (access denied: 5), and says a failed commit may have applied", async () => {
    mkdirSync(join(folder, "migrations"), { recursive: true });
    writeFileSync(join(folder, "migrations", "0001_one.sql"), "CREATE TABLE one (n int);\n");
    rds.on(ExecuteStatementCommand).rejects(awsError("AccessDeniedException", "User is not authorized to perform: rds-data:ExecuteStatement"));
    expect((await cli(["migrate"], { cwd: folder, env: ENV })).code).toBe(5);

    rds.reset();
    rds.on(ExecuteStatementCommand).resolves({ records: [], columnMetadata: [] });
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx" });
    rds.on(CommitTransactionCommand).rejects(awsError("InternalServerErrorException", "connection lost"));
    const failedCommit = await cli(["migrate"], { cwd: folder, env: ENV });
    expect(failedCommit.code).toBe(8);
    expect(failedCommit.stderr).toContain(
      "0001_one.sql: its commit failed, so it may have been applied or not: look for it in aurora_db_migrations before running again",
    );
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(0);
  });

  it("exits 7 when the cluster is still resuming at --timeout", async () => {
    rds.on(ExecuteStatementCommand).rejects(awsError("DatabaseResumingException", "The database is resuming"));
    const run = await onFakeClock(() => cli(["check", "--timeout", "0.4"], { cwd: folder, env: ENV }));
    expect(run.code).toBe(7);
    expect(run.stderr).toContain(`ExecuteStatement on ${CLUSTER} failed (gave up after 0 s of retries): DatabaseResumingException: The database is resuming`);
    expect(run.stderr).toContain("the cluster did not finish resuming in time: try again, or raise --timeout");
  });
});

describe("aurora-db check and migrate, each error's exit code and advice", () => {
  const folder = scratchFolder();
  const LOCAL = "http://127.0.0.1:8432";
  const local = { ...ENV, AURORA_DATA_API_ENDPOINT: LOCAL };

  /** `aurora-db check` failing with this error: its exit code, its message's first line and its advice. */
  async function checkFailing(error: Error, env: Record<string, string>) {
    rds.on(ExecuteStatementCommand).rejects(error);
    const run = await cli(["check"], { cwd: folder, env });
    expect(run.stdout).toBe("");
    const [message, advice, ...rest] = run.stderr.split("\n");
    expect(rest).toEqual([""]);
    return { code: run.code, message, advice };
  }

  it.each([
    [
      "SecretsErrorException",
      6,
      "The secret provided wasn't found: x",
      "the secret AURORA_SECRET_ARN names was not found or could not be read: check it against the stack's aurora_secret_arn output",
    ],
    ["InvalidSecretException", 6, "The secret doesn't have a username", "may call secretsmanager:GetSecretValue on it and decrypt it with its KMS key"],
    [
      "DatabaseUnavailableException",
      7,
      "The writer instance is not available",
      "the cluster's writer instance is not available (a failover, a restart or a scaling event): try again in a minute",
    ],
    ["ValidationException", 1, "Multistatements aren't supported.", "the Data API refused the request itself, and ran nothing"],
    ["UnsupportedResultException", 1, "The result contains the unsupported data type interval.", "cast such columns to text in the SELECT"],
    ["TransactionNotFoundException", 1, "Transaction tx isn't found.", "nothing of it was committed; run it again"],
  ])("on AWS, %s exits %i, with its advice", async (name, code, text, advice) => {
    const failure = await checkFailing(awsError(name, text), ENV);
    expect(failure).toMatchObject({ code, message: `aurora-db check: ExecuteStatement on ${CLUSTER} failed: ${name}: ${text}` });
    expect(failure.advice).toContain(advice);
  });

  it("names a local Data API in every message, and gives its own advice, never to run aurora-db env against a stack", async () => {
    const cases = [
      [
        awsError("HttpEndpointNotEnabledException", "HttpEndpoint is not enabled for cluster x"),
        4,
        "the local Data API answers this for any cluster but its own: set AURORA_CLUSTER_ARN (or --cluster-arn) to the cluster ARN aurora-db local printed",
      ],
      [
        awsError("SecretsErrorException", "The secret provided wasn't found: x"),
        6,
        "the local Data API knows only its own secret: set AURORA_SECRET_ARN (or --secret-arn) to the secret ARN aurora-db local printed",
      ],
      [
        awsError("DatabaseErrorException", 'FATAL: database "alex" does not exist; SQLState: 3D000'),
        6,
        "check AURORA_CLUSTER_ARN, AURORA_SECRET_ARN and DATABASE_NAME against the settings aurora-db local printed",
      ],
      [
        awsError("DatabaseUnavailableException", "PGlite has one connection"),
        7,
        "end the open transaction, or start aurora-db local --database-url postgres://… for a connection per transaction",
      ],
      [awsError("DatabaseErrorException", 'ERROR: relation "t" does not exist; SQLState: 42P01'), 8, "PostgreSQL refused the statement"],
    ] as const;
    for (const [error, code, advice] of cases) {
      rds.reset();
      const failure = await checkFailing(error, local);
      expect(failure, error.name).toEqual({
        code,
        message: `aurora-db check: ExecuteStatement on ${CLUSTER} on the local Data API at ${LOCAL} failed: ${error.name}: ${error.message}`,
        advice: expect.stringContaining(advice),
      });
      expect(failure.advice, error.name).not.toContain("aurora-db env");
    }
    // The same failures from AWS point at the stack.
    rds.reset();
    expect((await checkFailing(awsError("DatabaseErrorException", 'FATAL: database "alex" does not exist; SQLState: 3D000'), ENV)).advice).toContain(
      "aurora-db env --stack <stack> rewrites them",
    );
  });

  it("asks whether aurora-db local runs on the port when nothing answers at a local endpoint", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8432"), { code: "ECONNREFUSED" });
    expect(await checkFailing(refused, local)).toEqual({
      code: 1,
      message: `aurora-db check: ExecuteStatement on ${CLUSTER} on the local Data API at ${LOCAL} failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:8432`,
      advice: `nothing answers at ${LOCAL}: is aurora-db local running on port 8432? Start it (npx aurora-db local --port 8432), or set AURORA_DATA_API_ENDPOINT (or --endpoint) to the endpoint it printed`,
    });
    rds.reset();
    const unknownHost = Object.assign(new Error("getaddrinfo ENOTFOUND rds-data.us-east-1.amazonaws.com"), { code: "ENOTFOUND" });
    const onAws = await checkFailing(unknownHost, ENV);
    expect(onAws).toMatchObject({ code: 1, advice: "the Data API endpoint could not be reached: check the network, a proxy, and the region (or --endpoint)" });
  });

  it("migrate names the failing statement by its number and line, and takes the rollback of an aborted transaction as done", async () => {
    const migrations = join(folder, "numbered");
    mkdirSync(migrations, { recursive: true });
    writeFileSync(
      join(migrations, "0001_tags.sql"),
      "-- Tags.\nCREATE TABLE tags (name text PRIMARY KEY);\n\n-- A typo in the table name:\nINSERT INTO tagz\n  VALUES ('a');\n",
    );
    rds.on(ExecuteStatementCommand).resolves({ records: [], columnMetadata: [] });
    rds
      .on(ExecuteStatementCommand, { sql: "-- A typo in the table name:\nINSERT INTO tagz\n  VALUES ('a')" })
      .rejects(awsError("DatabaseErrorException", 'ERROR: relation "tagz" does not exist; SQLState: 42P01'));
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx" });
    rds
      .on(RollbackTransactionCommand)
      .rejects(awsError("TransactionNotFoundException", "Transaction tx isn't found. Transaction has been aborted due to an error from a previous call."));
    const run = await cli(["migrate", "--dir", "numbered"], { cwd: folder, env: ENV });
    expect(run).toMatchObject({ code: 8, stdout: "" });
    expect(run.stderr).toBe(
      "aurora-db migrate: 0001_tags.sql failed and was rolled back at statement 2 of 2 (line 5: INSERT INTO tagz): " +
        `ExecuteStatement on ${CLUSTER} failed: DatabaseErrorException: ERROR: relation "tagz" does not exist; SQLState: 42P01\n`,
    );
    expect(rds.commandCalls(CommitTransactionCommand)).toHaveLength(0);
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(1);
  });

  it("migrate reports a commit that finds the transaction ended as not applied, rolled back", async () => {
    const migrations = join(folder, "ended");
    mkdirSync(migrations, { recursive: true });
    writeFileSync(join(migrations, "0001_one.sql"), "CREATE TABLE one (n int);\n");
    rds.on(ExecuteStatementCommand).resolves({ records: [], columnMetadata: [] });
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx" });
    rds.on(CommitTransactionCommand).rejects(awsError("TransactionNotFoundException", "Transaction tx isn't found. Transaction may be expired."));
    const run = await cli(["migrate", "--dir", "ended"], { cwd: folder, env: ENV });
    expect(run.code).toBe(8);
    expect(run.stderr).toMatch(
      /^aurora-db migrate: 0001_one\.sql failed and was rolled back: its transaction had ended before the commit, so none of it was applied \(CommitTransaction on .* failed \(nothing was committed: /,
    );
    expect(run.stderr).not.toContain("may have been applied");
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(0);
  });
});

describe("aurora-db cost", () => {
  const folder = scratchFolder();
  let stacks: Record<"dev" | "staging" | "staging-key" | "bootstrap", { json: object }>;
  beforeAll(() => {
    const { environments, keys } = synthApp();
    stacks = { dev: environments.dev, staging: environments.staging, "staging-key": keys.staging!, bootstrap: synthBootstrap() };
    for (const [name, { json }] of Object.entries(stacks)) {
      mkdirSync(join(folder, "cdktf.out/stacks", name), { recursive: true });
      writeFileSync(join(folder, "cdktf.out/stacks", name, "cdk.tf.json"), JSON.stringify(json));
    }
  });

  it("prints the table of every synthesized stack that creates something billed, and the same estimates as JSON, in cents", async () => {
    const expected = ["dev", "staging", "staging-key"].map((name) => estimateStackCost(name, stacks[name as keyof typeof stacks].json));
    expect(await cli(["cost"], { cwd: folder })).toEqual({ code: 0, stdout: formatCostTable(expected), stderr: "" });
    const asJson = await cli(["cost", "--json", "--stack", "staging", "--stack", "staging-key"], { cwd: folder });
    expect(JSON.parse(asJson.stdout)).toEqual(JSON.parse(JSON.stringify(expected.slice(1).map(roundEstimate))));
    // Money with more than two decimals is float noise of the sums (354.29999999999995); quantities keep 4.
    const printed = JSON.parse(asJson.stdout) as StackCostEstimate[];
    const amounts = (pick: (line: CostLine) => CostAmount | null) =>
      printed.flatMap((estimate) => estimate.lines.flatMap((line) => pick(line) ?? [])).flatMap(({ idle, max }) => [idle, max]);
    const money = [...amounts((line) => line.monthlyUsd), ...printed.flatMap(({ totalUsd }) => [totalUsd.idle, totalUsd.max])];
    const quantities = amounts((line) => line.quantity);
    expect(money.length).toBeGreaterThan(10);
    expect(quantities).not.toEqual([]);
    expect(money.filter((amount) => Math.round(amount * 100) / 100 !== amount)).toEqual([]);
    expect(quantities.filter((amount) => Math.round(amount * 10_000) / 10_000 !== amount)).toEqual([]);
    expect(JSON.parse(asJson.stdout)[0].totalUsd).toEqual({ idle: 47.7, max: 354.3 });
  });

  it("leaves out of its default list a stack that creates nothing billed, and shows it when named", async () => {
    expect(estimateStackCost("bootstrap", stacks.bootstrap.json).lines).toEqual([]);
    expect((await cli(["cost"], { cwd: folder })).stdout).not.toMatch(/^bootstrap /m);
    const listed = JSON.parse((await cli(["cost", "--json"], { cwd: folder })).stdout) as { stack: string }[];
    expect(listed.map((estimate) => estimate.stack)).toEqual(["dev", "staging", "staging-key"]);
    const named = await cli(["cost", "--stack", "bootstrap"], { cwd: folder });
    expect(named).toEqual({ code: 0, stdout: formatCostTable([estimateStackCost("bootstrap", stacks.bootstrap.json)]), stderr: "" });
  });

  it("exits 3, saying why, when nothing is synthesized, or the stack is not", async () => {
    const synth = "run npm run synth (cdktf synth, without --hcl) first";
    expect(await cli(["cost", "--out-dir", "nowhere"], { cwd: folder })).toEqual({
      code: 3,
      stdout: "",
      stderr: `aurora-db cost: no synthesized stacks in ${join(folder, "nowhere/stacks")}: the folder does not exist; ${synth}\n`,
    });
    mkdirSync(join(folder, "empty/stacks"), { recursive: true });
    expect(await cli(["cost", "--out-dir", "empty"], { cwd: folder })).toEqual({
      code: 3,
      stdout: "",
      stderr: `aurora-db cost: no synthesized stacks in ${join(folder, "empty/stacks")}: the folder is empty; ${synth}\n`,
    });
    expect(await cli(["cost", "--stack", "prod"], { cwd: folder })).toEqual({
      code: 3,
      stdout: "",
      stderr: `aurora-db cost: stack prod is not synthesized in ${join(folder, "cdktf.out/stacks")}, which has bootstrap, dev, staging, staging-key: ${synth}\n`,
    });
  });

  it("exits 3 for stacks synthesized with --hcl, whose cdk.tf it does not read", async () => {
    for (const stack of ["dev", "prod"]) {
      mkdirSync(join(folder, "hcl/stacks", stack), { recursive: true });
      writeFileSync(join(folder, "hcl/stacks", stack, "cdk.tf"), "terraform {}\n");
    }
    expect(await cli(["cost", "--out-dir", "hcl"], { cwd: folder })).toEqual({
      code: 3,
      stdout: "",
      stderr:
        "aurora-db cost: stacks dev, prod were synthesized with --hcl (cdk.tf), and the estimate reads cdk.tf.json: run npm run synth (cdktf synth, without --hcl) first\n",
    });
    mkdirSync(join(folder, "hcl/stacks/staging"));
    expect((await cli(["cost", "--out-dir", "hcl", "--stack", "dev", "--stack", "staging"], { cwd: folder })).stderr).toBe(
      `aurora-db cost: stack dev was synthesized with --hcl (cdk.tf), and the estimate reads cdk.tf.json; stack staging has no cdk.tf.json in ${join(folder, "hcl/stacks")}: run npm run synth (cdktf synth, without --hcl) first\n`,
    );
  });

  it("says so when no stack creates anything billed", async () => {
    mkdirSync(join(folder, "unbilled/stacks/bootstrap"), { recursive: true });
    writeFileSync(join(folder, "unbilled/stacks/bootstrap/cdk.tf.json"), JSON.stringify(stacks.bootstrap.json));
    expect(await cli(["cost", "--out-dir", "unbilled"], { cwd: folder })).toEqual({
      code: 0,
      stdout: `no stack in ${join(folder, "unbilled/stacks")} creates anything billed (bootstrap): $0.00 a month\n`,
      stderr: "",
    });
  });
});
