/**
 * The local endpoint's open transactions, in process, on a recorded connection and fake timers:
 * what each end sends (COMMIT only at the caller's request, ROLLBACK on every timeout, error and
 * stop), when the connection goes back and when it is closed, and why a later call's id is not
 * found. The conformance suite checks the same rules end to end against both backends.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../../modules/aurora-data-api/src/local/backend";
import { DataApiFault } from "../../modules/aurora-data-api/src/local/errors";
import { Transactions } from "../../modules/aurora-data-api/src/local/transactions";

const IDLE_MS = 1_000;
const MAX_MS = 10_000;

/** A connection that records its statements and how it was given back; `failOn` makes that statement throw. */
function recordedSession(failOn?: string) {
  const statements: string[] = [];
  const releases: (boolean | undefined)[] = [];
  const session: Session = {
    query: async (text: string) => {
      statements.push(text);
      if (text === failOn) throw new Error(`${text} failed`);
      return { command: text, rowCount: 0, fields: [], rows: [] };
    },
    release: (destroy?: boolean) => void releases.push(destroy),
  };
  return { session, statements, releases };
}

/** The fault a call with an id that is not open gets. */
async function notFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.fail("the call went through"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DataApiFault);
  return { type: (error as DataApiFault).type, message: (error as DataApiFault).message, status: (error as DataApiFault).status };
}

