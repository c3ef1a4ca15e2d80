import { possibleSelections } from "../private/backup";
import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { clusters } from "../private/rds";

/**
 * Security Hub Backup.1, "AWS Backup recovery points should be encrypted at rest", judged where
 * the configuration decides it. A vault's key encrypts only the backups of the resource types
 * AWS Backup fully manages; the encryption of other backups, an Aurora cluster's among them, is
 * managed by their source service: an Aurora cluster's snapshots are encrypted exactly when its
 * storage is. So every cluster an `aws_backup_selection` backs up, or may back up by tag or
 * wildcard, has encrypted storage. Passes where no selection may take a cluster; other resources
 * a selection names are not judged.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/backup-controls.html
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
 */
export const BACKUP_1 = defineControl({
  id: "Backup.1",
  checkov: [],
  title: "recovery points of backed-up clusters are encrypted at rest",
  checks:
    "every `aws_rds_cluster` an `aws_backup_selection` names in `resources` (or may take by `selection_tag` or wildcard ARN) has `storage_encrypted`: a vault's key encrypts only the backups of types AWS Backup fully manages, and an Aurora cluster's recovery points take the cluster's encryption",
  sources: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/backup-controls.html",
    "https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html",
  ],
  findings: (document, fail) =>
    clusters(document).flatMap((cluster) => {
      const selections = possibleSelections(document, cluster);
      if (selections.length === 0 || setting(cluster, "storage_encrypted") === true) return [];
      const named = selections.filter((candidate) => candidate.named);
      const addresses = (list: typeof selections) => list.map(({ selection }) => selection.address).join(", ");
      const problem =
        named.length > 0
          ? `recovery points are not encrypted: ${addresses(named)} backs up the cluster, whose storage is not encrypted, and an Aurora cluster's recovery points take its encryption`
          : `recovery points may not be encrypted: ${addresses(selections)} may back up the cluster by tag or wildcard, and its storage is not encrypted`;
      return [fail(cluster, problem)];
    }),
});
