import { DataAwsKmsKey } from "@cdktf/provider-aws/lib/data-aws-kms-key";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AuroraGlobalSecondary, PolicyGate, type PolicyException, type SecondaryEncryptionKey } from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import type { DisasterRecoveryStack } from "./disaster-recovery-stack";
import type { EnvironmentSettings } from "./environments";
import { applyStackSettings, type StackSettings } from "./stack-settings";

export interface GlobalSecondaryStackProps extends StackSettings {
  /** The `name` of the environment's database (`alex-prod`): the secondary's names are the same, in its region. */
  readonly databaseName: string;
  /** The global database to join, as the primary's stack names it (`<name>-aurora-global`), a literal: no other stack's state is read. */
  readonly globalClusterIdentifier: string;
  readonly settings: EnvironmentSettings;
  /** The primary's capacity range, as its stack's inputs set it: the secondary takes over with it. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly tags: Readonly<Record<string, string>>;
  /** The environment's disaster-recovery stack, which holds the secondary's key where the primary has a customer-managed one. */
  readonly disasterRecoveryStack: DisasterRecoveryStack;
}

/** `prod` → `prod-secondary`. */
export function secondaryStackName(environment: string): string {
  return `${environment}-secondary`;
}

/** The construct id of the secondary: its path starts every exception's resources. */
const SECONDARY_ID = "Secondary";

/**
 * What the secondary accepts of the policy gate, with the reasons: the module's README names the
 * first two for every secondary; the others follow the environment's own choices for its primary.
 */
export function secondaryExceptions(settings: EnvironmentSettings): PolicyException[] {
  const resources = [SECONDARY_ID];
  return [
    { control: "RDS.24", resources, reason: "a global database's secondary has the primary's master user, which its configuration does not name" },
    { control: "RDS.6", resources, reason: "the secondary's instances have no Enhanced Monitoring: AuroraGlobalSecondary creates no monitoring role" },
    ...(settings.deletionProtection
      ? []
      : [{ control: "RDS.7", resources, reason: "as the primary's: a destroy must not first need an apply that turns protection off" }]),
    ...(settings.readers > 0 ? [] : [{ control: "RDS.15", resources, reason: "one instance, as the primary: a second doubles the standby region's compute" }]),
    ...(settings.encryptionKey === "key-stack"
      ? []
      : ["CKV_AWS_327", "CKV_AWS_354"].map((control) => ({
          control,
          resources,
          reason: "AWS managed keys, as the primary's: a customer-managed key costs $1 a month in each region",
        }))),
  ];
}

/**
 * The read-only secondary cluster of an environment's Aurora global database, in the
 * disaster-recovery region (its AWS provider's region): as many instances as the primary (its
 * writer and readers) with the primary's capacity range, backups, deletion protection and log
 * retention, so that a switchover or a failover lands on a cluster of the primary's size; the
 * key of the environment's disaster-recovery stack where the primary has a customer-managed key
 * (found by its alias, `alias/<name>-aurora` in this region), `aws/rds` otherwise. Applied after
 * the database stack (whose global cluster it joins) and the disaster-recovery stack.
 */
export class GlobalSecondaryStack extends TerraformStack {
  public readonly secondary: AuroraGlobalSecondary;

  constructor(scope: Construct, stackName: string, props: GlobalSecondaryStackProps) {
    super(scope, stackName);
    const { settings, disasterRecoveryStack: drStack } = props;
    applyStackSettings(this, stackName, props);
    new RandomProvider(this, "random");
    let encryptionKey: SecondaryEncryptionKey = "aws-managed";
    if (settings.encryptionKey === "key-stack") {
      if (drStack.secondaryKey === undefined) throw new Error(`stack ${stackName}: its settings use a customer-managed key, but ${drStack.node.id} holds none`);
      encryptionKey = { existingKeyArn: new DataAwsKmsKey(this, "EncryptionKey", { keyId: drStack.secondaryKey.aliasName }).arn };
    }
    this.secondary = new AuroraGlobalSecondary(this, SECONDARY_ID, {
      name: props.databaseName,
      globalClusterIdentifier: props.globalClusterIdentifier,
      encryptionKey,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      readers: 1 + settings.readers,
      backupRetentionDays: settings.backupRetentionDays,
      deletionProtection: settings.deletionProtection,
      skipFinalSnapshot: settings.skipFinalSnapshot,
      applyImmediately: settings.applyImmediately,
      logRetentionDays: settings.logRetentionDays,
      tags: props.tags,
    });
    PolicyGate.apply(this, { exceptions: secondaryExceptions(settings) });

    new TerraformOutput(this, "secondary_cluster_arn", {
      value: this.secondary.clusterArn,
      description: "ARN of the secondary cluster: the target of a switchover or a failover",
    });
    new TerraformOutput(this, "secondary_cluster_endpoint", {
      value: this.secondary.endpoint,
      description: "Cluster endpoint of the secondary: it reaches a writer once the secondary is promoted",
    });
    new TerraformOutput(this, "secondary_reader_endpoint", { value: this.secondary.readerEndpoint, description: "Reader endpoint of the secondary" });
    new TerraformOutput(this, "disaster_recovery_region", { value: props.region, description: "The secondary's region" });
  }
}
