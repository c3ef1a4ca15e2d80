import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { instances } from "../private/rds";

export const RDS_13 = defineControl({
  id: "RDS.13",
  checkov: ["CKV_AWS_226"],
  title: "instances upgrade minor versions automatically",
  findings: (document, fail) =>
    instances(document)
      .filter((instance) => setting(instance, "auto_minor_version_upgrade") !== true)
      .map((instance) => fail(instance, "automatic minor version upgrade is off")),
});
