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
    clusters(document).flatMap((cluster) => {
      const name: unknown = cluster.body.master_username;
      // No default: a cluster restored without one keeps the snapshot's name, unknown here.
      if (!isSet(name)) return [fail(cluster, "no master username is set, so it cannot be verified")];
      return DEFAULT_ADMIN_NAMES.includes(String(name).toLowerCase()) ? [fail(cluster, "the master username is a default name")] : [];
    }),
});
