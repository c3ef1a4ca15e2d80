import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { clusters } from "../private/rds";

export const RDS_16 = defineControl({
  id: "RDS.16",
  checkov: ["CKV_AWS_313"],
  title: "clusters copy tags to snapshots",
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => setting(cluster, "copy_tags_to_snapshot") !== true)
      .map((cluster) => fail(cluster, "tags are not copied to snapshots")),
});
