/**
 * `aurora-db check` against failures only AWS produces (a resuming cluster, a disabled Data
 * API, access denied, a resume that outlasts --timeout), with the SDK mocked; and `aurora-db
 * cost` over the synthesized stacks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BeginTransactionCommand, CommitTransactionCommand, ExecuteStatementCommand, RDSDataClient, RollbackTransactionCommand } from "@aws-sdk/client-rds-data";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { estimateStackCost, formatCostTable } from "../../modules/aurora-data-api/src/cost/estimate";
import { synthBootstrap } from "../support/bootstrap";
import { synthApp } from "../support/synth";
import { awsError, cli, scratchFolder } from "./support";

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

describe("aurora-db check, against AWS's failures", () => {
  const folder = scratchFolder();
  const rds = mockClient(RDSDataClient);
  afterEach(() => rds.reset());
  afterAll(() => rds.restore());

  it("shows progress while the cluster resumes, then how long the resume took", async () => {
    rds.on(ExecuteStatementCommand).rejectsOnce(awsError("DatabaseResumingException", "resuming")).rejectsOnce(awsError("DatabaseResumingException", "resuming")).resolves(VERSION_ROW);
    const run = await onFakeClock(() => cli(["check"], { cwd: folder, env: ENV }));
    expect(run.code).toBe(0);
    expect(run.stderr.split("\n")).toEqual([
      expect.stringMatching(/^waiting: the cluster is resuming from auto-pause \(DatabaseResumingException\); 0\.\d s elapsed, next try in 0\.3 s$/),
      expect.stringMatching(/^waiting: the cluster is resuming from auto-pause \(DatabaseResumingException\); 0\.\d s elapsed, next try in 0\.5 s$/),
      "",
    ]);
    expect(run.stdout).toMatch(new RegExp(`^Data API OK: PostgreSQL 17\\.5, database alex, cluster ${CLUSTER}\\nresumed from auto-pause in 0\\.[7-9] s; [\\d.]+ s in all\\n$`));
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
    expect(failedCommit.stderr).toContain("0001_one.sql: its commit failed, so it may have been applied or not: look for it in aurora_db_migrations before running again");
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

  it("prints the table of every synthesized stack that creates something billed, and the same estimates as JSON", async () => {
    const expected = ["dev", "staging", "staging-key"].map((name) => estimateStackCost(name, stacks[name as keyof typeof stacks].json));
    expect(await cli(["cost"], { cwd: folder })).toEqual({ code: 0, stdout: formatCostTable(expected), stderr: "" });
    const asJson = await cli(["cost", "--json", "--stack", "staging", "--stack", "staging-key"], { cwd: folder });
    expect(JSON.parse(asJson.stdout)).toEqual(JSON.parse(JSON.stringify(expected.slice(1))));
  });

  it("leaves out of its default list a stack that creates nothing billed, and shows it when named", async () => {
    expect(estimateStackCost("bootstrap", stacks.bootstrap.json).lines).toEqual([]);
    expect((await cli(["cost"], { cwd: folder })).stdout).not.toMatch(/^bootstrap /m);
    const listed = JSON.parse((await cli(["cost", "--json"], { cwd: folder })).stdout) as { stack: string }[];
    expect(listed.map((estimate) => estimate.stack)).toEqual(["dev", "staging", "staging-key"]);
    const named = await cli(["cost", "--stack", "bootstrap"], { cwd: folder });
    expect(named).toEqual({ code: 0, stdout: formatCostTable([estimateStackCost("bootstrap", stacks.bootstrap.json)]), stderr: "" });
  });

  it("exits 3 when nothing is synthesized, or the stack is not", async () => {
    expect(await cli(["cost", "--out-dir", "nowhere"], { cwd: folder })).toMatchObject({ code: 3, stderr: `aurora-db cost: no synthesized stacks in ${join(folder, "nowhere/stacks")}: run npm run synth (cdktf synth) first\n` });
    expect(await cli(["cost", "--stack", "prod"], { cwd: folder })).toMatchObject({ code: 3, stderr: `aurora-db cost: stack prod is not synthesized: no prod/cdk.tf.json in ${join(folder, "cdktf.out/stacks")}\n` });
  });
});
