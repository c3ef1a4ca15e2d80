/**
 * The logs the cluster exports to CloudWatch Logs (`logExports`, and the deprecated
 * `exportPostgresLogs` it replaces) and the class of their log groups (`logClass`): types,
 * defaults and rules.
 *
 * Sources: the log types Aurora PostgreSQL exports are `EnableCloudwatchLogsExports`'s
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html) and the
 * Aurora PostgreSQL log files page
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_LogAccess.Concepts.PostgreSQL.html),
 * which also says the IAM database authentication error log needs IAM database authentication
 * on the cluster. Neither page names an engine version for any of the three, so no version is
 * refused here beyond the module's own minimum major. The log classes are CloudWatch Logs'
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html).
 */
import type { AuroraPostgresServerlessProps, LogClass, LogExport } from "../../props";
import { DEFAULTS, type ResolvedProps } from "../resolved-props";
import { entries, listOf, oneOf, repeats, rulesFor, type Rule } from "./engine";

/** Every log type, in the order log groups are created and exports are listed. */
export const LOG_EXPORTS = ["postgresql", "iam-db-auth-error", "instance"] as const satisfies readonly LogExport[];

/** The log classes offered: `DELIVERY` is for Lambda deliveries only. */
export const LOG_CLASSES = ["STANDARD", "INFREQUENT_ACCESS"] as const satisfies readonly LogClass[];

export const LOG_EXPORT_LIST = listOf(oneOf(...LOG_EXPORTS), `a list of log types, each one of ${LOG_EXPORTS.map((t) => JSON.stringify(t)).join(", ")}`);

export const LOG_CLASS = oneOf(...LOG_CLASSES);

/** `logExports` as given, or what `exportPostgresLogs` (or its default) stands for. */
export function resolveLogExports(given: Partial<AuroraPostgresServerlessProps>): readonly LogExport[] {
  if (given.logExports !== undefined) return given.logExports;
  return (given.exportPostgresLogs ?? DEFAULTS.exportPostgresLogs) ? DEFAULTS.logExports : [];
}

/** The types to export, each once, in `LOG_EXPORTS` order: one log group each. */
export function exportedLogTypes(logExports: readonly LogExport[]): readonly LogExport[] {
  return LOG_EXPORTS.filter((type) => logExports.includes(type));
}

const rule = rulesFor<ResolvedProps>();

export const LOG_EXPORT_RULES: readonly Rule<ResolvedProps>[] = [
  rule("logExports", {
    parts: (list) => repeats(list, (type) => type),
    check: () => false, // every part is a repeat
    allowed: "a log type listed once: each type has one log group",
  }),
  rule("logExports", {
    involves: ["iamAuthentication"],
    parts: entries,
    check: (type, p) => type !== "iam-db-auth-error" || p.iamAuthentication,
    allowed:
      '"postgresql" or "instance" while iamAuthentication is false: RDS writes the IAM database authentication error log ' +
      "only for a cluster with IAM database authentication (set iamAuthentication: true, or leave the type out)",
  }),
  rule("exportPostgresLogs", {
    involves: ["logExports"],
    onlyWhenGiven: true,
    check: (exportPostgresLogs, p) => exportPostgresLogs === p.logExports.includes("postgresql"),
    allowed: (exportPostgresLogs) =>
      exportPostgresLogs
        ? 'false, or leave it out: logExports, which replaces it, does not hold "postgresql"'
        : 'true, or leave it out: logExports, which replaces it, holds "postgresql"',
  }),
  rule("logClass", {
    involves: ["logExports"],
    check: (_, p) => p.logExports.length > 0,
    allowed: "unset while logExports is empty: there is no log group to give a class",
  }),
];
