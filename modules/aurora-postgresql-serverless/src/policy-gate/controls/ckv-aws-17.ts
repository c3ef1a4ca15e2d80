import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { instances } from "../private/rds";

export const CKV_AWS_17 = defineControl({
  id: "CKV_AWS_17",
  checkov: ["CKV_AWS_17"],
  title: "instances are not publicly accessible",
  findings: (document, fail) =>
    instances(document)
      .filter((instance) => setting(instance, "publicly_accessible") !== false)
      .map((instance) => fail(instance, "the instance is publicly accessible")),
});
