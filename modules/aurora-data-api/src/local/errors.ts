/**
 * The Data API's error responses: an HTTP status, the error type in `x-amzn-errortype` (which
 * the AWS SDK reads to build the matching exception class) and a `message`. The types and their
 * statuses are the service model's (`@aws-sdk/client-rds-data`); which call gets which type is
 * what AWS documents for Aurora Serverless v2 (data-api.troubleshooting.html, the API reference's
 * errors of ExecuteStatement): `BadRequestException` is Serverless v1's and is never answered here.
 */

/** An error the local Data API answers with, as the real one would. */
export class DataApiFault extends Error {
  constructor(
    /** The AWS error type, such as `ValidationException`. */
    readonly type: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
  }
}

/** A request the API refuses before it reaches the database. */
export const validationError = (message: string) => new DataApiFault("ValidationException", message);

/** A result the Data API cannot map to its fields. */
export const unsupportedResult = (message: string) => new DataApiFault("UnsupportedResultException", message);

/** Why a transaction id is not (or no longer) known, as the real API appends it to its message. */
export type TransactionEnd = "expired" | "ended" | "aborted";

const TRANSACTION_END_CAUSES: Readonly<Record<TransactionEnd, string>> = {
  expired: "Transaction may be expired.",
  ended: "One previous call resulted in a termination of your transaction.",
  aborted: "Transaction has been aborted due to an error from a previous call.",
};

export function transactionNotFound(id: string, end?: TransactionEnd): DataApiFault {
  const cause = end === undefined ? "" : ` ${TRANSACTION_END_CAUSES[end]}`;
  return new DataApiFault("TransactionNotFoundException", `Transaction ${id} isn't found.${cause}`, 404);
}

/** A PostgreSQL error as the Data API reports it: the server's message and its SQLSTATE. */
export function databaseError(error: unknown): DataApiFault {
  const { message, code, severity } = error as { message?: string; code?: string; severity?: string };
  return new DataApiFault("DatabaseErrorException", `${severity ?? "ERROR"}: ${message ?? String(error)}; SQLState: ${code ?? "XX000"}`);
}
