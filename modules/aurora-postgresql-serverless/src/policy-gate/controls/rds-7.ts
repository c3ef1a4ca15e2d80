import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { clusters } from "../private/rds";

export const RDS_7 = defineControl({
  id: "RDS.7",
  checkov: ["CKV_AWS_139"],
  title: "clusters have deletion protection",
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => setting(cluster, "deletion_protection") !== true)
      .map((cluster) => fail(cluster, "deletion protection is off")),
});
