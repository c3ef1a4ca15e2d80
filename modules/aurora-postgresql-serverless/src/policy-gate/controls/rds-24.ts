import { defineControl } from "../private/define-control";
import { isSet } from "../private/document";
import { clusters } from "../private/rds";

/** The names Security Hub flags as default administrator names. */
const DEFAULT_ADMIN_NAMES = ["postgres", "admin"];

export const RDS_24 = defineControl({
  id: "RDS.24",
  checkov: [],
  title: "clusters use a custom administrator name",
  findings: (document, fail) =>
    clusters(document)
      .filter(({ body }) => !isSet(body.master_username) || DEFAULT_ADMIN_NAMES.includes(String(body.master_username).toLowerCase()))
      .map((cluster) => fail(cluster, "the master username is a default name")),
});
