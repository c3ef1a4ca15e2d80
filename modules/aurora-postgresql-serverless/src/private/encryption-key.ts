import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { ResourceNames } from "./naming";
import { keyPolicy } from "./policy-documents";

/**
 * The partition, region and account the stack deploys to, looked up once and only when a
 * construct needs them (ARNs are built with the partition, never a literal "aws").
 */
export class AccountContext extends Construct {
  public readonly partition: string;
  public readonly region: string;
  public readonly accountId: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.partition = new DataAwsPartition(this, "Partition", {}).partition;
    this.region = new DataAwsRegion(this, "Region", {}).region;
    this.accountId = new DataAwsCallerIdentity(this, "Account", {}).accountId;
  }
}

export interface DatabaseKeyProps {
  readonly names: ResourceNames;
  readonly context: AccountContext;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A customer-managed key for one database: rotated yearly, with an explicit key policy that
 * lets this account administer it and lets IAM policies in this account grant its use.
 */
export class DatabaseKey extends Construct {
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: DatabaseKeyProps) {
    super(scope, id);
    const { partition, accountId } = props.context;
    this.key = new KmsKey(this, "Key", {
      description: `Encrypts the ${props.names.clusterIdentifier} Aurora cluster, its secret and Performance Insights`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy(`arn:${partition}:iam::${accountId}:root`),
      tags: { ...props.tags },
    });
    new KmsAlias(this, "Alias", { name: props.names.keyAlias, targetKeyId: this.key.keyId });
  }
}
