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
import { DeadlineError, type Retried, type RetryOptions, withRetries } from "./retry.js";
import { type Parameters, toRows, toSqlParameters } from "./values.js";

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

/** Statements inside one Data API transaction. */
export interface Transaction {
  readonly id: string;
  query<Row = Record<string, unknown>>(sql: string, parameters?: Parameters): Promise<QueryResult<Row>>;
  batch(sql: string, parameterSets: readonly Parameters[]): Promise<number>;
  commit(): Promise<void>;
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

export class DataApiClient {
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

  /** Runs one statement; `:name` in the SQL reads `parameters.name`. */
  async query<Row = Record<string, unknown>>(sql: string, parameters?: Parameters, transactionId?: string): Promise<QueryResult<Row>> {
    const input = { ...this.target(), database: this.config.database, sql, parameters: toSqlParameters(parameters), includeResultMetadata: true, transactionId };
    const { value, resumeMs } = await this.send("ExecuteStatement", () => this.client.send(new ExecuteStatementCommand(input)));
    return { rows: toRows<Row>(value.records, value.columnMetadata), numberOfRecordsUpdated: value.numberOfRecordsUpdated ?? 0, resumeMs };
  }

  /** Runs one statement once per parameter set; returns how many sets ran. */
  async batch(sql: string, parameterSets: readonly Parameters[], transactionId?: string): Promise<number> {
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
   * Starts a transaction; commit or roll it back (or use `transaction`, which does). Its calls
   * are sent one at a time, in the order they are made: the Data API refuses a call on a
   * transaction that is still running another ("Transaction is still running a query").
   */
  async begin(): Promise<Transaction> {
    const input = { ...this.target(), database: this.config.database };
    const { value } = await this.send("BeginTransaction", () => this.client.send(new BeginTransactionCommand(input)));
    const id = value.transactionId!;
    const target = { ...this.target(), transactionId: id };
    let tail: Promise<unknown> = Promise.resolve();
    const inTurn = <T>(call: () => Promise<T>): Promise<T> => {
      const result = tail.then(call, call);
      tail = result.catch(() => undefined);
      return result;
    };
    const commit = async () => {
      try {
        await this.send("CommitTransaction", () => this.client.send(new CommitTransactionCommand(target)));
      } catch (error) {
        if (!(error instanceof DataApiError) || error.kind !== "transaction-ended") throw error;
        throw new DataApiError({ clusterArn: this.config.resourceArn, endpoint: this.config.endpoint, operation: "CommitTransaction", cause: error.cause, detail: NOTHING_COMMITTED });
      }
    };
    return {
      id,
      query: (sql, parameters) => inTurn(() => this.query(sql, parameters, id)),
      batch: (sql, parameterSets) => inTurn(() => this.batch(sql, parameterSets, id)),
      commit: () => inTurn(commit),
      rollback: () => inTurn(async () => void (await this.send("RollbackTransaction", () => this.client.send(new RollbackTransactionCommand(target))))),
    };
  }

  /**
   * Runs `work` in a transaction: commits when it returns, rolls back when it throws (and throws
   * its error). A rollback that finds the transaction already ended (the database aborts it at a
   * statement error) is that rollback done. A failed commit is not rolled back: it may have
   * committed, unless its `kind` is `transaction-ended` (nothing was committed).
   */
  async transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const transaction = await this.begin();
    let result: T;
    try {
      result = await work(transaction);
    } catch (error) {
      try {
        await transaction.rollback();
      } catch (rollbackError) {
        if (rollbackError instanceof DataApiError && rollbackError.kind === "transaction-ended") throw error;
        throw new AggregateError([error, rollbackError], `the transaction failed and its rollback failed too: ${(rollbackError as Error).message}`, { cause: rollbackError });
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
