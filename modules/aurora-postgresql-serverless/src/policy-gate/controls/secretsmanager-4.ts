import { defineControl } from "../private/define-control";
import { asList, refersTo, resources } from "../private/document";

export const SECRETS_MANAGER_4 = defineControl({
  id: "SecretsManager.4",
  checkov: [],
  title: "secrets rotate within 90 days",
  findings: (document, fail) => {
    const rotations = resources(document, "aws_secretsmanager_secret_rotation");
    return resources(document, "aws_secretsmanager_secret")
      .filter(
        (secret) =>
          !rotations.some((rotation) => {
            const rules = asList(rotation.body.rotation_rules)[0] as Record<string, unknown> | undefined;
            return refersTo(rotation.body.secret_id, secret) && Number(rules?.automatically_after_days) <= 90;
          }),
      )
      .map((secret) => fail(secret, "the secret is not rotated within 90 days"));
  },
});
