/**
 * What the local Data API promises about the real one: each row a behaviour, the AWS page it
 * comes from, and how the embedded PGlite differs where it does. Every row is checked with the
 * real AWS SDK against both backends (conformance.integration.test.ts), and the package README's
 * table and "what it does not emulate" list are written from here (`npm run docs`), so the README
 * claims no match that a test does not show.
 */

const GUIDE = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide";
const API = "https://docs.aws.amazon.com/rdsdataservice/latest/APIReference";

/** AWS pages the rows cite. */
export const PAGES = {
  operations: `${GUIDE}/data-api-operations.html`,
  differences: `${GUIDE}/data-api.differences.html`,
  troubleshooting: `${GUIDE}/data-api.troubleshooting.html`,
  json: `${GUIDE}/data-api-json.html`,
  execute: `${API}/API_ExecuteStatement.html`,
  batch: `${API}/API_BatchExecuteStatement.html`,
  begin: `${API}/API_BeginTransaction.html`,
  parameter: `${API}/API_SqlParameter.html`,
  columnMetadata: `${API}/API_ColumnMetadata.html`,
  resultSetOptions: `${API}/API_ResultSetOptions.html`,
} as const;

/** A row cites the AWS page of its behaviour, or says that AWS documents none and what the endpoint does then: one of the two. */
export type ConformanceRow = {
  readonly id: string;
  /** The behaviour, as the real API has it. */
  readonly behaviour: string;
  /** How the embedded PGlite differs (it has one connection); the test checks this difference instead. */
  readonly pglite?: string;
} & (
  | { /** Where AWS documents it. */ readonly source: (typeof PAGES)[keyof typeof PAGES]; readonly undocumented?: never }
  | { readonly source?: never; /** What the endpoint does where AWS documents nothing. */ readonly undocumented: string }
);

