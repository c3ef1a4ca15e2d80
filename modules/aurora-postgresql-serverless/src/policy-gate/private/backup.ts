/**
 * AWS Backup selections and the clusters they back up. A selection names a cluster when its
 * `resources` hold the cluster's ARN, by reference (`${aws_rds_cluster.X.arn}`) or written out
 * (`arn:<partition>:rds:<region>:<account>:cluster:<identifier>`, the identifier literal), and its
 * `not_resources` do not. What a selection takes by tag (`selection_tag`) or wildcard ARN, and
 * what its tag `condition`s leave out, depends on the tags at backup time: it is not read here.
 */
import type { Block, TerraformDocument } from "../control";
import { asList, isLiteral, isSet, resources, type Resource } from "./document";

/** A segment of a written-out ARN: literal, or one interpolation (`${data.aws_partition.X.partition}`). */
const SEGMENT = String.raw`(?:[\w-]+|\$\{[^}]+\})`;
const CLUSTER_ARN = new RegExp(String.raw`^arn:${SEGMENT}:rds:${SEGMENT}:${SEGMENT}:cluster:([a-z][a-z0-9-]*)$`);

/** Whether one entry of `resources` or `not_resources` is the cluster's ARN. */
function namesCluster(entry: unknown, cluster: Resource): boolean {
  if (entry === `\${${cluster.address}.arn}`) return true;
  const identifier: unknown = cluster.body.cluster_identifier;
  return typeof entry === "string" && isLiteral(identifier) && CLUSTER_ARN.exec(entry)?.[1] === identifier;
}

const excludes = (selection: Resource, cluster: Resource) => asList(selection.body.not_resources).some((entry) => namesCluster(entry, cluster));
const names = (selection: Resource, cluster: Resource) => asList(selection.body.resources).some((entry) => namesCluster(entry, cluster));
/** A block with at least one entry set: cdktf may write an empty block for an empty list. */
const isFilled = (block: unknown) => typeof block === "object" && block !== null && Object.values(block as Block).some((value) => asList(value).length > 0);
const hasConditions = (selection: Resource) => asList(selection.body.condition).some(isFilled);
/** It takes resources by tag or by a wildcard ARN, which may include any cluster. */
const selectsUnread = (selection: Resource) =>
  asList(selection.body.selection_tag).some(isFilled) || asList(selection.body.resources).some((entry) => typeof entry === "string" && entry.includes("*"));

const selections = (document: TerraformDocument) => resources(document, "aws_backup_selection").filter((selection) => isSet(selection.body.plan_id));

/** The selections that certainly back up the cluster: they name it, and no tag condition may leave it out. */
export function coveringSelections(document: TerraformDocument, cluster: Resource): Resource[] {
  return selections(document).filter((selection) => names(selection, cluster) && !excludes(selection, cluster) && !hasConditions(selection));
}

/**
 * The selections that back up the cluster or may: they name it (whatever their conditions), or
 * take resources by tag or wildcard; none that excludes it. `named` tells the first kind.
 */
export function possibleSelections(document: TerraformDocument, cluster: Resource): { selection: Resource; named: boolean }[] {
  return selections(document)
    .filter((selection) => !excludes(selection, cluster))
    .map((selection) => ({ selection, named: names(selection, cluster) }))
    .filter(({ selection, named }) => named || selectsUnread(selection));
}
