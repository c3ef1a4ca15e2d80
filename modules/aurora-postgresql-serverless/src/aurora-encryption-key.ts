import type { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { AccountContext } from "./private/account-context";
import { literalProviderRegion } from "./private/deployment-region";
import { DatabaseKey } from "./private/encryption-key";
import { databaseLogGroupsPattern } from "./private/log-encryption";
import { encryptionKeyNameClaims } from "./private/name-claims";
import { claimNamesOrThrow, namePlace } from "./private/name-registry";
import { resourceNames } from "./private/naming";
import { assertSupportedAwsProvider } from "./private/provider-support";
import { validateEncryptionKeyProps } from "./private/validation/database";
import type { AuroraEncryptionKeyProps } from "./props";
import { constructSubject } from "./validation-error";

/**
 * A customer-managed KMS key for one Aurora database, meant for a long-lived stack of its own:
 * snapshots encrypted with it stay restorable after the database's stack is destroyed. Pass
 * its ARN to the database as `encryptionKey: { existingKeyArn }`. Its policy also lets CloudWatch
 * use it for the database's alarm topic, `<name>-aurora-alarms`, and for nothing else, so that
 * `alarms` can encrypt that topic with it; with `backupNotifications`, AWS Backup may use it for
 * that topic too, for the events of the database's vault (`alarms.backupNotifications`); with
 * `encryptsLogs`, CloudWatch Logs may use it for the database's exported log groups
 * (`logEncryptionKey: "database-key"`).
 */
export class AuroraEncryptionKey extends Construct {
  /** The `aws_kms_key`. */
  public readonly key: KmsKey;
  /** The `aws_kms_alias`, `alias/<name>-aurora`. */
  public readonly alias: KmsAlias;
  /** The key's ARN, for `encryptionKey: { existingKeyArn }`. */
  public readonly keyArn: string;
  /** The alias, `alias/<name>-aurora`. */
  public readonly aliasName: string;

  constructor(scope: Construct, id: string, props: AuroraEncryptionKeyProps) {
    const subject = constructSubject("AuroraEncryptionKey", scope, id);
    const config = validateEncryptionKeyProps(props, subject);
    claimNamesOrThrow(scope, subject, namePlace(scope, literalProviderRegion(scope)), encryptionKeyNameClaims(config));
    super(scope, id);
    const names = resourceNames(config.name);
    const context = new AccountContext(this, "Account");
    // The database's alarm topic, if it gets one, is encrypted with this key: CloudWatch may use it for that topic only.
    // With encryptsLogs, CloudWatch Logs may use it for the database's exported log groups (logEncryptionKey: "database-key").
    const logGroups = config.encryptsLogs ? { arnPattern: databaseLogGroupsPattern(context, names) } : undefined;
    const created = new DatabaseKey(this, "EncryptionKey", {
      names,
      context,
      deletionWindowDays: config.deletionWindowDays,
      tags: config.tags,
      encryptsAlarmTopic: true,
      backupNotifications: config.backupNotifications,
      logGroups,
    });
    this.key = created.key;
    assertSupportedAwsProvider(this.key);
    this.alias = created.alias;
    this.keyArn = this.key.arn;
    this.aliasName = names.keyAlias;
  }
}
