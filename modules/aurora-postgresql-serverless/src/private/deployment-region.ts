/**
 * What the construct knows at synth of where it deploys: the region of the stack's AWS provider,
 * when that is written literally, and the partition of that region. Everything else it builds
 * from the `aws_region`, `aws_partition` and `aws_caller_identity` data sources (AccountContext),
 * which are known only at plan time: the account is never known at synth.
 */
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Token } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * Partitions by their regions' names, as the AWS SDKs match them ("regionRegex" of each partition
 * in https://github.com/boto/botocore/blob/develop/botocore/data/partitions.json). A name that
 * matches none (a partition added since) has no known partition, and nothing is judged by it.
 */
const PARTITIONS: readonly { readonly partition: string; readonly regions: RegExp }[] = [
  { partition: "aws", regions: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/ },
  { partition: "aws-cn", regions: /^cn-\w+-\d+$/ },
  { partition: "aws-us-gov", regions: /^us-gov-\w+-\d+$/ },
  { partition: "aws-iso", regions: /^us-iso-\w+-\d+$/ },
  { partition: "aws-iso-b", regions: /^us-isob-\w+-\d+$/ },
  { partition: "aws-iso-e", regions: /^eu-isoe-\w+-\d+$/ },
  { partition: "aws-iso-f", regions: /^us-isof-\w+-\d+$/ },
];

/**
 * Every region is in exactly one partition, each partition has its own IAM, and credentials of
 * one partition cannot reach resources of another
 * (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html):
 * an ARN of another partition than the stack's names nothing its roles can use.
 */
export const PARTITION_BOUNDARY = "https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html";

/** The partition of a region, such as `aws-cn` for `cn-north-1`; undefined for a name no partition claims. */
export function partitionOfRegion(region: string): string | undefined {
  return PARTITIONS.find(({ regions }) => regions.test(region))?.partition;
}

/**
 * The region of the AWS provider the construct's resources use, the stack's only `aws` provider
 * without an alias, when it is a literal; undefined when the construct cannot know it at synth:
 * no such provider (yet), several, or a region from a variable or from the environment at plan
 * time.
 */
export function literalProviderRegion(scope: IConstruct): string | undefined {
  // Looked up once per construct, before its validation; a scope outside any stack has no provider.
  const stack = scope.node.scopes.findLast((construct) => TerraformStack.isStack(construct));
  if (stack === undefined) return undefined;
  const providers = stack.allProviders().filter((provider) => provider.terraformResourceType === "aws" && provider.alias === undefined);
  if (providers.length !== 1) return undefined;
  const region = (providers[0] as Partial<Pick<AwsProvider, "region">>).region;
  return typeof region === "string" && !Token.isUnresolved(region) ? region : undefined;
}
