/**
 * The `s3Import` and `s3Export` props: their runtime type and rules, spread into the database's
 * tables in `database.ts`. A role created for buckets, or an existing role's ARN.
 *
 * Sources: S3's bucket naming rules
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), IAM's role
 * names and ARNs (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns),
 * and AddRoleToDBCluster, which refuses a role already associated with the cluster
 * (`DBClusterRoleAlreadyExists`,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_AddRoleToDBCluster.html).
 */
import type { ExistingS3FeatureRole, S3FeatureBuckets, S3FeatureRole } from "../../props";
import type { ResolvedProps } from "../resolved-props";
import { inPartitionOf, isPartitionName, parseArn } from "./arns";
import {
  either,
  entries,
  fieldsOf,
  isUnresolved,
  knownAtSynthOf,
  objectOf,
  repeats,
  rulesFor,
  STRING,
  STRING_LIST,
  type Rule,
  type RuntimeType,
} from "./engine";
import { isKmsKeyArn, KMS_KEY_ARN_RULE } from "./formats";

/** The two S3 features of Aurora PostgreSQL, as AddRoleToDBCluster names them. */
export const S3_FEATURES = ["s3Import", "s3Export"] as const;
export type S3Feature = (typeof S3_FEATURES)[number];

const BUCKETS = fieldsOf<S3FeatureBuckets>(
  // Each bucket becomes two resources of the role's policy.
  { bucketArns: knownAtSynthOf(STRING_LIST), kmsKeyArns: knownAtSynthOf(STRING_LIST) },
  ["bucketArns"],
  "{ bucketArns, kmsKeyArns? } (a plain object)",
);
const EXISTING_ROLE = objectOf<ExistingS3FeatureRole>({ existingRoleArn: STRING }, '{ existingRoleArn: "<IAM role ARN>" }');

export const S3_FEATURE_ROLE: RuntimeType<S3FeatureRole> = either(
  BUCKETS,
  EXISTING_ROLE,
  "{ bucketArns, kmsKeyArns? } for a role created for those buckets, or { existingRoleArn } for an existing role",
);

/** Whether the feature's role is created here (for buckets) rather than given. */
export function createsRole(role: S3FeatureRole): role is S3FeatureBuckets {
  return "bucketArns" in role;
}

/** S3's general purpose bucket names: 3–63 of `a-z 0-9 . -`, a letter or digit at each end, no `..`, not an IP address. */
export function isBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

/** What is wrong with a bucket's ARN, if anything. */
export function bucketArnProblem(value: string): string | undefined {
  const arn = parseArn(value);
  if (arn === undefined || !isPartitionName(arn.partition)) return "it is not an ARN (arn:<partition>:s3:::<bucket>)";
  if (arn.service !== "s3") return `it is an ARN of ${arn.service === "" ? "no service" : arn.service}, not of s3`;
  if (arn.region !== "" || arn.account !== "") return "it has a region or an account: a bucket's ARN has neither (arn:aws:s3:::<bucket>)";
  if (arn.resource.includes("/")) return "it names objects or a prefix: give the bucket's ARN alone; the role reaches all of its objects";
  if (!isBucketName(arn.resource))
    return `"${arn.resource}" is not a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at each end`;
  return undefined;
}

/** IAM's role names (1–64 of `[\w+=,.@-]`) after an optional path. */
const ROLE_RESOURCE = /^role\/(?:[A-Za-z0-9.,+@=_-]+\/)*[\w+=,.@-]{1,64}$/;

/** What is wrong with an IAM role's ARN, if anything. */
export function roleArnProblem(value: string): string | undefined {
  const arn = parseArn(value);
  if (arn === undefined || !isPartitionName(arn.partition)) return "it is not an ARN (arn:<partition>:iam::<account>:role/<name>)";
  if (arn.service !== "iam") return `it is an ARN of ${arn.service === "" ? "no service" : arn.service}, not of iam`;
  if (arn.region !== "") return `its region is "${arn.region}": IAM is global, and its ARNs have none`;
  if (!/^\d{12}$/.test(arn.account)) return `its account "${arn.account}" is not 12 digits`;
  if (!ROLE_RESOURCE.test(arn.resource)) return "it does not name a role (role/<optional path/><name>, a name of 1 to 64 letters, digits and + = , . @ _ -)";
  return undefined;
}

