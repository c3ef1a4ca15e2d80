import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { clusters, instancesOf } from "../private/rds";

export const RDS_35 = defineControl({
  id: "RDS.35",
  checkov: [],
  title: "clusters upgrade minor versions automatically",
  checks: "every instance of each `aws_rds_cluster` has `auto_minor_version_upgrade` true (the provider's default)",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => instancesOf(document, cluster).some((instance) => setting(instance, "auto_minor_version_upgrade") !== true))
      .map((cluster) => fail(cluster, "automatic minor version upgrade is off for an instance")),
});
