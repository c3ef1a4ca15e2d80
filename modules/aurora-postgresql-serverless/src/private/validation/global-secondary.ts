/**
 * The props of `AuroraGlobalSecondary` as a table: runtime types, then rules, with the
 * database's own rules where a prop means the same (name, tags, capacity, network sources,
 * retention periods) and what AWS refuses of a secondary cluster in a global database.
 */
import { TerraformProvider, Token } from "cdktf";
import type { AuroraGlobalSecondaryProps, SecondaryEncryptionKey } from "../../props";
import { isPlainObject, ValidationError, type ValidationProblem } from "../../validation-error";
import { OLDEST_SUPPORTED_MAJOR } from "../engine-version";
import { ADDED_TAG_KEYS, MAX_IDENTIFIER_LENGTH, MAX_READERS } from "../naming";
import { SECONDARY_DEFAULTS, type ResolvedSecondaryProps } from "../resolved-props";
import { parseArn } from "./arns";
import {
  ALLOWED_CIDR_RULES,
  ALLOWED_SECURITY_GROUP_RULES,
  BACKUP_RETENTION_RULE,
  CAPACITY_LIMIT,
  KNOWN_AT_SYNTH,
  LOG_RETENTION_RULES,
  MAX_CAPACITY_RULES,
  NAME_RULES,
  SUBNET_RULES,
  tagRules,
  TAGS,
} from "./database";
import {
  BOOLEAN,
  either,
  isUnresolved,
  NUMBER,
  objectOf,
  oneOf,
  optional,
  required,
  rulesFor,
  STRING,
  STRING_LIST,
  validate,
  type PropsSpec,
  type PropTypes,
  type Rule,
  type RuntimeType,
} from "./engine";
import { dataApiEngineRule, PINNED_MINOR_RULES, SERVERLESS_V2_ENGINE_RULES, supportedEngine } from "./engine-version";
import { isCapacity, isInteger, isKmsKeyArn, isRdsIdentifier, KMS_KEY_ARN_RULE } from "./formats";
import { GLOBAL_CLUSTER_IDENTIFIER_RULE, GLOBAL_DATABASE_SOURCES } from "./global-cluster";
import { LOG_ENCRYPTION_KEY, LOG_ENCRYPTION_KEY_FORM_RULES, logEncryptionKeyRegionRules } from "./log-encryption";

/** An AWS provider instance: every resource of the secondary is created with it. */
const AWS_PROVIDER: RuntimeType<TerraformProvider> = {
  allowed: "an AwsProvider of the secondary's region",
  mismatches: (value) =>
    value instanceof TerraformProvider && value.terraformResourceType === "aws"
      ? []
      : [{ path: "", received: value, allowed: "an AwsProvider of the secondary's region" }],
};

const ENCRYPTION_KEY: RuntimeType<SecondaryEncryptionKey> = either(
  oneOf("aws-managed"),
  objectOf<{ existingKeyArn: string }>({ existingKeyArn: STRING }, '{ existingKeyArn: "<KMS key ARN of the secondary\'s region>" }'),
  '"aws-managed" or { existingKeyArn: "<KMS key ARN of the secondary\'s region>" }',
);