const ROLE_ARN_FORM = 'an IAM role\'s ARN, "arn:<partition>:iam::<12-digit account>:role/<optional path/><name>"';
const BUCKET_ARN_FORM = 'a bucket\'s ARN, "arn:<partition>:s3:::<bucket>"';

const rule = rulesFor<ResolvedProps>();

type BucketsField = "bucketArns" | "kmsKeyArns";

/** One list of a created role's buckets, as parts at their paths (`.bucketArns[<i>]`). */
function listParts(key: BucketsField, parts: (list: readonly string[]) => Iterable<readonly [string, string]> = entries) {
  return (role: S3FeatureRole): (readonly [string, string])[] => {
    if (!createsRole(role)) return [];
    const list = role[key] ?? [];
    return Array.from(parts(list), ([path, entry]) => [`.${key}${path}`, entry] as const);
  };
}

/** The existing role's ARN, at its path. */
const existingRoleArn = (role: S3FeatureRole): (readonly [string, string])[] => (createsRole(role) ? [] : [[".existingRoleArn", role.existingRoleArn]]);

function featureRules(feature: S3Feature): Rule<ResolvedProps>[] {
  return [
    rule<S3Feature, never, readonly string[]>(feature, {
      parts: (role) => (createsRole(role) ? [[".bucketArns", role.bucketArns] as const] : []),
      check: (buckets) => buckets.length > 0,
      allowed: "at least one bucket: the role may reach only the buckets listed",
    }),
    rule<S3Feature, never, string>(feature, {
      parts: listParts("bucketArns"),
      check: (arn) => bucketArnProblem(arn) === undefined,
      allowed: (arn) => `${BUCKET_ARN_FORM}: ${bucketArnProblem(arn)}`,
    }),
    rule<S3Feature, never, string>(feature, {
      parts: listParts("bucketArns", (list) => repeats(list, (arn) => arn)),
      judgesTokens: true, // references compare as written
      check: () => false, // every part is a repeat
      allowed: "a bucket listed once",
    }),
    rule<S3Feature, never, string>(feature, {
      parts: listParts("kmsKeyArns"),
      check: isKmsKeyArn,
      allowed: KMS_KEY_ARN_RULE,
    }),
    rule<S3Feature, never, string>(feature, {
      parts: listParts("kmsKeyArns", (list) => repeats(list, (arn) => arn)),
      judgesTokens: true, // references compare as written
      check: () => false, // every part is a repeat
      allowed: "a key listed once",
    }),
    rule<S3Feature, never, string>(feature, {
      parts: existingRoleArn,
      check: (arn) => roleArnProblem(arn) === undefined,
      allowed: (arn) => `${ROLE_ARN_FORM}: ${roleArnProblem(arn)}`,
    }),
  ];
}

export const S3_ROLE_RULES: readonly Rule<ResolvedProps>[] = [
  ...featureRules("s3Import"),
  ...featureRules("s3Export"),
  rule<"s3Export", "s3Import", string>("s3Export", {
    involves: ["s3Import"],
    parts: existingRoleArn,
    check: (arn, p) => p.s3Import === undefined || createsRole(p.s3Import) || isUnresolved(arn) || arn !== p.s3Import.existingRoleArn,
    allowed:
      "a role other than s3Import's: RDS associates a role with a cluster once (AddRoleToDBCluster refuses it with DBClusterRoleAlreadyExists), " +
      "so each feature needs a role of its own",
  }),
];

/** The ARNs' partitions against that of the stack's region, when the region is known at synth. */
export function s3RoleRegionRules(region: string): readonly Rule<ResolvedProps>[] {
  const checks = [
    { parts: listParts("bucketArns"), inPartition: inPartitionOf(region, "a bucket", bucketArnProblem) },
    {
      parts: listParts("kmsKeyArns"),
      inPartition: inPartitionOf(region, "a key", (arn) => (isKmsKeyArn(arn) ? undefined : KMS_KEY_ARN_RULE)),
    },
    { parts: existingRoleArn, inPartition: inPartitionOf(region, "a role", roleArnProblem) },
  ] as const;
  return S3_FEATURES.flatMap((feature) =>
    checks.flatMap(({ parts, inPartition }) => (inPartition === undefined ? [] : [rule<S3Feature, never, string>(feature, { parts, ...inPartition })])),
  );
}
