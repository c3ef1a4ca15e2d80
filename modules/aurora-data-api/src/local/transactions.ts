/**
 * Open Data API transactions, each on a connection of its own, with the real API's rules
 * (API_BeginTransaction, data-api.troubleshooting.html): one call at a time per transaction id;
 * a statement error aborts the transaction, so later calls with its id, the commit included, get
 * TransactionNotFoundException; no call for three minutes rolls it back, and so does 24 hours.
 */
import { randomBytes } from "node:crypto";
import type { Session } from "./backend.js";
import { DataApiFault, transactionNotFound, type TransactionEnd } from "./errors.js";

export interface TransactionTimeouts {
  /** Rolled back after this long without a call. */
  readonly idleMs: number;
  /** Rolled back this long after it began, whatever its calls. */
  readonly maxMs: number;
}

interface OpenTransaction {
  readonly session: Session;
  running: boolean;
  idle: NodeJS.Timeout;
  readonly lifetime: NodeJS.Timeout;
}

/** How many ended transaction ids are remembered, to say why an id is not found. */
const REMEMBERED_ENDS = 1_000;

export class Transactions {
  private readonly open = new Map<string, OpenTransaction>();
  private readonly ended = new Map<string, TransactionEnd>();

  constructor(private readonly timeouts: TransactionTimeouts) {}

  /** How many transactions hold a connection. */
  get size(): number {
    return this.open.size;
  }

  /** Registers a transaction begun on `session`; returns its id. */
  add(session: Session): string {
    const id = randomBytes(24).toString("base64");
    const lifetime = setTimeout(() => void this.finish(id, "ROLLBACK", "expired"), this.timeouts.maxMs);
    lifetime.unref();
    this.open.set(id, { session, running: false, idle: this.idleTimer(id), lifetime });
    return id;
  }

  /**
   * Runs `work` on the transaction's connection. A second call while one runs is refused, as the
   * real API does at once; a database error ends the transaction (PostgreSQL aborted it).
   */
  async run<T>(id: unknown, work: (session: Session) => Promise<T>): Promise<T> {
    const transaction = this.lookup(id);
    if (transaction.running) throw new DataApiFault("DatabaseErrorException", "Transaction is still running a query");
    transaction.running = true;
    clearTimeout(transaction.idle);
    try {
      return await work(transaction.session);
    } catch (error) {
      if (error instanceof DataApiFault && error.type === "DatabaseErrorException") await this.finish(id as string, "ROLLBACK", "aborted");
      throw error;
    } finally {
      transaction.running = false;
      if (this.open.get(id as string) === transaction) transaction.idle = this.idleTimer(id as string);
    }
  }

  /** Commits or rolls back at the caller's request. */
  async end(id: unknown, statement: "COMMIT" | "ROLLBACK"): Promise<void> {
    const transaction = this.lookup(id);
    if (transaction.running) throw new DataApiFault("DatabaseErrorException", "Transaction is still running a query");
    await this.finish(id as string, statement, "ended");
  }

  /** Rolls back every open transaction (the endpoint is stopping). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.finish(id, "ROLLBACK", "ended")));
  }

  private lookup(id: unknown): OpenTransaction {
    const transaction = typeof id === "string" ? this.open.get(id) : undefined;
    if (transaction === undefined) throw transactionNotFound(String(id), typeof id === "string" ? this.ended.get(id) : undefined);
    return transaction;
  }

  private idleTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.finish(id, "ROLLBACK", "expired"), this.timeouts.idleMs);
    timer.unref();
    return timer;
  }

  /** Ends the transaction on its connection and gives the connection back; a broken one is closed. */
  private async finish(id: string, statement: "COMMIT" | "ROLLBACK", end: TransactionEnd): Promise<void> {
    const transaction = this.open.get(id);
    if (transaction === undefined) return;
    this.open.delete(id);
    clearTimeout(transaction.idle);
    clearTimeout(transaction.lifetime);
    this.ended.set(id, end);
    if (this.ended.size > REMEMBERED_ENDS) this.ended.delete(this.ended.keys().next().value!);
    let broken = false;
    try {
      await transaction.session.query(statement);
    } catch (error) {
      broken = true;
      if (statement === "COMMIT") throw error;
    } finally {
      transaction.session.release(broken);
    }
  }
}
