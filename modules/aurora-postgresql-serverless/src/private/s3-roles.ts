/**
 * The roles the cluster assumes for its S3 features (`s3Import`, `s3Export`) and their
 * associations with the cluster (`aws_rds_cluster_role_association`).
 *
 * Sources: the actions each feature needs are those AWS lists for Aurora PostgreSQL: `s3:GetObject`
 * and `s3:ListBucket` on the bucket and its objects for import
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_PostgreSQL.S3Import.AccessPermission.html),
 * `s3:PutObject` and `s3:AbortMultipartUpload` on the objects for export, which AWS supports from
 * Aurora Serverless v2 instances
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/postgresql-s3-export-access-bucket.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/postgresql-s3-export.html); both
 * pages recommend `aws:SourceArn` and `aws:SourceAccount` in the trust policy against the confused
 * deputy. Reading an SSE-KMS object needs `kms:Decrypt`, writing one `kms:GenerateDataKey`, and a
 * multipart upload `kms:Decrypt` as well
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions); S3
 * puts the object's (or, with S3 Bucket Keys, the bucket's) ARN in the encryption context
 * `aws:s3:arn` (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#encryption-context).
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { RdsClusterRoleAssociation } from "@cdktf/provider-aws/lib/rds-cluster-role-association";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { S3FeatureBuckets, S3FeatureRole } from "../props";
import type { AccountContext } from "./account-context";
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from "./policy-documents";
import { parseArn } from "./validation/arns";
import { createsRole, type S3Feature } from "./validation/s3-roles";

/** What each feature may do: on the buckets themselves, on their objects, and with their keys. */
export const S3_FEATURE_ACTIONS: {
  readonly [F in S3Feature]: { readonly bucket: readonly string[]; readonly objects: readonly string[]; readonly key: readonly string[] };
} = {
  s3Import: { bucket: ["s3:ListBucket"], objects: ["s3:GetObject"], key: ["kms:Decrypt"] },
  s3Export: { bucket: [], objects: ["s3:PutObject", "s3:AbortMultipartUpload"], key: ["kms:GenerateDataKey", "kms:Decrypt"] },
};

/** `<name>-rds-s3-import-role`: at most 64 characters for any valid `name` (44 + 19). */
export function s3RoleName(name: string, feature: S3Feature): string {
  return `${name}-rds-${feature === "s3Import" ? "s3-import" : "s3-export"}-role`;
}

/** The statements of a created role: the buckets' and objects' actions, and the keys' through S3 for these objects only. */
export function s3FeatureStatements(feature: S3Feature, buckets: S3FeatureBuckets, region: string): PolicyStatement[] {
  const actions = S3_FEATURE_ACTIONS[feature];
  const bucketArns = [...buckets.bucketArns];
  const objectArns = bucketArns.map((arn) => `${arn}/*`);
  const keys = buckets.kmsKeyArns ?? [];
  // S3 calls KMS in the key's region, which the bucket's is: a literal key ARN names it, a reference is taken to be the stack's.
  const viaS3 = [...new Set(keys.map((key) => `s3.${(Token.isUnresolved(key) ? undefined : parseArn(key)?.region) || region}.amazonaws.com`))];
  return [
    ...(actions.bucket.length > 0 ? [{ Sid: "ListTheBuckets", Effect: "Allow" as const, Action: actions.bucket, Resource: bucketArns }] : []),
    { Sid: feature === "s3Import" ? "ReadTheObjects" : "WriteTheObjects", Effect: "Allow" as const, Action: actions.objects, Resource: objectArns },
    ...(keys.length > 0
      ? [
          {
            Sid: "UseTheBucketKeysThroughS3",
            Effect: "Allow" as const,
            Action: actions.key,
            Resource: [...keys],
            Condition: {
              StringEquals: { "kms:ViaService": viaS3.length === 1 ? viaS3[0] : viaS3 },
              // The object's ARN, or the bucket's with S3 Bucket Keys.
              ArnLike: { "kms:EncryptionContext:aws:s3:arn": [...bucketArns, ...objectArns] },
            },
          },
        ]
      : []),
  ];
}

export interface S3FeatureAccessProps {
  readonly feature: S3Feature;
  readonly access: S3FeatureRole;
  /** The database's `name`, for the role's and policy's names. */
  readonly name: string;
  readonly context: AccountContext;
  /** The cluster's identifier as configured, for its ARN in the trust policy: known before the cluster exists. */
  readonly clusterIdentifier: string;
  /** The cluster's id, for the association. */
  readonly clusterId: string;
  /** The managed policy that bounds the role's permissions, if any. */
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** One S3 feature of the cluster: its role (created, or given) and the association. */
export class S3FeatureAccess extends Construct {
  /** The role created for the buckets; undefined with an existing role. */
  public readonly role?: IamRole;
  /** The associated role's ARN: the created role's, or the given one. */
  public readonly roleArn: string;
  public readonly association: RdsClusterRoleAssociation;

  constructor(scope: Construct, id: string, props: S3FeatureAccessProps) {
    super(scope, id);
    const { feature, access, context } = props;
    let policy: IamRolePolicy | undefined;
    if (createsRole(access)) {
      const { partition, region, accountId } = context;
      const clusterArn = `arn:${partition}:rds:${region}:${accountId}:cluster:${props.clusterIdentifier}`;
      const roleName = s3RoleName(props.name, feature);
      this.role = new IamRole(this, "Role", {
        name: roleName,
        description: `Aurora cluster ${props.clusterIdentifier} using S3 for ${feature}`,
        // RDS may assume the role for this account and this cluster only.
        assumeRolePolicy: serviceTrustPolicy("rds.amazonaws.com", accountId, clusterArn),
        permissionsBoundary: props.permissionsBoundary,
        tags: { ...props.tags },
      });
      policy = new IamRolePolicy(this, "Policy", {
        name: roleName.replace(/-role$/, "-policy"),
        role: this.role.name,
        policy: policyDocument(s3FeatureStatements(feature, access, region)),
      });
      this.roleArn = this.role.arn;
    } else {
      this.roleArn = access.existingRoleArn;
    }
    this.association = new RdsClusterRoleAssociation(this, "Association", {
      dbClusterIdentifier: props.clusterId,
      featureName: feature,
      roleArn: this.roleArn,
      // RDS checks the role when it associates it.
      dependsOn: policy ? [policy] : undefined,
    });
  }
}
