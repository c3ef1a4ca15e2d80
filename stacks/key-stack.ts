import { TerraformOutput, TerraformStack } from "cdktf";
import { AuroraEncryptionKey, PolicyGate } from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import { type StackSettings, applyStackSettings } from "./stack-settings";

export interface EncryptionKeyStackProps extends StackSettings {
  /** The `name` of the database the key is for (`alex-prod`): the alias is `alias/<name>-aurora`. */
  readonly databaseName: string;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The id of an existing key to adopt, with its alias, instead of creating them: the key 0.1.0
   * created inside the database stack, which that stack now forgets (Terraform `import`
   * blocks; a no-op once the key is in this stack's state).
   */
  readonly importKeyId?: string;
}

/** `prod` → `prod-key`. */
export function keyStackName(environment: string): string {
  return `${environment}-key`;
}

/**
 * An environment's customer-managed key, in a long-lived stack of its own: destroying the
 * database's stack never schedules the key for deletion, so a final snapshot encrypted with
 * it stays restorable. Applied before its database stack, which finds the key by its alias;
 * destroyed only after every snapshot encrypted with it is gone.
 */
export class EncryptionKeyStack extends TerraformStack {
  public readonly key: AuroraEncryptionKey;

  constructor(scope: Construct, stackName: string, props: EncryptionKeyStackProps) {
    super(scope, stackName);
    applyStackSettings(this, stackName, props);
    this.key = new AuroraEncryptionKey(this, "Key", { name: props.databaseName, tags: props.tags });
    if (props.importKeyId !== undefined) {
      this.key.key.importFrom(props.importKeyId);
      this.key.alias.importFrom(this.key.aliasName);
    }
    PolicyGate.apply(this);

    new TerraformOutput(this, "kms_key_arn", { value: this.key.keyArn, description: "ARN of the key that encrypts the database, its secret and Performance Insights" });
    new TerraformOutput(this, "kms_key_alias", { value: this.key.aliasName, description: "Alias the database stack finds the key by" });
  }
}
