import { defineControl } from "../private/define-control";
import { isSet } from "../private/document";
import { clusters, instancesOf } from "../private/rds";

export const RDS_15 = defineControl({
  id: "RDS.15",
  checkov: [],
  title: "clusters have instances in more than one availability zone",
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => {
        const members = instancesOf(document, cluster);
        const zones = new Set(members.map((instance) => instance.body.availability_zone));
        return !(members.length >= 2 && members.every((instance) => isSet(instance.body.availability_zone)) && zones.size === members.length);
      })
      .map((cluster) => fail(cluster, "the cluster is not spread over several availability zones (one instance, or instances without distinct zones)")),
});
