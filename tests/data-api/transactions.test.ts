/**
 * How a transaction is reached, with the SDK client mocked: only through its object (the client's
 * query and batch take no transaction id), `transaction()`'s work gets its statements but not its
 * end, and a transaction that was committed or rolled back refuses later calls without a
 * request. (The `@ts-expect-error` lines are checked by the type-check of npm test.)
 */
import {
  BatchExecuteStatementCommand,
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  RollbackTransactionCommand,
} from "@aws-sdk/client-rds-data";
import { DataApiClient, type Transaction } from "aurora-data-api-toolkit";
import { describe, expect, it } from "vitest";
import { awsError, mockedDataApi } from "./support";

const CLUSTER = "arn:aws:rds:eu-west-1:123456789012:cluster:orders-dev-aurora-cluster";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-dev-aurora-credentials-AbCdEf";
const rds = mockedDataApi();

function client() {
  return new DataApiClient({ resourceArn: CLUSTER, secretArn: SECRET, database: "orders", client: new RDSDataClient({ region: "eu-west-1" }) });
}

/** The transaction ids the statements were sent with, in order. */
const sentIn = () =>
  [...rds.commandCalls(ExecuteStatementCommand), ...rds.commandCalls(BatchExecuteStatementCommand)].map((call) => call.args[0].input.transactionId);

describe("a transaction is reached through its object", () => {
  it("sends the client's own statements outside any transaction: they take no transaction id", async () => {
    rds.on(ExecuteStatementCommand).resolves({});
    rds.on(BatchExecuteStatementCommand).resolves({ updateResults: [{}] });
    const db = client();
    // @ts-expect-error the client's query takes no transaction id
    await db.query("SELECT 1", {}, "tx-1");
    // @ts-expect-error the client's batch takes no transaction id
    await db.batch("INSERT INTO t VALUES (:n)", [{ n: 1 }], "tx-1");
    expect(sentIn()).toEqual([undefined, undefined]);
  });

  it("gives transaction()'s work the transaction's statements, in it, and not its commit or rollback", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-1" });
    rds.on(ExecuteStatementCommand).resolves({});
    rds.on(BatchExecuteStatementCommand).resolves({ updateResults: [{}, {}] });
    rds.on(CommitTransactionCommand).resolves({});
    const given = await client().transaction(async (transaction: Transaction) => {
      await transaction.query("UPDATE a SET n = :n", { n: 1 });
      expect(await transaction.batch("INSERT INTO t VALUES (:n)", [{ n: 1 }, { n: 2 }])).toBe(2);
      // @ts-expect-error the work does not end its transaction: transaction() does
      void transaction.commit;
      return transaction;
    });
    expect(given.id).toBe("tx-1");
    expect(Object.keys(given).sort()).toEqual(["batch", "id", "query"]);
    expect(sentIn()).toEqual(["tx-1", "tx-1"]);
    expect(rds.commandCalls(CommitTransactionCommand)).toHaveLength(1);
  });
});

describe("a transaction that has ended", () => {
  it("refuses a call made after transaction() committed it, without a request", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-1" });
    rds.on(ExecuteStatementCommand).resolves({});
    rds.on(CommitTransactionCommand).resolves({});
    const kept = await client().transaction(async (transaction) => transaction);
    await expect(kept.query("UPDATE a SET n = 2")).rejects.toThrow(
      "transaction tx-1 was already committed, so this call was not sent: make each call of a transaction before its end (in transaction(), await them in its work)",
    );
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
  });

  it("refuses calls after begin()'s commit or rollback, a second commit among them", async () => {
    rds.on(BeginTransactionCommand).resolvesOnce({ transactionId: "tx-1" }).resolvesOnce({ transactionId: "tx-2" });
    rds.on(CommitTransactionCommand).resolves({});
    rds.on(RollbackTransactionCommand).resolves({});
    const db = client();
    const committed = await db.begin();
    await committed.commit();
    await expect(committed.commit()).rejects.toThrow("transaction tx-1 was already committed");
    await expect(committed.rollback()).rejects.toThrow("transaction tx-1 was already committed");
    const rolledBack = await db.begin();
    await rolledBack.rollback();
    await expect(rolledBack.batch("INSERT INTO t VALUES (:n)", [{ n: 1 }])).rejects.toThrow("transaction tx-2 was already rolled back");
    expect(rds.commandCalls(CommitTransactionCommand)).toHaveLength(1);
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(1);
    expect(rds.commandCalls(BatchExecuteStatementCommand)).toHaveLength(0);
  });

  it("still sends a rollback after a commit that failed: it may not have committed", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-1" });
    rds.on(CommitTransactionCommand).rejects(awsError("InternalServerErrorException", "connection lost"));
    rds.on(RollbackTransactionCommand).resolves({});
    const transaction = await client().begin();
    await expect(transaction.commit()).rejects.toMatchObject({ operation: "CommitTransaction", kind: "other" });
    await transaction.rollback();
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(1);
  });
});
