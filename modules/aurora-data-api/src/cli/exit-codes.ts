/**
 * The exit codes of `aurora-db`, for scripts: one per failure a script acts on differently, each
 * with the line `aurora-db --help` lists it with.
 */
export const EXIT = {
  ok: 0,
  /** A failure with no code of its own. */
  failure: 1,
  /** Unknown command or option, or a bad option value. */
  usage: 2,
  /** Settings or stack outputs not found. */
  config: 3,
  /** The cluster's Data API is not enabled. */
  dataApiDisabled: 4,
  /** The credentials may not call the Data API on this cluster or read its secret. */
  accessDenied: 5,
  /** No such cluster or database, or a secret that cannot be read (not found, not decryptable). */
  notFound: 6,
  /** Not available now: still resuming (or throttled) when the deadline passed, or the writer instance unavailable. */
  timeout: 7,
  /** PostgreSQL refused a statement; a migration failed and was rolled back (nothing of it applied). */
  databaseError: 8,
  /** An applied migration's file was edited. */
  migrationEdited: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, as `aurora-db --help` lists it: a code without its line does not compile. */
const MEANINGS: { readonly [Code in ExitCode]: string } = {
  [EXIT.ok]: "ok",
  [EXIT.failure]: "other failure",
  [EXIT.usage]: "usage: unknown command or option, a bad option value, a badly named migration file",
  [EXIT.config]: "settings or stack outputs not found",
  [EXIT.dataApiDisabled]: "the cluster's Data API is not enabled",
  [EXIT.accessDenied]: "access denied",
  [EXIT.notFound]: "cluster, secret or database not found (or the secret unreadable)",
  [EXIT.timeout]: "still resuming or throttled at the deadline, or the database unavailable",
  [EXIT.databaseError]: "database error, or a migration failed (and was rolled back)",
  [EXIT.migrationEdited]: "an applied migration was edited",
};

/** The exit codes as `aurora-db --help` lists them: one a line, in order, each with what it means. */
export function exitCodesHelp(): string {
  const codes = Object.values(EXIT).sort((a, b) => a - b);
  return `Exit codes:\n${codes.map((code) => `  ${String(code).padEnd(3)}${MEANINGS[code]}`).join("\n")}`;
}
