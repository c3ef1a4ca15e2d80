/**
 * The statements of a database key's policy, written out as the tests expect them, with the ARNs
 * and service names built from the scope's partition, region and account lookups: the account
 * administers the key (and nothing more), RDS creates grants for its own resources, Secrets
 * Manager protects the credentials, and Performance Insights' readers decrypt through RDS only.
 */
import { accountRefs, type Block } from "../support/synth";

/** Every action the account's administration statement holds: management, never use of the key. */
export const KEY_ADMINISTRATION_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListAliases",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/** The four statements every database key's policy starts with, in order, for the lookups of `scope`. */
export function databaseKeyStatements(json: Block, scope?: string): Block[] {
  const { partition, region, account } = accountRefs(json, scope);
  const root = { AWS: `arn:${partition}:iam::${account}:root` };
  const viaRds = { "kms:ViaService": `rds.${region}.amazonaws.com` };
  return [
    { Sid: "AccountAdministersTheKey", Effect: "Allow", Principal: root, Action: KEY_ADMINISTRATION_ACTIONS, Resource: "*" },
    {
      Sid: "RdsCreatesGrantsForItself",
      Effect: "Allow",
      Principal: root,
      Action: ["kms:CreateGrant"],
      Resource: "*",
      Condition: { StringEquals: viaRds, Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
    {
      Sid: "SecretsManagerProtectsTheCredentials",
      Effect: "Allow",
      Principal: root,
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
    },
    {
      Sid: "PerformanceInsightsReaders",
      Effect: "Allow",
      Principal: root,
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: {
        StringEquals: viaRds,
        "ForAnyValue:StringEquals": { "kms:EncryptionContext:aws:pi:service": "rds", "kms:EncryptionContext:service": "pi" },
      },
    },
  ];
}
