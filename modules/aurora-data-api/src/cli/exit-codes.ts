/**
 * The exit codes of `aurora-db`, for scripts: one per failure a script acts on differently.
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
