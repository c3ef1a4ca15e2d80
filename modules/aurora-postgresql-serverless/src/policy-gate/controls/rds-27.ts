import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { clusters } from "../private/rds";

export const RDS_27 = defineControl({
  id: "RDS.27",
  checkov: ["CKV_AWS_96"],
  title: "clusters are encrypted at rest",
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => setting(cluster, "storage_encrypted") !== true)
      .map((cluster) => fail(cluster, "storage is not encrypted")),
});
