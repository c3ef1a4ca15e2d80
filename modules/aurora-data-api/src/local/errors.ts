/**
 * The Data API's error responses: an HTTP status, the error type in `x-amzn-errortype` (which
 * the AWS SDK reads to build the matching exception class) and a `message`.
 */

/** An error the local Data API answers with, as the real one would. */
export class DataApiFault extends Error {
  constructor(
    /** The AWS error type, such as `BadRequestException`. */
    readonly type: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new DataApiFault("BadRequestException", message);
export const notFound = (message: string) => new DataApiFault("NotFoundException", message, 404);

/** A PostgreSQL error as the Data API reports it: the server's message and its SQLSTATE. */
export function databaseError(error: unknown): DataApiFault {
  const { message, code, severity } = error as { message?: string; code?: string; severity?: string };
  return new DataApiFault("DatabaseErrorException", `${severity ?? "ERROR"}: ${message ?? String(error)}; SQLState: ${code ?? "XX000"}`);
}
