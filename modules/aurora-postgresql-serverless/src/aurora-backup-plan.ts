import { BackupPlan, type BackupPlanRule } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import type { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import type { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupVaultNotifications } from "@cdktf/provider-aws/lib/backup-vault-notifications";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { AuroraBackupPlanProps } from "./backup-props";
import { AccountContext } from "./private/account-context";
import { backupPlanNameClaims } from "./private/backup-name-claims";
import { backupNames, backupVaultArn } from "./private/backup-names";
import { BACKUP_MANAGED_POLICIES, managedPolicyArn } from "./private/backup-policy-documents";
import { RecoveryPointVault } from "./private/backup-vault";
import { literalProviderRegion } from "./private/deployment-region";
import { claimNamesOrThrow, namePlace } from "./private/name-registry";
import { serviceTrustPolicy } from "./private/policy-documents";
import { assertSupportedAwsProvider } from "./private/provider-support";
import { DEFAULT_BACKUP_EVENTS, type ResolvedBackupPlanProps } from "./private/resolved-backup-props";
import { validateBackupPlanProps } from "./private/validation/backup-plan";
import { constructSubject } from "./validation-error";

/** Construct ids of the plan's resources: their Terraform addresses depend on them. */
const PLAN_IDS = {
  account: "Account",
  vault: "Vault",
  role: "Role",
  policies: { backup: "BackupPolicy", restores: "RestoresPolicy" },
  plan: "Plan",
  selection: "Selection",
  notifications: "Notifications",
} as const;

/**
 * AWS Backup for one `AuroraPostgresServerless`: a vault with its own customer-managed key (and
 * optional Vault Lock), or a vault a long-lived stack keeps (`vault: { existingVaultName }`, such
 * as an `AuroraBackupVault`), a plan of scheduled rules (by default the seeds' preset,
 * `DAILY_WEEKLY_MONTHLY_RULES`) that can copy every recovery point to a vault in another region, a
 * selection of exactly this database's cluster by its ARN, the role AWS Backup assumes (AWS's
 * managed policies for backup and restore, trusted by AWS Backup for this account only), and
 * optional notifications of the vault's events.
 *
 * A companion of the database: it reads the cluster's ARN and changes nothing of the database,
 * so adding, changing or removing it never plans a change to the cluster. Props are validated
 * when the construct is created; invalid props throw a `ValidationError` that lists every
 * problem, and nothing is synthesized.
 */
export class AuroraBackupPlan extends Construct {
  /** The `aws_backup_vault` of the plan's recovery points, `<name>-aurora-backup`, when the plan created it (`vault: "create"`). */
  public readonly vault?: BackupVault;
  /**
   * The vault's ARN: the created vault's, or, with `vault: { existingVaultName }`,
   * `arn:<partition>:backup:<region>:<account>:backup-vault:<name>` of the stack's partition,
   * region and account.
   */
  public readonly vaultArn: string;
  /** The vault's name: `<name>-aurora-backup`, or `existingVaultName`. */
  public readonly vaultName: string;
  /** The vault's key, when the construct created it (`vault` and `encryptionKey` `"create"`). */
  public readonly key?: KmsKey;
  /** ARN of the vault's key (created, or `encryptionKey.existingKeyArn`); undefined with an existing vault, whose stack has its key. */
  public readonly keyArn?: string;
  /** The vault's `aws_backup_vault_lock_configuration` (`vaultLock`, with `vault: "create"`). */
  public readonly vaultLock?: BackupVaultLockConfiguration;
  /** The `aws_backup_plan`, `<name>-aurora-backup`. */
  public readonly plan: BackupPlan;
  /** The plan's ARN. */
  public readonly planArn: string;
  /** The role AWS Backup assumes to back up and restore the cluster, `<name>-aurora-backup-role`. */
  public readonly role: IamRole;
  /** The role's ARN, for restore jobs. */
  public readonly roleArn: string;
  /** The `aws_backup_selection` of the database's cluster, `<name>-aurora-cluster`. */
  public readonly selection: BackupSelection;
  /** The vault's `aws_backup_vault_notifications` (`notifications`). */
  public readonly notifications?: BackupVaultNotifications;

  constructor(scope: Construct, id: string, props: AuroraBackupPlanProps) {
    // Validated before the construct joins the tree: invalid props leave no trace in the app.
    const subject = constructSubject("AuroraBackupPlan", scope, id);
    const region = literalProviderRegion(scope);
    const config = validateBackupPlanProps(props, subject, region);
    claimNamesOrThrow(scope, subject, namePlace(scope, region), backupPlanNameClaims(config));
    super(scope, id);
    const names = backupNames(config.name);
    const tags = config.tags;
    const context = new AccountContext(this, PLAN_IDS.account);

    if (config.vault === "create") {
      const created = new RecoveryPointVault(this, PLAN_IDS.vault, { names, settings: config, context });
      ({ vault: this.vault, key: this.key, keyArn: this.keyArn, lock: this.vaultLock } = created);
      this.vaultArn = created.vault.arn;
      this.vaultName = names.vaultName;
    } else {
      // Another stack's vault: no vault, key or lock here, so destroying this stack leaves them.
      this.vaultName = config.vault.existingVaultName;
      this.vaultArn = backupVaultArn(context, this.vaultName);
    }
    // The created vault's name is a reference, which orders the plan and notifications after it.
    const vaultName = this.vault?.name ?? this.vaultName;

    this.role = new IamRole(this, PLAN_IDS.role, {
      name: names.roleName,
      description: `AWS Backup backs up and restores the Aurora cluster of ${names.planName}`,
      assumeRolePolicy: serviceTrustPolicy("backup.amazonaws.com", context.accountId),
      permissionsBoundary: config.permissionsBoundary,
      tags: { ...tags },
    });
    assertSupportedAwsProvider(this.role);
    this.roleArn = this.role.arn;
    const policies = (["backup", "restores"] as const).map(
      (kind) =>
        new IamRolePolicyAttachment(this, PLAN_IDS.policies[kind], {
          role: this.role.name,
          policyArn: managedPolicyArn(context.partition, BACKUP_MANAGED_POLICIES[kind]),
        }),
    );

    this.plan = new BackupPlan(this, PLAN_IDS.plan, {
      name: names.planName,
      rule: planRules(config, vaultName),
      tags: { ...tags },
    });
    this.planArn = this.plan.arn;

    // AWS Backup refuses a selection whose role it cannot yet use: the policies come first.
    this.selection = new BackupSelection(this, PLAN_IDS.selection, {
      name: names.selectionName,
      planId: this.plan.id,
      iamRoleArn: this.role.arn,
      resources: [config.database.clusterArn],
      dependsOn: policies,
    });

    if (config.notifications !== undefined) {
      this.notifications = new BackupVaultNotifications(this, PLAN_IDS.notifications, {
        backupVaultName: vaultName,
        snsTopicArn: config.notifications.topicArn,
        backupVaultEvents: [...(config.notifications.events ?? DEFAULT_BACKUP_EVENTS)],
      });
    }
  }
}

/** The plan's rule blocks: each keeps its recovery points `retentionDays`, and its copies (if any) `copyRetentionDays`. */
function planRules(config: ResolvedBackupPlanProps, vaultName: string): BackupPlanRule[] {
  const recoveryPointTags = Object.keys(config.tags).length > 0 ? { ...config.tags } : undefined;
  return config.rules.map((rule) => ({
    ruleName: rule.name,
    targetVaultName: vaultName,
    schedule: rule.schedule,
    enableContinuousBackup: rule.continuous,
    startWindow: rule.startWindowMinutes,
    completionWindow: rule.completionWindowMinutes,
    lifecycle: { deleteAfter: rule.retentionDays },
    recoveryPointTags,
    copyAction:
      config.copyToVaultArn === undefined
        ? undefined
        : [{ destinationVaultArn: config.copyToVaultArn, lifecycle: { deleteAfter: rule.copyRetentionDays ?? rule.retentionDays } }],
  }));
}