describe("local transactions", () => {
  let transactions: Transactions;
  beforeEach(() => {
    vi.useFakeTimers();
    transactions = new Transactions({ idleMs: IDLE_MS, maxMs: MAX_MS });
  });
  afterEach(async () => {
    await transactions.closeAll();
    vi.useRealTimers();
  });

  it("gives each transaction an id of its own and counts the open ones", () => {
    const first = transactions.add(recordedSession().session);
    const second = transactions.add(recordedSession().session);
    expect(first).not.toBe(second);
    expect(Buffer.from(first, "base64")).toHaveLength(24);
    expect(transactions.size).toBe(2);
  });

  it("runs work on the transaction's own connection and commits only when asked, giving the connection back", async () => {
    const { session, statements, releases } = recordedSession();
    const id = transactions.add(session);
    expect(await transactions.run(id, async (on) => (await on.query("INSERT 1"), "done"))).toBe("done");
    await transactions.end(id, "COMMIT");
    expect(statements).toEqual(["INSERT 1", "COMMIT"]);
    expect(releases).toEqual([false]);
    expect(transactions.size).toBe(0);
    expect(await notFound(transactions.run(id, async () => undefined))).toEqual({
      type: "TransactionNotFoundException",
      message: `Transaction ${id} isn't found. One previous call resulted in a termination of your transaction.`,
      status: 404,
    });
  });

  it("rolls back, never commits, a transaction left without a call for the idle timeout", async () => {
    const { session, statements, releases } = recordedSession();
    const id = transactions.add(session);
    await transactions.run(id, (on) => on.query("INSERT 1"));
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(statements).toEqual(["INSERT 1"]);
    expect(transactions.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(statements).toEqual(["INSERT 1", "ROLLBACK"]);
    expect(releases).toEqual([false]);
    expect(await notFound(transactions.end(id, "COMMIT"))).toEqual({
      type: "TransactionNotFoundException",
      message: `Transaction ${id} isn't found. Transaction may be expired.`,
      status: 404,
    });
    expect(statements).not.toContain("COMMIT");
  });

  it("restarts the idle timeout after each call, and stops it while a call runs", async () => {
    const { session, statements } = recordedSession();
    const id = transactions.add(session);
    await vi.advanceTimersByTimeAsync(IDLE_MS - 100);
    await transactions.run(id, async (on) => {
      await on.query("SELECT slowly");
      // A call that runs longer than the idle timeout is not cut off.
      await vi.advanceTimersByTimeAsync(IDLE_MS * 2);
    });
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(transactions.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(statements).toEqual(["SELECT slowly", "ROLLBACK"]);
  });

  it("rolls back at the longest lifetime, however busy the transaction is", async () => {
    const { session, statements } = recordedSession();
    const id = transactions.add(session);
    // A call every 400 ms, the last at 9,600 ms: the idle timeout never passes before the lifetime does.
    for (let elapsed = 0; elapsed < MAX_MS; elapsed += 400) {
      await transactions.run(id, (on) => on.query("SELECT 1"));
      await vi.advanceTimersByTimeAsync(Math.min(400, MAX_MS - 1 - elapsed));
    }
    expect(transactions.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transactions.size).toBe(0);
    expect(statements.at(-1)).toBe("ROLLBACK");
    expect(statements).not.toContain("COMMIT");
    expect((await notFound(transactions.run(id, async () => undefined))).message).toBe(`Transaction ${id} isn't found. Transaction may be expired.`);
  });

  it("refuses a second call while one runs, and lets it end only after", async () => {
    const { session } = recordedSession();
    const id = transactions.add(session);
    let finish!: () => void;
    const running = transactions.run(id, () => new Promise<void>((resolve) => (finish = resolve)));
    const busy = { type: "DatabaseErrorException", message: "Transaction is still running a query", status: 400 };
    expect(await notFound(transactions.run(id, async () => undefined))).toEqual(busy);
    expect(await notFound(transactions.end(id, "COMMIT"))).toEqual(busy);
    finish();
    await running;
    await transactions.end(id, "ROLLBACK");
    expect(transactions.size).toBe(0);
  });

  it("rolls back after a database error, so that the commit that follows is refused", async () => {
    const { session, statements } = recordedSession();
    const id = transactions.add(session);
    const refusal = new DataApiFault("DatabaseErrorException", "ERROR: duplicate key; SQLState: 23505");
    await expect(transactions.run(id, async () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(statements).toEqual(["ROLLBACK"]);
    // No timer is left for a transaction that ended.
    expect(vi.getTimerCount()).toBe(0);
    expect(await notFound(transactions.end(id, "COMMIT"))).toEqual({
      type: "TransactionNotFoundException",
      message: `Transaction ${id} isn't found. Transaction has been aborted due to an error from a previous call.`,
      status: 404,
    });
  });

  it("keeps the transaction open after a refusal that never reached the database", async () => {
    const { session, statements } = recordedSession();
    const id = transactions.add(session);
    const invalid = new DataApiFault("ValidationException", "bad parameter");
    await expect(transactions.run(id, async () => Promise.reject(invalid))).rejects.toBe(invalid);
    await expect(transactions.run(id, async () => Promise.reject(new Error("not a fault")))).rejects.toThrow("not a fault");
    expect(transactions.size).toBe(1);
    await transactions.end(id, "COMMIT");
    expect(statements).toEqual(["COMMIT"]);
  });

  it("closes a connection whose rollback failed instead of giving it back, and reports a failed commit", async () => {
    const rollingBack = recordedSession("ROLLBACK");
    await transactions.end(transactions.add(rollingBack.session), "ROLLBACK");
    expect(rollingBack.releases).toEqual([true]);
    const committing = recordedSession("COMMIT");
    const id = transactions.add(committing.session);
    await expect(transactions.end(id, "COMMIT")).rejects.toThrow("COMMIT failed");
    expect(committing.releases).toEqual([true]);
    expect(transactions.size).toBe(0);
  });

  it("rolls back every open transaction when the endpoint stops", async () => {
    const sessions = [recordedSession(), recordedSession()];
    for (const { session } of sessions) transactions.add(session);
    await transactions.closeAll();
    expect(sessions.map(({ statements }) => statements)).toEqual([["ROLLBACK"], ["ROLLBACK"]]);
    expect(transactions.size).toBe(0);
    // Nothing is sent again when the timers would have fired.
    await vi.advanceTimersByTimeAsync(MAX_MS);
    expect(sessions.map(({ statements }) => statements)).toEqual([["ROLLBACK"], ["ROLLBACK"]]);
  });

  it("says only that an unknown or non-string id is not found", async () => {
    expect(await notFound(transactions.run("never-begun", async () => undefined))).toEqual({
      type: "TransactionNotFoundException",
      message: "Transaction never-begun isn't found.",
      status: 404,
    });
    expect((await notFound(transactions.end(42, "COMMIT"))).message).toBe("Transaction 42 isn't found.");
  });

  it("remembers why the last thousand transactions ended, and forgets the oldest", async () => {
    const first = transactions.add(recordedSession().session);
    await transactions.end(first, "ROLLBACK");
    for (let index = 0; index < 999; index++) await transactions.end(transactions.add(recordedSession().session), "ROLLBACK");
    expect((await notFound(transactions.run(first, async () => undefined))).message).toMatch(/One previous call resulted/);
    const last = transactions.add(recordedSession().session);
    await transactions.end(last, "COMMIT");
    expect((await notFound(transactions.run(first, async () => undefined))).message).toBe(`Transaction ${first} isn't found.`);
    expect((await notFound(transactions.run(last, async () => undefined))).message).toMatch(/One previous call resulted/);
  });
});
