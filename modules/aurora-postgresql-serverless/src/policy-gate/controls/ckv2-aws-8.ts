import { coveringSelections } from "../private/backup";
import { defineControl } from "../private/define-control";
import { clusters } from "../private/rds";

/**
 * checkov CKV2_AWS_8, "Ensure that RDS clusters has backup plan of AWS Backup": every cluster is
 * backed up by an AWS Backup plan, through an `aws_backup_selection` (with a `plan_id`) whose
 * `resources` name the cluster's ARN and whose `not_resources` do not. Security Hub's RDS.26
 * judges DB instances (`AWS::RDS::DBInstance`); for clusters AWS has the Config rule
 * aurora-resources-protected-by-backup-plan, which no Security Hub control we found runs.
 * Selections by tag or wildcard, and tag conditions that may leave the cluster out, are not read
 * at synth: a cluster backed up only through those fails, as unproven.
 *
 * Opt-in: it holds only the stacks that name it in `PolicyGateProps.optIn`, since a stack may
 * deliberately have no backup plan (development, previews) and has nothing to give up then.
 * https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/graph_checks/aws/RDSClusterHasBackupPlan.yaml
 * https://docs.aws.amazon.com/config/latest/developerguide/aurora-resources-protected-by-backup-plan.html
 */
export const CKV2_AWS_8 = defineControl({
  id: "CKV2_AWS_8",
  checkov: ["CKV2_AWS_8"],
  title: "clusters are backed up by an AWS Backup plan (opt-in)",
  checks:
    "every `aws_rds_cluster` is in an `aws_backup_selection` with a `plan_id`, whose `resources` name its ARN (`${aws_rds_cluster.X.arn}`, or written out with its literal identifier), whose `not_resources` do not, and which has no tag `condition`; a cluster backed up only by tag or wildcard fails, as unproven",
  sources: [
    "https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/graph_checks/aws/RDSClusterHasBackupPlan.yaml",
    "https://docs.aws.amazon.com/config/latest/developerguide/aurora-resources-protected-by-backup-plan.html",
  ],
  optIn: true,
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => coveringSelections(document, cluster).length === 0)
      .map((cluster) =>
        fail(
          cluster,
          "the cluster is in no AWS Backup plan: no aws_backup_selection names its ARN in resources without tag conditions (tags, wildcards and conditions are not read)",
        ),
      ),
});
