import type { RdsCluster, RdsClusterConfig } from "@cdktf/provider-aws/lib/rds-cluster";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import type { Id } from "@cdktf/provider-random/lib/id";
import { Password } from "@cdktf/provider-random/lib/password";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EphemeralPassword } from "./ephemeral-password";
import type { ResourceNames } from "./naming";
import { jsonDocument } from "./write-json-document";

/**
 * Special characters of the generated password: those of the original design, all accepted by
 * Aurora, none of `/`, `@`, `"`, space or `\` (which Aurora refuses or JSON would escape).
 */
export const PASSWORD_SPECIAL_CHARACTERS = "!#$%&*()-_=+[]{}<>:?";

/** How a password of our own reaches the cluster and the secret. */
export type OwnPassword =
  /** A `random_password` in state, written as plain arguments. */
  | { readonly mode: "generated" }
  /** An ephemeral password through write-only arguments; a new `version` rotates it. */
  | { readonly mode: "write-only"; readonly version: number };

export interface SecretCredentialsProps {
  readonly names: ResourceNames;
  /** Random hex that makes the secret's name unique, so a deleted secret's name never blocks a new one. */
  readonly suffix: string;
  readonly password: OwnPassword;
  readonly passwordLength: number;
  readonly recoveryWindowDays: number;
  /** ARN of a customer-managed key for the secret; the AWS managed key when undefined. */
  readonly kmsKeyArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Credentials of our own (`generated` and `write-only`): a random master password and the
 * Secrets Manager secret that holds it for the Data API, applications and drivers.
 */
export class SecretCredentials extends Construct {
  public readonly secret: SecretsmanagerSecret;
  private readonly password: OwnPassword;
  private readonly passwordValue: string;

  constructor(scope: Construct, id: string, props: SecretCredentialsProps) {
    super(scope, id);
    this.password = props.password;
    const config = { length: props.passwordLength, special: true, overrideSpecial: PASSWORD_SPECIAL_CHARACTERS };
    this.passwordValue =
      props.password.mode === "generated" ? new Password(this, "Password", config).result : new EphemeralPassword(this, "Password", config).result;
    this.secret = new SecretsmanagerSecret(this, "Secret", {
      name: `${props.names.secretNamePrefix}${props.suffix}`,
      description: `Master credentials of the ${props.names.clusterIdentifier} Aurora cluster`,
      recoveryWindowInDays: props.recoveryWindowDays,
      kmsKeyId: props.kmsKeyArn,
      tags: { ...props.tags },
    });
  }

  /** The cluster's password arguments: plain, or write-only with its version. */
  public clusterArguments(): Pick<RdsClusterConfig, "masterPassword" | "masterPasswordWo" | "masterPasswordWoVersion"> {
    return this.password.mode === "generated"
      ? { masterPassword: this.passwordValue }
      : { masterPasswordWo: this.passwordValue, masterPasswordWoVersion: this.password.version };
  }

  /**
   * Writes the secret's value in the shape RDS uses for its own secrets, so the Data API,
   * drivers and the rotation functions of AWS can all read it. A write-only value is written
   * again whenever `clusterLifetime` is replaced: a new cluster gets a new password, and the
   * secret must get the same one in the same apply.
   */
  public storeValue(cluster: RdsCluster, username: string, databaseName: string, clusterLifetime?: Id): SecretsmanagerSecretVersion {
    // jsonencode escapes the password; string interpolation into JSON would not.
    const value = jsonDocument({
      username,
      password: this.passwordValue,
      engine: "postgres",
      host: cluster.endpoint,
      port: cluster.port,
      dbname: databaseName,
      dbClusterIdentifier: cluster.clusterIdentifier,
    });
    return new SecretsmanagerSecretVersion(this, "SecretValue", {
      secretId: this.secret.id,
      ...(this.password.mode === "generated"
        ? { secretString: value }
        : {
            secretStringWo: value,
            secretStringWoVersion: this.password.version,
            // A plain address: cdktf renders a resource object as "${…}", which Terraform refuses here.
            lifecycle: clusterLifetime
              ? { replaceTriggeredBy: [`${clusterLifetime.terraformResourceType}.${TerraformStack.of(this).getLogicalId(clusterLifetime)}`] }
              : undefined,
          }),
    });
  }
}

/**
 * The rotation schedule of the secret RDS manages (`credentials: "managed"`): RDS rotates it
 * itself, so no rotation function is named. Changing the schedule never rotates at once.
 */
export function managedSecretRotation(scope: Construct, id: string, cluster: RdsCluster, schedule: number | string): SecretsmanagerSecretRotation {
  return new SecretsmanagerSecretRotation(scope, id, {
    secretId: cluster.masterUserSecret.get(0).secretArn,
    rotateImmediately: false,
    rotationRules: typeof schedule === "number" ? { automaticallyAfterDays: schedule } : { scheduleExpression: schedule },
  });
}
