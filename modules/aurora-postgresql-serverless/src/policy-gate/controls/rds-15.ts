import { defineControl } from "../private/define-control";
import { clusters, instancesOf } from "../private/rds";
import { zoneSpreadProblem } from "../private/zones";

export const RDS_15 = defineControl({
  id: "RDS.15",
  checkov: [],
  title: "clusters have instances in more than one availability zone",
  checks:
    "every `aws_rds_cluster` has instances provably in different availability zones: different literal `availability_zone`s, or `element(L, i)` and `element(L, i \u00b1 1)` of one list of distinct zones",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  findings: (document, fail) =>
    clusters(document).flatMap((cluster) => {
      const problem = zoneSpreadProblem(instancesOf(document, cluster));
      return problem === undefined ? [] : [fail(cluster, `the cluster is not provably in several availability zones (${problem})`)];
    }),
});
