import type { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Password } from "@cdktf/provider-random/lib/password";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { ResourceNames } from "./naming";

/**
 * Special characters of the generated password: those of the original design, all accepted by
 * Aurora, none of `/`, `@`, `"`, space or `\` (which Aurora refuses or JSON would escape).
 */
export const PASSWORD_SPECIAL_CHARACTERS = "!#$%&*()-_=+[]{}<>:?";

export interface GeneratedCredentialsProps {
  readonly names: ResourceNames;
  /** Random hex that makes the secret's name unique per cluster lifetime. */
  readonly suffix: string;
  readonly passwordLength: number;
  readonly recoveryWindowDays: number;
  /** ARN of a customer-managed key for the secret; the AWS managed key when undefined. */
  readonly kmsKeyArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The `generated` credentials mode: a random master password, and the Secrets Manager secret
 * that holds it for the Data API, applications and later rotation.
 */
export class GeneratedCredentials extends Construct {
  public readonly password: Password;
  public readonly secret: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: GeneratedCredentialsProps) {
    super(scope, id);
    this.password = new Password(this, "Password", {
      length: props.passwordLength,
      special: true,
      overrideSpecial: PASSWORD_SPECIAL_CHARACTERS,
    });
    this.secret = new SecretsmanagerSecret(this, "Secret", {
      name: `${props.names.secretNamePrefix}${props.suffix}`,
      description: `Master credentials of the ${props.names.clusterIdentifier} Aurora cluster`,
      recoveryWindowInDays: props.recoveryWindowDays,
      kmsKeyId: props.kmsKeyArn,
      tags: { ...props.tags },
    });
  }

  /**
   * Writes the secret's value in the shape RDS uses for its own secrets, so the Data API,
   * drivers and the rotation functions of AWS can all read it.
   */
  public storeValue(cluster: RdsCluster, username: string, databaseName: string): SecretsmanagerSecretVersion {
    return new SecretsmanagerSecretVersion(this, "SecretValue", {
      secretId: this.secret.id,
      // jsonencode escapes the password; string interpolation into JSON would not.
      secretString: Fn.jsonencode({
        username,
        password: this.password.result,
        engine: "postgres",
        host: cluster.endpoint,
        port: cluster.port,
        dbname: databaseName,
        dbClusterIdentifier: cluster.clusterIdentifier,
      }),
    });
  }
}
