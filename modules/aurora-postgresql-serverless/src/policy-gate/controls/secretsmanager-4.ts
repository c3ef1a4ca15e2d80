import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { refersTo, resources, type Resource } from "../private/document";
import { clusters } from "../private/rds";
import { RDS_MANAGED_ROTATION_DAYS, rotationIntervalDays } from "../private/rotation";

const MAX_DAYS = 90;

export const SECRETS_MANAGER_4 = defineControl({
  id: "SecretsManager.4",
  checkov: [],
  title: "secrets rotate within 90 days",
  checks:
    "every secret rotates within 90 days: `automatically_after_days`, or a `schedule_expression` (rates, and cron expressions that run every month); an RDS-managed secret without a rotation resource rotates every 7 days",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html"],
  findings: (document, fail) => {
    const rotations = resources(document, "aws_secretsmanager_secret_rotation");
    // Without a rotation resource, only an RDS-managed secret rotates (on RDS's default schedule).
    const rotatesInTime = (rotation: Resource | undefined, withoutRotation?: number) =>
      ((rotation ? rotationIntervalDays(rotation) : withoutRotation) ?? Infinity) <= MAX_DAYS;
    const ownSecrets = resources(document, "aws_secretsmanager_secret")
      .filter((secret) => !rotatesInTime(rotations.find((rotation) => refersTo(rotation.body.secret_id, secret))))
      .map((secret) => fail(secret, "the secret is not rotated within 90 days"));
    const managedSecrets = clusters(document)
      .filter((cluster) => setting(cluster, "manage_master_user_password") === true)
      .filter((cluster) => {
        const rotation = rotations.find((candidate) => refersTo(candidate.body.secret_id, cluster, "master_user_secret"));
        return !rotatesInTime(rotation, RDS_MANAGED_ROTATION_DAYS);
      })
      .map((cluster) => fail(cluster, "the RDS-managed secret is not rotated within 90 days"));
    return [...ownSecrets, ...managedSecrets];
  },
});