export const CONFORMANCE: readonly ConformanceRow[] = [
  {
    id: "typed-fields",
    behaviour:
      "Values come back as typed fields: integers `longValue`, floats `doubleValue`, `numeric` `stringValue` (every digit), `bool` `booleanValue`, `bytea` `blobValue`, text, dates, times, `uuid` and `json` `stringValue`, NULL `isNull`",
    source: PAGES.operations,
  },
  { id: "timestamptz-utc", behaviour: "`timestamptz` comes back in UTC without an offset, whatever the session's time zone", source: PAGES.operations },
  {
    id: "arrays",
    behaviour:
      "One-dimensional arrays come back as `arrayValue` (`longValues`, `doubleValues`, `booleanValues`, `stringValues`), NULL entries kept, date arrays as dates",
    source: PAGES.operations,
  },
  {
    id: "unsupported-types",
    behaviour: "`money`, geometric types and multidimensional arrays are refused with `UnsupportedResultException`",
    source: PAGES.differences,
  },
  {
    id: "unsupported-observed",
    behaviour: '`interval`, `timetz` and `"char"` are refused with `UnsupportedResultException`',
    undocumented: "AWS lists none of them as supported; the refusals were seen on Serverless v2 by the ez4 and drizzle-orm projects",
  },
  { id: "unsupported-uuid-arrays", behaviour: "Arrays of `uuid` are refused with `UnsupportedResultException`", source: PAGES.operations },
  {
    id: "column-metadata",
    behaviour:
      "`includeResultMetadata` returns each column's JDBC type, type name, precision, scale and `nullable` (0 for a NOT NULL column, 1 otherwise), and its table",
    source: PAGES.columnMetadata,
  },
  {
    id: "json-records",
    behaviour:
      '`formatRecordsAs: "JSON"` returns the rows in `formattedRecords` as objects by column label (numbers as numbers, `numeric` as strings, `bytea` in base64, arrays as arrays), and neither `records` nor `columnMetadata`, even with `includeResultMetadata`',
    source: PAGES.json,
  },
  {
    id: "json-duplicate-labels",
    behaviour:
      '`formatRecordsAs: "JSON"` refuses a result with two columns of one label (the endpoint answers `UnsupportedResultException`; AWS does not name the error type)',
    source: PAGES.json,
  },
  {
    id: "result-set-options",
    behaviour: "`resultSetOptions`: `decimalReturnType: DOUBLE_OR_LONG` returns `numeric` as numbers, `longReturnType: STRING` integers as strings",
    source: PAGES.resultSetOptions,
  },
  {
    id: "records-updated",
    behaviour: "`numberOfRecordsUpdated` counts the rows of INSERT, UPDATE and DELETE (0 for SELECT); `generatedFields` is empty (use RETURNING)",
    source: PAGES.differences,
  },
  { id: "type-hints", behaviour: "A string with `typeHint` DATE, TIME, TIMESTAMP, DECIMAL, JSON or UUID is read as that type", source: PAGES.parameter },
  {
    id: "string-parameters",
    behaviour: "A string without a type hint is not implicitly cast to a `uuid` or `jsonb` column: the statement fails with PostgreSQL's error (42804)",
    undocumented: "AWS does not document how a string without a hint is typed; the endpoint binds it as `varchar`, which gives that error",
  },
  { id: "invalid-type-hint", behaviour: "A `typeHint` outside its list is refused with `ValidationException`", source: PAGES.parameter },
  {
    id: "array-parameters",
    behaviour: 'Array parameters are refused ("Array parameters are not supported.", `ValidationException` here)',
    source: PAGES.execute,
  },
  {
    id: "multistatements",
    behaviour: "Several statements in one call are refused with `ValidationException: Multistatements aren't supported.`",
    source: PAGES.differences,
  },
  {
    id: "schema-parameter",
    behaviour: "The `schema` parameter is refused with `ValidationException: The schema parameter isn't supported.`",
    source: PAGES.differences,
  },
  { id: "arn-lengths", behaviour: "A `resourceArn` or `secretArn` shorter than 11 characters is refused with `ValidationException`", source: PAGES.execute },
  {
    id: "other-cluster",
    behaviour: "The ARN of a cluster without the Data API is refused with `HttpEndpointNotEnabledException`",
    source: PAGES.troubleshooting,
  },
  { id: "unknown-secret", behaviour: "A secret that cannot be found is refused with `SecretsErrorException`", source: PAGES.execute },
  { id: "database-errors", behaviour: "PostgreSQL's errors come back as `DatabaseErrorException` with its message and SQLSTATE", source: PAGES.execute },
  { id: "no-bad-request", behaviour: "`BadRequestException` is never answered: it belongs to Serverless v1", source: PAGES.execute },
  { id: "autocommit", behaviour: "A statement without a transaction id is committed when it returns", source: PAGES.execute },
  {
    id: "isolation",
    behaviour:
      "While a transaction is open, a statement outside it answers at once and does not see the transaction's uncommitted rows (each transaction has a connection of its own)",
    source: PAGES.begin,
    pglite:
      "one connection, which the open transaction holds: the outside statement answers at once with `DatabaseUnavailableException`, naming `--database-url`",
  },
  {
    id: "concurrent-transactions",
    behaviour: "Two transactions are open at once, each on its own connection",
    source: PAGES.begin,
    pglite: "a second `BeginTransaction` answers at once with `DatabaseUnavailableException`, naming `--database-url`",
  },
  {
    id: "aborted-transaction",
    behaviour:
      "After a statement error in a transaction, its later calls and its commit get `TransactionNotFoundException` (aborted by a previous call), and nothing of it is committed",
    source: PAGES.troubleshooting,
  },
  { id: "ended-transaction", behaviour: "A committed or rolled back transaction's id gets `TransactionNotFoundException`", source: PAGES.troubleshooting },
  { id: "unknown-transaction", behaviour: "An id that `BeginTransaction` did not return gets `TransactionNotFoundException`", source: PAGES.troubleshooting },
  {
    id: "one-call-per-transaction",
    behaviour: "A second call on a transaction id while one runs gets `DatabaseErrorException: Transaction is still running a query` at once",
    source: PAGES.troubleshooting,
    pglite:
      "PGlite runs in the endpoint's own thread, so while a statement runs the endpoint reads no other request: the second call is served after the first instead of being refused",
  },
  {
    id: "idle-timeout",
    behaviour: "A transaction without a call for three minutes is rolled back; its id then gets `TransactionNotFoundException` (may be expired)",
    source: PAGES.begin,
  },
  {
    id: "batch-results",
    behaviour: "`BatchExecuteStatement` runs the statement once per parameter set and returns one `updateResults` entry per set, with empty `generatedFields`",
    source: PAGES.batch,
  },
  {
    id: "batch-atomic",
    behaviour: "A batch without a transaction id applies all its parameter sets or none",
    undocumented: "AWS does not say; the endpoint runs the sets in a transaction of their own",
  },
  { id: "pgvector", behaviour: "pgvector's `vector` type (Aurora PostgreSQL 15.2 and later) comes back as its text", source: PAGES.operations },
];

/** What the endpoint does not emulate, by subject. */
export const NOT_EMULATED: readonly { readonly subject: string; readonly detail: string }[] = [
  {
    subject: "Auto-pause and resume, throttling",
    detail: "no `DatabaseResumingException`, no throttling; the client's handling of both is tested with `aws-sdk-client-mock`",
  },
  {
    subject: "IAM, signatures and Secrets Manager",
    detail: "no `AccessDeniedException`; requests are not authenticated and the secret is never read: only its ARN is compared",
  },
  {
    subject: "PostgreSQL's version",
    detail: "PGlite runs PostgreSQL 18, a server its own version; Aurora runs 13 to 17: rely on nothing newer than your cluster's version",
  },
  {
    subject: "Limits",
    detail:
      "the 1 MiB response, 64 KB row, 10 MB `formattedRecords` and 4 MiB request limits; the statement timeout (`continueAfterTimeout`, `StatementTimeoutException`)",
  },
  {
    subject: "Error messages",
    detail: "the error types are the real API's; their messages are AWS's where AWS documents them, otherwise PostgreSQL's or the endpoint's own",
  },
  {
    subject: "Types AWS lists neither way",
    detail: "built-in types that AWS names neither as supported nor as refused (`oid`, `bit`, `xml`, `tsvector`, …) come back as their text",
  },
  {
    subject: "Column metadata values",
    detail: "AWS documents the fields, not their values for PostgreSQL: they follow the PostgreSQL JDBC driver, which recorded real responses match",
  },
  { subject: "Serverless v1", detail: "the retired `ExecuteSql` call and v1's behaviours (queued transaction calls, `BadRequestException`)" },
];
