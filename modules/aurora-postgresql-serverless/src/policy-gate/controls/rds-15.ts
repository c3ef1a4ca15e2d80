import { defineControl } from "../private/define-control";
import { clusters, instancesOf } from "../private/rds";
import { zoneSpreadProblem } from "../private/zones";

export const RDS_15 = defineControl({
  id: "RDS.15",
  checkov: [],
  title: "clusters have instances in more than one availability zone",
  findings: (document, fail) =>
    clusters(document).flatMap((cluster) => {
      const problem = zoneSpreadProblem(instancesOf(document, cluster));
      return problem === undefined ? [] : [fail(cluster, `the cluster is not provably in several availability zones (${problem})`)];
    }),
});