const TYPES: PropTypes<AuroraGlobalSecondaryProps> = {
  name: required(STRING),
  globalClusterIdentifier: required(STRING),
  provider: optional(AWS_PROVIDER),
  engineVersion: optional(STRING),
  autoMinorVersionUpgrade: optional(BOOLEAN),
  encryptionKey: optional(ENCRYPTION_KEY, KNOWN_AT_SYNTH),
  minCapacity: optional(NUMBER),
  maxCapacity: optional(NUMBER),
  // Each reader is its own resource.
  readers: optional(NUMBER, KNOWN_AT_SYNTH),
  vpcId: optional(STRING),
  subnetIds: optional(STRING_LIST),
  allowVpcCidrIngress: optional(BOOLEAN, KNOWN_AT_SYNTH),
  // Each entry becomes its own rule, keyed by its source.
  allowedCidrBlocks: optional(STRING_LIST, KNOWN_AT_SYNTH),
  allowedSecurityGroupIds: optional(STRING_LIST, KNOWN_AT_SYNTH),
  backupRetentionDays: optional(NUMBER),
  deletionProtection: optional(BOOLEAN),
  skipFinalSnapshot: optional(BOOLEAN, KNOWN_AT_SYNTH),
  applyImmediately: optional(BOOLEAN),
  iamAuthentication: optional(BOOLEAN),
  dataApi: optional(BOOLEAN, KNOWN_AT_SYNTH),
  exportPostgresLogs: optional(BOOLEAN, KNOWN_AT_SYNTH),
  logRetentionDays: optional(NUMBER),
  logEncryptionKey: optional(LOG_ENCRYPTION_KEY, KNOWN_AT_SYNTH),
  performanceInsights: optional(BOOLEAN, KNOWN_AT_SYNTH),
  performanceInsightsRetentionDays: optional(NUMBER),
  tags: optional(TAGS, KNOWN_AT_SYNTH),
};

/**
 * Props of `AuroraPostgresServerless` that a secondary cannot have: the global database
 * replicates the primary's whole cluster volume, master user, password and database included,
 * and the secondary is created from it.
 */
const FROM_THE_PRIMARY: Readonly<Record<string, string>> = {
  masterUsername: "nothing: a secondary has the primary's master user, replicated with the cluster volume",
  credentials: "nothing: a secondary has the primary's master password; its secret stays the primary's",
  databaseName: "nothing: a secondary has the primary's databases, replicated with the cluster volume",
  passwordLength: "nothing: a secondary has the primary's master password",
  passwordVersion: "nothing: a secondary has the primary's master password",
  rotationSchedule: "nothing: a secondary has the primary's master password",
  secretRecoveryWindowDays: "nothing: a secondary has no secret of its own",
  restore: "nothing: a secondary is created from the global database, not from a snapshot or point in time",
  storageEncrypted: "nothing: a secondary is always encrypted, with encryptionKey",
};

const rule = rulesFor<ResolvedSecondaryProps>();

const RULES: readonly Rule<ResolvedSecondaryProps>[] = [
  ...NAME_RULES,
  rule("globalClusterIdentifier", {
    check: (identifier) => isRdsIdentifier(identifier, MAX_IDENTIFIER_LENGTH),
    allowed: `the primary's globalClusterIdentifier: ${GLOBAL_CLUSTER_IDENTIFIER_RULE}`,
  }),
  rule("engineVersion", {
    check: (engineVersion) => supportedEngine(engineVersion) !== undefined,
    allowed: `the primary's engineVersion: an Aurora PostgreSQL major ("17") or major.minor ("16.6"), major ${OLDEST_SUPPORTED_MAJOR} or later`,
  }),
  ...SERVERLESS_V2_ENGINE_RULES,
  ...PINNED_MINOR_RULES,
  dataApiEngineRule(() => "or dataApi: false"),
  rule("encryptionKey", {
    parts: (key) => (typeof key === "object" ? [[".existingKeyArn", key.existingKeyArn] as const] : []),
    check: isKmsKeyArn,
    allowed: `${KMS_KEY_ARN_RULE}, of a key in the secondary's region`,
  }),
  rule("minCapacity", {
    check: (min) => isCapacity(min, 0.5, CAPACITY_LIMIT),
    allowed:
      `0.5 to ${CAPACITY_LIMIT} ACUs in steps of 0.5: a secondary stands ready to take over, so the construct keeps its readers from ` +
      "auto-pausing at 0 ACU, as it keeps a primary's in a global database",
  }),
  ...MAX_CAPACITY_RULES,
  rule("readers", {
    check: (readers) => isInteger(readers, 0, MAX_READERS),
    allowed: `an integer from 0 (headless: storage only, ${GLOBAL_DATABASE_SOURCES.headless}) to ${MAX_READERS}`,
  }),
  ...SUBNET_RULES,
  ...ALLOWED_CIDR_RULES,
  ...ALLOWED_SECURITY_GROUP_RULES,
  BACKUP_RETENTION_RULE,
  ...LOG_RETENTION_RULES,
  ...LOG_ENCRYPTION_KEY_FORM_RULES,
  rule("logEncryptionKey", {
    involves: ["exportPostgresLogs"],
    judgesTokens: true, // reads only whether the log is exported
    check: (_, p) => p.exportPostgresLogs,
    allowed: "unset while exportPostgresLogs is false: there is no log group to encrypt",
  }),
  ...tagRules(ADDED_TAG_KEYS),
];

