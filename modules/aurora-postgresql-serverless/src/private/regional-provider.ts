/**
 * Puts every AWS resource and data source below a construct on one AWS provider: a secondary
 * cluster's network, key lookup, log group, cluster and instances all belong to its region, while
 * a `random_id` keeps the stack's random provider.
 */
import { TerraformDataSource, TerraformResource, type TerraformProvider } from "cdktf";
import type { IConstruct } from "constructs";

export function useProviderBelow(scope: IConstruct, provider: TerraformProvider): void {
  for (const element of scope.node.findAll()) {
    if ((element instanceof TerraformResource || element instanceof TerraformDataSource) && element.terraformResourceType.startsWith("aws_")) {
      element.provider = provider;
    }
  }
}
