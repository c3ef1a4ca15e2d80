import { defineControl } from "../private/define-control";
import { refersTo, resources } from "../private/document";

export const SECRETS_MANAGER_1 = defineControl({
  id: "SecretsManager.1",
  checkov: ["CKV2_AWS_57"],
  title: "secrets rotate automatically",
  checks: "every `aws_secretsmanager_secret` has an `aws_secretsmanager_secret_rotation` whose `secret_id` refers to it; a secret RDS manages rotates anyway",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html"],
  // Secrets this configuration creates; a secret RDS manages always rotates (RDS turns it on).
  findings: (document, fail) => {
    const rotations = resources(document, "aws_secretsmanager_secret_rotation");
    return resources(document, "aws_secretsmanager_secret")
      .filter((secret) => !rotations.some((rotation) => refersTo(rotation.body.secret_id, secret)))
      .map((secret) => fail(secret, "the secret does not rotate"));
  },
});