/** A customer-managed key of another region than the secondary's: RDS cannot use it there. */
function regionRules(region: string): readonly Rule<ResolvedSecondaryProps>[] {
  return [
    rule("encryptionKey", {
      parts: (key) => (typeof key === "object" ? [[".existingKeyArn", key.existingKeyArn] as const] : []),
      check: (arn: string) => parseArn(arn)?.region === region,
      allowed: (arn: string) =>
        `a key of the secondary's region, ${region} (this one is in ${parseArn(arn)?.region}): KMS keys are regional, and RDS encrypts ` +
        `a cluster in another region than its source only with a key of that region (KmsKeyId, ${GLOBAL_DATABASE_SOURCES.regionalKeys})`,
    }),
    ...logEncryptionKeyRegionRules(region, "the secondary's provider"),
  ];
}

function resolve(given: Partial<AuroraGlobalSecondaryProps>): ResolvedSecondaryProps {
  // Present unless they failed their types, and then no rule reads them and nothing is returned.
  const { name, globalClusterIdentifier } = given as Pick<AuroraGlobalSecondaryProps, "name" | "globalClusterIdentifier">;
  const engineVersion = given.engineVersion ?? SECONDARY_DEFAULTS.engineVersion;
  return {
    ...SECONDARY_DEFAULTS,
    ...given,
    name,
    globalClusterIdentifier,
    engine: isUnresolved(engineVersion) ? undefined : supportedEngine(engineVersion),
  };
}

const SPEC: PropsSpec<AuroraGlobalSecondaryProps, ResolvedSecondaryProps> = { types: TYPES, rules: RULES, resolve };

/** The region of the provider the secondary's resources use, when it is written literally. */
export function literalRegionOf(provider: unknown): string | undefined {
  const region = (provider as { region?: unknown } | undefined)?.region;
  return typeof region === "string" && !Token.isUnresolved(region) ? region : undefined;
}

/**
 * The props of an AuroraGlobalSecondary with defaults applied; throws one ValidationError naming
 * every invalid prop, a prop only the primary has among them. A key's region is weighed against
 * the secondary's, when that is known at synth.
 */
export function validateSecondaryProps(props: unknown, subject: string, deployment: { readonly region?: string } = {}): ResolvedSecondaryProps {
  const problems: ValidationProblem[] = [];
  let input = props;
  if (isPlainObject(props)) {
    const fromPrimary = Object.keys(props).filter((key) => Object.hasOwn(FROM_THE_PRIMARY, key));
    for (const key of fromPrimary) problems.push({ property: key, received: props[key], allowed: FROM_THE_PRIMARY[key]! });
    if (fromPrimary.length > 0) input = Object.fromEntries(Object.entries(props).filter(([key]) => !fromPrimary.includes(key)));
  }
  const region = deployment.region;
  try {
    const resolved = validate(input, { ...SPEC, rules: region === undefined ? RULES : [...RULES, ...regionRules(region)] }, subject);
    if (problems.length === 0) return resolved;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems);
  }
  throw new ValidationError(subject, problems);
}
