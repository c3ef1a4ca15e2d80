/**
 * A small typed client over `@aws-sdk/client-rds-data`: named parameters, rows as objects,
 * transactions that roll back on error, batches, and retries only where a statement cannot
 * have run (a resuming cluster, throttling).
 */
import {
  BatchExecuteStatementCommand,
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  RollbackTransactionCommand,
} from "@aws-sdk/client-rds-data";
import { DataApiError, type DataApiOperation } from "./errors.js";
import { CLUSTER_ARN } from "./private/arn.js";
import { isLoopback } from "./private/endpoint.js";
import { DeadlineError, withRetries, type Retried, type RetryOptions } from "./retry.js";
import { toRows, toSqlParameters, type Parameters } from "./values.js";

/** What a commit that finds its transaction gone says: the Data API's own message does not. */
const NOTHING_COMMITTED =
  "nothing was committed: the transaction had already ended, rolled back by the database after an error in one of its statements, " +
  "or by the Data API after 3 minutes without a call, or committed or rolled back before";

/** Where the database is and how to reach it. */
export interface DataApiConfig {
  /** The Aurora cluster's ARN (`aws_rds_cluster.arn`, output `aurora_cluster_arn`). */
  readonly resourceArn: string;
  /** The Secrets Manager secret with the database credentials (output `aurora_secret_arn`). */
  readonly secretArn: string;
  /** The database to connect to (output `database_name`). */
  readonly database: string;
  /**
   * The Data API endpoint; set it to a local Data API (`aurora-db local`).
   * @default the regional AWS endpoint
   */
  readonly endpoint?: string;
  /**
   * The AWS region.
   * @default the region in `resourceArn`
   */
  readonly region?: string;
}

export interface DataApiClientOptions extends DataApiConfig {
  /**
   * An SDK client to send the requests. Give it `maxAttempts: 1`: the SDK's own retries resend
   * requests after errors (timeouts, 5xx) whose statement may have run.
   * @default a client for `region` and `endpoint` with `maxAttempts: 1`
   */
  readonly client?: RDSDataClient;
  /**
   * How long to wait for a resuming cluster or through throttling.
   * @default RETRY_DEFAULTS (a 60 s deadline, 250 ms doubling to 5 s)
   */
  readonly retry?: RetryOptions;
}

/** What a statement returned. */
export interface QueryResult<Row> {
  /** The rows, as objects keyed by column label. */
  readonly rows: Row[];
  /** Rows inserted, updated or deleted. */
  readonly numberOfRecordsUpdated: number;
  /** Milliseconds spent waiting for the cluster to resume from auto-pause (0 when it was awake). */
  readonly resumeMs: number;
}

/** What runs statements: the client, each statement on its own, or a transaction. */
export interface Queryable {
  /** Runs one statement; `:name` in the SQL reads `parameters.name`. */
  query<Row = Record<string, unknown>>(sql: string, parameters?: Parameters): Promise<QueryResult<Row>>;
  /** Runs one statement once per parameter set; returns how many sets ran. */
  batch(sql: string, parameterSets: readonly Parameters[]): Promise<number>;
}

/**
 * Statements inside one Data API transaction, sent one at a time in the order they are made.
 * `transaction()` gives it to its work, and commits or rolls it back itself.
 */
export interface Transaction extends Queryable {
  /** The Data API's id of the transaction, for logs. */
  readonly id: string;
}

/** A transaction from `begin()`, which its caller ends: commit it, or roll it back. */
export interface OpenTransaction extends Transaction {
  /** Commits it; after that, its calls are refused without a request. */
  commit(): Promise<void>;
  /** Rolls it back; after that, its calls are refused without a request. */
  rollback(): Promise<void>;
}

/** The region of a cluster ARN, or an error that shows what a cluster ARN looks like. */
export function regionOfClusterArn(arn: string): string {
  const region = CLUSTER_ARN.exec(arn)?.[1];
  if (region === undefined) {
    throw new TypeError(`resourceArn "${arn}" is not an Aurora cluster ARN: expected arn:<partition>:rds:<region>:<account>:cluster:<name>`);
  }
  return region;
}

export class DataApiClient implements Queryable {
  readonly config: DataApiConfig;
  private readonly client: RDSDataClient;
  private readonly retry: RetryOptions;

  constructor(options: DataApiClientOptions) {
    const region = options.region ?? regionOfClusterArn(options.resourceArn);
    for (const key of ["resourceArn", "secretArn", "database"] as const) {
      if (typeof options[key] !== "string" || options[key] === "") throw new TypeError(`${key} is required: received ${JSON.stringify(options[key])}`);
    }
    this.config = { resourceArn: options.resourceArn, secretArn: options.secretArn, database: options.database, endpoint: options.endpoint, region };
    // A loopback endpoint is a local Data API: it is never sent the caller's real credentials.
    const credentials = options.endpoint !== undefined && isLoopback(options.endpoint) ? { accessKeyId: "local", secretAccessKey: "local" } : undefined;
    this.client = options.client ?? new RDSDataClient({ region, endpoint: options.endpoint, maxAttempts: 1, credentials });
    this.retry = options.retry ?? {};
  }

  /** Runs one statement, outside any transaction; `:name` in the SQL reads `parameters.name`. */
  query<Row = Record<string, unknown>>(sql: string, parameters?: Parameters): Promise<QueryResult<Row>> {
    return this.execute<Row>(sql, parameters, undefined);
  }

