/** The log groups of the exported logs (`logExports`). */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { Construct } from "constructs";
import type { LogClass, LogExport } from "../props";
import type { ResourceNames } from "./naming";

/** Construct ids of the exported logs' groups: the PostgreSQL log's keeps its address. */
const LOG_GROUP_IDS: Readonly<Record<LogExport, string>> = {
  postgresql: "PostgresLogGroup",
  "iam-db-auth-error": "IamDbAuthErrorLogGroup",
  instance: "InstanceLogGroup",
};

/**
 * One log group per exported log, named as RDS names it (`/aws/rds/cluster/<cluster>/<type>`)
 * and created before the cluster so that RDS does not create it without a retention. Without a
 * class, CloudWatch Logs' default (STANDARD) applies and none is sent; without a key, CloudWatch
 * Logs' own encryption.
 */
export function exportLogGroups(
  scope: Construct,
  names: ResourceNames,
  types: readonly LogExport[],
  options: { readonly retentionDays: number; readonly logClass?: LogClass; readonly kmsKeyArn?: string },
  tags: Readonly<Record<string, string>>,
): Partial<Record<LogExport, CloudwatchLogGroup>> {
  const groups: Partial<Record<LogExport, CloudwatchLogGroup>> = {};
  for (const type of types) {
    groups[type] = new CloudwatchLogGroup(scope, LOG_GROUP_IDS[type], {
      name: names.logGroupName(type),
      retentionInDays: options.retentionDays,
      logGroupClass: options.logClass,
      kmsKeyId: options.kmsKeyArn,
      tags: { ...tags },
    });
  }
  return groups;
}
