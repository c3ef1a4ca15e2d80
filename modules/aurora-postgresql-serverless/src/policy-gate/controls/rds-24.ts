import { defineControl } from "../private/define-control";
import { isSet } from "../private/document";
import { clusters } from "../private/rds";

/** The names Security Hub flags as default administrator names. */
const DEFAULT_ADMIN_NAMES = ["postgres", "admin"];

export const RDS_24 = defineControl({
  id: "RDS.24",
  checkov: [],
  title: "clusters use a custom administrator name",
  checks: "no `aws_rds_cluster` has a `master_username` of `postgres` or `admin`, in any case; a cluster without one (restored) cannot be verified and fails",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  findings: (document, fail) =>
    clusters(document).flatMap((cluster) => {
      const name: unknown = cluster.body.master_username;
      // No default: a cluster restored without one keeps the snapshot's name, unknown here.
      if (!isSet(name)) return [fail(cluster, "no master username is set, so it cannot be verified")];
      return DEFAULT_ADMIN_NAMES.includes(String(name).toLowerCase()) ? [fail(cluster, "the master username is a default name")] : [];
    }),
});