  /** Runs one statement once per parameter set, outside any transaction; returns how many sets ran. */
  batch(sql: string, parameterSets: readonly Parameters[]): Promise<number> {
    return this.executeBatch(sql, parameterSets, undefined);
  }

  /**
   * ExecuteStatement, in a transaction when given its id: only a Transaction's own calls pass
   * one, in their turn, so that no statement reaches a transaction outside its queue.
   */
  private async execute<Row>(sql: string, parameters: Parameters | undefined, transactionId: string | undefined): Promise<QueryResult<Row>> {
    const input = {
      ...this.target(),
      database: this.config.database,
      sql,
      parameters: toSqlParameters(parameters),
      includeResultMetadata: true,
      transactionId,
    };
    const { value, resumeMs } = await this.send("ExecuteStatement", () => this.client.send(new ExecuteStatementCommand(input)));
    return { rows: toRows<Row>(value.records, value.columnMetadata), numberOfRecordsUpdated: value.numberOfRecordsUpdated ?? 0, resumeMs };
  }

  /** BatchExecuteStatement, in a transaction when given its id (as `execute`). */
  private async executeBatch(sql: string, parameterSets: readonly Parameters[], transactionId: string | undefined): Promise<number> {
    const input = {
      ...this.target(),
      database: this.config.database,
      sql,
      parameterSets: parameterSets.map((set) => toSqlParameters(set)),
      transactionId,
    };
    const { value } = await this.send("BatchExecuteStatement", () => this.client.send(new BatchExecuteStatementCommand(input)));
    return value.updateResults?.length ?? 0;
  }

  /**
   * Starts a transaction that the caller ends: commit or roll it back. Prefer `transaction`,
   * which does. Its calls are sent one at a time, in the order they are made: the Data API
   * refuses a call on a transaction that is still running another ("Transaction is still running
   * a query"). Once it is committed or rolled back, its calls are refused without a request.
   */
  async begin(): Promise<OpenTransaction> {
    const input = { ...this.target(), database: this.config.database };
    const { value } = await this.send("BeginTransaction", () => this.client.send(new BeginTransactionCommand(input)));
    const id = value.transactionId!;
    const target = { ...this.target(), transactionId: id };
    let tail: Promise<unknown> = Promise.resolve();
    // How it ended, once a commit or rollback succeeded: a call after that would reach no transaction.
    let ended: "committed" | "rolled back" | undefined;
    const inTurn = <T>(call: () => Promise<T>): Promise<T> => {
      const guarded = () =>
        ended === undefined
          ? call()
          : Promise.reject(
              new Error(
                `transaction ${id} was already ${ended}, so this call was not sent: make each call of a transaction before its end (in transaction(), await them in its work)`,
              ),
            );
      const result = tail.then(guarded, guarded);
      tail = result.catch(() => undefined);
      return result;
    };
    const commit = async () => {
      try {
        await this.send("CommitTransaction", () => this.client.send(new CommitTransactionCommand(target)));
        ended = "committed";
      } catch (error) {
        if (!(error instanceof DataApiError) || error.kind !== "transaction-ended") throw error;
        throw new DataApiError({
          clusterArn: this.config.resourceArn,
          endpoint: this.config.endpoint,
          operation: "CommitTransaction",
          cause: error.cause,
          detail: NOTHING_COMMITTED,
        });
      }
    };
    return {
      id,
      query: (sql, parameters) => inTurn(() => this.execute(sql, parameters, id)),
      batch: (sql, parameterSets) => inTurn(() => this.executeBatch(sql, parameterSets, id)),
      commit: () => inTurn(commit),
      rollback: () =>
        inTurn(async () => {
          await this.send("RollbackTransaction", () => this.client.send(new RollbackTransactionCommand(target)));
          ended = "rolled back";
        }),
    };
  }

  /**
   * Runs `work` in a transaction: commits when it returns, rolls back when it throws (and throws
   * its error). A rollback that finds the transaction already ended (the database aborts it at a
   * statement error) is that rollback done. A failed commit is not rolled back: it may have
   * committed, unless its `kind` is `transaction-ended` (nothing was committed). `work` gets the
   * transaction's statements, not its end: a call it makes after the end is refused.
   */
  async transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const transaction = await this.begin();
    let result: T;
    try {
      result = await work({ id: transaction.id, query: transaction.query, batch: transaction.batch });
    } catch (error) {
      try {
        await transaction.rollback();
      } catch (rollbackError) {
        if (rollbackError instanceof DataApiError && rollbackError.kind === "transaction-ended") throw error;
        throw new AggregateError([error, rollbackError], `the transaction failed and its rollback failed too: ${(rollbackError as Error).message}`, {
          cause: rollbackError,
        });
      }
      throw error;
    }
    await transaction.commit();
    return result;
  }

  private target() {
    return { resourceArn: this.config.resourceArn, secretArn: this.config.secretArn };
  }

  /** Sends one request with the retry policy; any failure becomes a DataApiError naming the operation. */
  private async send<T>(operation: DataApiOperation, request: () => Promise<T>): Promise<Retried<T>> {
    try {
      return await withRetries(request, this.retry);
    } catch (error) {
      if (error instanceof DeadlineError) {
        throw new DataApiError({
          clusterArn: this.config.resourceArn,
          endpoint: this.config.endpoint,
          operation,
          cause: error.last,
          detail: `gave up after ${Math.round(error.elapsedMs / 1000)} s of retries`,
        });
      }
      throw new DataApiError({ clusterArn: this.config.resourceArn, endpoint: this.config.endpoint, operation, cause: error });
    }
  }
}
