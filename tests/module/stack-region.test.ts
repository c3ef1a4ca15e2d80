/**
 * ARNs weighed against the region of the stack's AWS provider: a key, an alarm topic, a source
 * cluster and a proxy user's key of another region or partition are refused at synth, naming the
 * prop, the value and the region; the same ARNs in the stack's region pass, and nothing is judged
 * by region while the provider's region is a reference.
 */
import { AuroraBackupPlan, AuroraBackupVault, AuroraPostgresServerless, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { MINIMAL_PROPS, regionalStack, validationProblems } from "../support/synth";

const database = (region: string, props: Partial<AuroraPostgresServerlessProps>) =>
  new AuroraPostgresServerless(regionalStack(region), "Database", { ...MINIMAL_PROPS, ...props });

const key = (region: string, partition = "aws") => `arn:${partition}:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const topic = (region: string, partition = "aws") => `arn:${partition}:sns:${region}:123456789012:team-alarms`;

describe("encryptionKey.existingKeyArn", () => {
  it("is refused in another region than the stack's, naming both regions and why", () => {
    expect(validationProblems(() => database("us-east-1", { encryptionKey: { existingKeyArn: key("eu-west-1") } }))).toEqual([
      {
        property: "encryptionKey.existingKeyArn",
        received: key("eu-west-1"),
        allowed: expect.stringMatching(
          /^a key in us-east-1, the region of the stack's AWS provider \(this one is in eu-west-1\): KMS keys are specific to the region/,
        ),
      },
    ]);
  });

  it("is refused in another partition, by the partition's rule alone", () => {
    expect(validationProblems(() => database("us-east-1", { encryptionKey: { existingKeyArn: key("cn-north-1", "aws-cn") } }))).toEqual([
      expect.objectContaining({ property: "encryptionKey.existingKeyArn", allowed: expect.stringMatching(/^a key in the aws partition, that of us-east-1/) }),
    ]);
  });

  it("passes in the stack's region, in any partition", () => {
    expect(() => database("eu-west-1", { encryptionKey: { existingKeyArn: key("eu-west-1") } })).not.toThrow();
    expect(() => database("cn-north-1", { encryptionKey: { existingKeyArn: key("cn-north-1", "aws-cn") } })).not.toThrow();
  });

  it("is not weighed by region while the provider's region is a reference", () => {
    expect(() => database("variable", { encryptionKey: { existingKeyArn: key("eu-west-1") } })).not.toThrow();
  });
});

describe("alarms.topicArn", () => {
  it("is refused in another region: CloudWatch acts only on topics of the alarm's region", () => {
    expect(validationProblems(() => database("us-east-1", { alarms: { topicArn: topic("eu-west-1") } }))).toEqual([
      {
        property: "alarms.topicArn",
        received: topic("eu-west-1"),
        allowed:
          "a topic in us-east-1, the region of the stack's AWS provider (this one is in eu-west-1): CloudWatch sends an alarm's actions only to topics of the alarm's own region",
      },
    ]);
  });

  it("is refused in another partition", () => {
    expect(validationProblems(() => database("us-east-1", { alarms: { topicArn: topic("us-gov-west-1", "aws-us-gov") } }))).toEqual([
      expect.objectContaining({ property: "alarms.topicArn", allowed: expect.stringMatching(/^a topic in the aws partition, that of us-east-1/) }),
    ]);
  });

  it("passes in the stack's region, and while the region is a reference", () => {
    expect(() => database("cn-north-1", { alarms: { topicArn: topic("cn-north-1", "aws-cn") } })).not.toThrow();
    expect(() => database("us-gov-west-1", { alarms: { topicArn: topic("us-gov-west-1", "aws-us-gov") } })).not.toThrow();
    expect(() => database("variable", { alarms: { topicArn: topic("eu-west-1") } })).not.toThrow();
  });
});

describe("restore.pointInTime.sourceClusterIdentifier", () => {
  const source = (region: string) => `arn:aws:rds:${region}:210987654321:cluster:orders-prod`;
  const restore = (sourceClusterIdentifier: string) => ({ restore: { pointInTime: { sourceClusterIdentifier, useLatestRestorableTime: true } } });

  it("is refused as the ARN of a cluster of another region", () => {
    expect(validationProblems(() => database("us-east-1", restore(source("eu-west-1"))))).toEqual([
      {
        property: "restore.pointInTime.sourceClusterIdentifier",
        received: source("eu-west-1"),
        allowed: expect.stringMatching(
          /^a source cluster in us-east-1, the region of the stack's AWS provider \(this one is in eu-west-1\): RDS restores a cluster to a point in time only from a cluster of the region/,
        ),
      },
    ]);
  });

  it("passes as the ARN of a cluster of the stack's region, or as an identifier", () => {
    expect(() => database("eu-west-1", restore(source("eu-west-1")))).not.toThrow();
    expect(() => database("eu-west-1", restore("orders-prod-aurora-cluster"))).not.toThrow();
  });
});

describe("proxy.users[].kmsKeyArn", () => {
  const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/app-AbC123";

  it("is refused in another region than the stack's, where Secrets Manager decrypts the user's secret", () => {
    const props = { minCapacity: 0.5, proxy: { users: [{ username: "app_user", secretArn: SECRET, kmsKeyArn: key("eu-west-1") }] } };
    expect(validationProblems(() => database("us-east-1", props))).toEqual([
      {
        property: "proxy.users[0].kmsKeyArn",
        received: key("eu-west-1"),
        allowed: expect.stringMatching(
          /^a key in us-east-1, the region of the stack's AWS provider \(this one is in eu-west-1\): the user's secret is read through Secrets Manager in us-east-1/,
        ),
      },
    ]);
  });

  it("passes in the stack's region", () => {
    const props = { minCapacity: 0.5, proxy: { users: [{ username: "app_user", secretArn: SECRET, kmsKeyArn: key("us-east-1") }] } };
    expect(() => database("us-east-1", props)).not.toThrow();
  });
});

describe("AuroraBackupVault encryptionKey.existingKeyArn", () => {
  const vault = (region: string, existingKeyArn: string) =>
    new AuroraBackupVault(regionalStack(region), "Vault", { name: "orders", encryptionKey: { existingKeyArn } });

  it("is refused in another region than the vault's", () => {
    expect(validationProblems(() => vault("us-west-2", key("us-east-1")))).toEqual([
      {
        property: "encryptionKey.existingKeyArn",
        received: key("us-east-1"),
        allowed: expect.stringMatching(/^a key in us-west-2, the region of the stack's AWS provider \(this one is in us-east-1\)/),
      },
    ]);
  });

  it("passes in the vault's region", () => {
    expect(() => vault("us-west-2", key("us-west-2"))).not.toThrow();
  });

  it("is weighed alike for the vault an AuroraBackupPlan creates", () => {
    const plan = (region: string, existingKeyArn: string) => {
      const stack = regionalStack(region);
      const db = new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, name: "orders" });
      return () => new AuroraBackupPlan(stack, "Backup", { name: "orders", database: db, encryptionKey: { existingKeyArn } });
    };
    expect(validationProblems(plan("us-west-2", key("us-east-1")))).toEqual([
      expect.objectContaining({
        property: "encryptionKey.existingKeyArn",
        allowed: expect.stringMatching(/^a key in us-west-2, the region of the stack's AWS provider \(this one is in us-east-1\)/),
      }),
    ]);
    expect(plan("us-west-2", key("us-west-2"))).not.toThrow();
  });
});

describe("while the provider's region is unknown at synth, the ARNs given", () => {
  const BOUNDARY = "arn:aws:iam::123456789012:policy/boundary";

  it("must share one partition: each that departs from the first is refused, naming it", () => {
    expect(
      validationProblems(() => database("variable", { permissionsBoundary: BOUNDARY, encryptionKey: { existingKeyArn: key("cn-north-1", "aws-cn") } })),
    ).toEqual([
      {
        property: "encryptionKey.existingKeyArn",
        received: key("cn-north-1", "aws-cn"),
        allowed: expect.stringMatching(
          /^an ARN of the aws partition, as permissionsBoundary \(arn:aws:iam::123456789012:policy\/boundary\) is: the stack deploys to one partition/,
        ),
        related: ["permissionsBoundary", "alarms", "restore", "proxy", "s3Import", "s3Export", "logEncryptionKey"],
      },
    ]);
  });

  it("of resources the stack's region holds must share one region", () => {
    expect(
      validationProblems(() => database("variable", { encryptionKey: { existingKeyArn: key("eu-west-1") }, alarms: { topicArn: topic("us-east-1") } })),
    ).toEqual([
      {
        property: "alarms.topicArn",
        received: topic("us-east-1"),
        allowed: expect.stringMatching(
          /^an ARN of eu-west-1, as encryptionKey\.existingKeyArn \(arn:aws:kms:eu-west-1:.*\) is: both must be in the region of the stack's AWS provider/,
        ),
        related: ["permissionsBoundary", "encryptionKey", "restore", "proxy", "s3Import", "s3Export", "logEncryptionKey"],
      },
    ]);
  });

  it("of the log groups' key must share the region of the database's other regional ARNs", () => {
    expect(
      validationProblems(() =>
        database("variable", { encryptionKey: { existingKeyArn: key("eu-west-1") }, logEncryptionKey: { existingKeyArn: key("us-east-1") } }),
      ),
    ).toEqual([expect.objectContaining({ property: "logEncryptionKey.existingKeyArn", received: key("us-east-1") })]);
    expect(() =>
      database("variable", { encryptionKey: { existingKeyArn: key("eu-west-1") }, logEncryptionKey: { existingKeyArn: key("eu-west-1") } }),
    ).not.toThrow();
  });

  it("count the S3 features' buckets, keys and roles for the partition only", () => {
    const bucket = (partition: string) => `arn:${partition}:s3:::orders-imports`;
    expect(validationProblems(() => database("variable", { permissionsBoundary: BOUNDARY, s3Import: { bucketArns: [bucket("aws-cn")] } }))).toEqual([
      expect.objectContaining({ property: "s3Import.bucketArns[0]", received: bucket("aws-cn") }),
    ]);
    expect(
      validationProblems(() =>
        database("variable", { permissionsBoundary: BOUNDARY, s3Export: { existingRoleArn: "arn:aws-cn:iam::123456789012:role/export" } }),
      ),
    ).toEqual([expect.objectContaining({ property: "s3Export.existingRoleArn" })]);
    // A bucket's key may be another region's: only its partition is weighed.
    expect(() =>
      database("variable", {
        encryptionKey: { existingKeyArn: key("eu-west-1") },
        s3Import: { bucketArns: [bucket("aws")], kmsKeyArns: [key("us-east-1")] },
      }),
    ).not.toThrow();
  });

  it("pass when they agree, a global ARN and a secret without its own key counting for the partition only", () => {
    const SECRET = "arn:aws:secretsmanager:us-west-2:123456789012:secret:orders/app-AbC123";
    expect(() =>
      database("variable", {
        permissionsBoundary: BOUNDARY,
        encryptionKey: { existingKeyArn: key("eu-west-1") },
        alarms: { topicArn: topic("eu-west-1") },
        minCapacity: 0.5,
        proxy: { users: [{ username: "app_user", secretArn: SECRET }] },
      }),
    ).not.toThrow();
  });
});
