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
 * Every region is in exactly one partition, each partition has its own IAM, and credentials of
 * one partition cannot reach resources of another
 * (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html):
 * an ARN of another partition than the stack's names nothing its roles can use.
 */
export const PARTITION_BOUNDARY = "https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html";

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
