import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { clusters } from "../private/rds";

export const RDS_12 = defineControl({
  id: "RDS.12",
  checkov: ["CKV_AWS_162"],
  title: "clusters allow IAM database authentication",
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => setting(cluster, "iam_database_authentication_enabled") !== true)
      .map((cluster) => fail(cluster, "IAM authentication is off")),
});
