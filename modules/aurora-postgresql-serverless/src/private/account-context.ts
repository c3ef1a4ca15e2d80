import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Construct } from "constructs";

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

/** The partition, region and account an ARN is built for: an AccountContext, or the same three strings known otherwise. */
export type AccountScope = Pick<AccountContext, "partition" | "region" | "accountId">;
