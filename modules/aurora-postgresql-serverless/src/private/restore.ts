/**
 * How `restore` reaches the cluster. The AWS provider (6.x) creates a restored cluster with
 * RestoreDBClusterFromSnapshot or RestoreDBClusterToPointInTime, then applies what those calls
 * cannot take (the master password or RDS-managed password, backup retention and windows,
 * Serverless v2 capacity) with one ModifyDBCluster; `kms_key_id` goes into the restore call, so
 * RDS encrypts the new cluster with it whatever key the source used. The Data API is not
 * enabled on either path (and IAM authentication not from a snapshot): the next apply does it,
 * as an in-place update.
 *
 * `snapshot_identifier` and `restore_to_point_in_time` force a new cluster in the provider, so
 * the cluster always ignores changes to them: a source changed, removed, or added to an
 * existing cluster never replaces it. For the same reason the source is no keeper of the
 * cluster's lifetime.
 */
import type { RdsCluster, RdsClusterConfig } from "@cdktf/provider-aws/lib/rds-cluster";
import type { IdConfig } from "@cdktf/provider-random/lib/id";
import { Fn, Token } from "cdktf";
import type { RestoreSource } from "../props";
import { POINT_IN_TIME_DEFAULTS } from "./resolved-props";
import type { RestoreFields } from "./validation/restore";

/** The cluster's arguments that name a restore source: read by the provider only when it creates the cluster. */
export const RESTORE_SOURCE_ARGUMENTS = ["snapshot_identifier", "restore_to_point_in_time"] as const;

/**
 * What the source decides on a restored cluster: never sent with `restore`, and ignored by the
 * cluster and by its lifetime's keepers, so that adding `restore` to an existing cluster
 * changes nothing at all.
 */
export const SOURCE_DECIDED_ARGUMENTS = ["database_name", "master_username"] as const;

/**
 * The cluster's configuration with its restore source: without `restore` only the lifecycle is
 * added; with it the source, and neither the database name nor the master username.
 */
export function withRestore(config: RdsClusterConfig, restore: RestoreSource | undefined): RdsClusterConfig {
  const ignoreChanges = [...RESTORE_SOURCE_ARGUMENTS, ...(restore === undefined ? [] : SOURCE_DECIDED_ARGUMENTS)];
  const lifecycle = { ...config.lifecycle, ignoreChanges };
  if (restore === undefined) return { ...config, lifecycle };
  const { fromSnapshot, pointInTime } = restore as RestoreFields;
  return {
    ...config,
    databaseName: undefined,
    masterUsername: undefined,
    snapshotIdentifier: fromSnapshot,
    restoreToPointInTime:
      pointInTime === undefined
        ? undefined
        : {
            sourceClusterIdentifier: pointInTime.sourceClusterIdentifier,
            restoreToTime: pointInTime.restoreTime,
            // Written only when true: the provider wants exactly one of the two.
            useLatestRestorableTime: pointInTime.useLatestRestorableTime === true ? true : undefined,
            restoreType: pointInTime.restoreType ?? POINT_IN_TIME_DEFAULTS.restoreType,
          },
    lifecycle,
  };
}

/**
 * The lifecycle of the cluster's lifetime (`random_id` keepers): with `restore`, the keepers of
 * what the source decides are ignored, so that a cluster that gets `restore` later keeps its
 * lifetime (and its final snapshot name, and with write-only credentials its secret value).
 */
export function lifetimeLifecycle(restore: RestoreSource | undefined): IdConfig["lifecycle"] {
  return restore === undefined ? undefined : { ignoreChanges: SOURCE_DECIDED_ARGUMENTS.map((argument) => `keepers["${argument}"]`) };
}

/** The names the credentials secret and the attributes carry. */
export interface DatabaseNames {
  readonly username: string;
  readonly databaseName: string;
}

/**
 * Without `restore`, the configured names; with it, the cluster's real ones: its master user, and
 * its database, or `databaseName` when RDS reports none (a source created without a database
 * name, such as an RDS for PostgreSQL DB snapshot).
 */
export function databaseNames(
  cluster: RdsCluster,
  configured: { readonly masterUsername: string; readonly databaseName: string },
  restore: RestoreSource | undefined,
): DatabaseNames {
  if (restore === undefined) return { username: configured.masterUsername, databaseName: configured.databaseName };
  return { username: cluster.masterUsername, databaseName: Token.asString(Fn.coalesce([cluster.databaseName, configured.databaseName])) };
}
