/**
 * What each scope's stacks contain, as Terraform types: the input the pipeline's roles are derived
 * from (statements.ts takes, per scope, the permission table's rows of these types only). A scope
 * is an environment (its stacks `<env>` and, with a key stack, `<env>-key`) or the previews.
 *
 * A change that adds a resource or data source type to a scope's stacks (a module option turned
 * on, a new resource) gives that scope's roles its actions only once the bootstrap stack is applied
 * again: apply the bootstrap stack before the deploy that creates the new type, or the deploy's
 * plan or apply is refused by AWS.
 */
import { TerraformDataSource, TerraformResource, type TerraformStack } from "cdktf";

/** Per scope (each environment's name, and `preview`), the Terraform types of its stacks. */
export type ScopeResourceTypes = Readonly<Record<string, readonly string[]>>;

/**
 * The Terraform types of the resources and data sources of some stacks, each once, sorted: a
 * resource by its type (`aws_rds_cluster`), a data source as `data.<type>`, as the permission
 * table keys them. Read from the constructs (their `terraformResourceType`), without synthesizing.
 */
export function terraformTypes(stacks: readonly TerraformStack[]): string[] {
  const types = new Set<string>();
  for (const stack of stacks) {
    for (const construct of stack.node.findAll()) {
      if (TerraformDataSource.isTerraformDataSource(construct)) types.add(`data.${construct.terraformResourceType}`);
      else if (TerraformResource.isTerraformResource(construct)) types.add(construct.terraformResourceType);
    }
  }
  return [...types].sort();
}

/** Whether a type calls AWS, so that the permission table must have a row for it (`random_*` and `terraform_data` call nothing). */
export function isAwsType(type: string): boolean {
  return /^(data\.)?aws_/.test(type);
}

/** Each scope's types, the union of several collections of them (the stacks as defined, and as every input defines them). */
export function mergeScopeResourceTypes(...collections: readonly ScopeResourceTypes[]): ScopeResourceTypes {
  const merged: Record<string, Set<string>> = {};
  for (const collection of collections) {
    for (const [scope, types] of Object.entries(collection)) for (const type of types) (merged[scope] ??= new Set()).add(type);
  }
  return Object.fromEntries(Object.entries(merged).map(([scope, types]) => [scope, [...types].sort()]));
}
