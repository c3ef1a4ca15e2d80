/** Aurora clusters and their instances. */
import type { TerraformDocument } from "../control";
import { isLiteral, refersTo, resources, type Resource } from "./document";

export const clusters = (document: TerraformDocument) => resources(document, "aws_rds_cluster");
export const instances = (document: TerraformDocument) => resources(document, "aws_rds_cluster_instance");

/** The instances that join the cluster, by reference or by its literal identifier. */
export function instancesOf(document: TerraformDocument, cluster: Resource): Resource[] {
  const identifier = cluster.body.cluster_identifier;
  return instances(document).filter(
    ({ body }) => refersTo(body.cluster_identifier, cluster) || (isLiteral(identifier) && body.cluster_identifier === identifier),
  );
}
