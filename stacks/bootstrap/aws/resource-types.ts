/**
 * What each scope's stacks contain, as Terraform types: the input the pipeline's roles are derived
 * from (statements.ts takes, per scope, the permission table's rows of these types only). A scope
 * is an environment (its stacks `<env>` and, as its row asks, `<env>-key`, `<env>-dr` and
 * `<env>-secondary`) or the previews. The stacks in an environment's disaster-recovery region
 * (`<env>-dr`, `<env>-secondary`) are named again with that region, so that the roles hold their
 * types' actions on that region's resources too.
 *
 * A change that adds a resource or data source type to a scope's stacks (a module option turned
 * on, a new resource) gives that scope's roles its actions only once the bootstrap stack is applied
 * again: apply the bootstrap stack before the deploy that creates the new type, or the deploy's
 * plan or apply is refused by AWS.
 */
import { TerraformDataSource, TerraformResource, type TerraformStack } from "cdktf";

/** Per scope (each environment's name, and `preview`), the Terraform types of its stacks. */
export type ScopeResourceTypes = Readonly<Record<string, readonly string[]>>;

/** The stacks a scope deploys to a region other than the bootstrap stack's: that region, and their Terraform types. */
export interface RegionalTypes {
  readonly region: string;
  readonly types: readonly string[];
}

/**
 * Per environment with a disaster-recovery stack, the region and the Terraform types of its stacks
 * in that region (stacks/app.ts's disasterRecoveryTypes). Each type is also among the scope's
 * ScopeResourceTypes, which hold every stack's.
 */
export type ScopeDisasterRecoveryTypes = Readonly<Record<string, RegionalTypes>>;

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

/**
 * Types a deployment input adds beside a type the stacks hold without it: AURORA_ALARM_EMAIL
 * subscribes an address to the alarm topic of every stack with alarms
 * (stacks/deployment-inputs.ts). The roles hold them wherever the first type is, so that they do
 * not depend on what the shell the bootstrap stack is deployed from has set; a test synthesizes
 * the stacks with every input and fails on a type missing here.
 */
const INPUT_ADDED_TYPES: Readonly<Record<string, readonly string[]>> = {
  aws_sns_topic: ["aws_sns_topic_subscription"],
};

/** Each scope's types, with the types an input may add beside them. */
export function withInputAddedTypes(scopes: ScopeResourceTypes): ScopeResourceTypes {
  return Object.fromEntries(
    Object.entries(scopes).map(([scope, types]) => [scope, [...new Set([...types, ...types.flatMap((type) => INPUT_ADDED_TYPES[type] ?? [])])].sort()]),
  );
}
