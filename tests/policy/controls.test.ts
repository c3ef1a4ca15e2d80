/**
 * The controls on what the module writes: each control fails for a change of the module's
 * configuration, and one hardened database passes every control at once (the opt-in ones once it
 * is in a backup plan). Each control's own reasoning is tested on hand-written fixtures in controls/
 * (controls/cases.ts).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { TerraformStack } from "cdktf";
import { CONTROLS, evaluateControls, type AuroraPostgresServerless, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { defineStacks } from "../../stacks/app";
import { testApp } from "../support/app";
import { databaseStack, synthesize } from "../support/synth";
import { backUp } from "./backup-plan";
import { fileName } from "./controls/evaluate";

/** Passes every control: managed credentials, a customer-managed key, a reader in another zone. */
/** Every capability on, so that every resource the module can create is held to the controls. */
const HARDENED: Partial<AuroraPostgresServerlessProps> = {
  credentials: "managed",
  encryptionKey: "create",
  skipFinalSnapshot: true,
  readers: 1,
  proxy: { iamAuthentication: true, allowedSecurityGroupIds: ["sg-0123456789abcdef0"] },
  ssmParameters: "/test/db",
};

type Change = Partial<AuroraPostgresServerlessProps> | ((stack: TerraformStack, database: AuroraPostgresServerless) => void);

/** The opt-in controls: evaluated here for every stack, as if each stack opted in to all of them. */
const OPT_IN = CONTROLS.filter((control) => control.optIn === true).map((control) => control.id);

/** The messages of every failing control's findings, by control id. */
function failingControls(change: Change = {}, optIn: readonly string[] = []): Map<string, string[]> {
  const props = typeof change === "function" ? {} : change;
  const { stack, database } = databaseStack({ ...HARDENED, ...props }, testApp());
  if (typeof change === "function") change(stack, database);
  return messagesByControl(evaluateControls(synthesize(stack).json, optIn));
}

function messagesByControl(failures: ReturnType<typeof evaluateControls>): Map<string, string[]> {
  return new Map([...failures].map(([id, findings]) => [id, findings.map((finding) => finding.message)]));
}

const rotation = (days: number) => (stack: TerraformStack, database: AuroraPostgresServerless) => {
  new SecretsmanagerSecretRotation(stack, "Rotation", {
    secretId: database.secret!.id,
    rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotate",
    rotationRules: { automaticallyAfterDays: days },
  });
};

const extraPolicy = (document: object | string) => (stack: TerraformStack) => {
  new IamRolePolicy(stack, "Extra", { role: "some-role", policy: typeof document === "string" ? document : JSON.stringify(document) });
};

const openIngress = (stack: TerraformStack, database: AuroraPostgresServerless) => {
  new VpcSecurityGroupIngressRule(stack, "Open", {
    securityGroupId: database.securityGroupId!,
    ipProtocol: "tcp",
    fromPort: 5432,
    toPort: 5432,
    cidrIpv4: "0.0.0.0/0",
    description: "everyone",
  });
};

/** Control id → [a change that makes it fail, what the finding says]. */
const FAILING: Record<string, [Change, RegExp]> = {
  "RDS.7": [{ deletionProtection: false }, /deletion protection is off on aws_rds_cluster\.\S+ \(test-aurora-cluster\)/],
  "RDS.12": [{ iamAuthentication: false }, /IAM authentication is off/],
  "RDS.15": [{ readers: 0 }, /not provably in several availability zones \(it has one instance\)/],
  "RDS.16": [{ copyTagsToSnapshot: false }, /tags are not copied to snapshots/],
  "RDS.24": [{ masterUsername: "postgres" }, /master username is a default name/],
  "RDS.27": [{ storageEncrypted: false, encryptionKey: "aws-managed" }, /storage is not encrypted/],
  "RDS.35": [{ autoMinorVersionUpgrade: false }, /automatic minor version upgrade is off for an instance/],
  "RDS.37": [{ exportPostgresLogs: false }, /PostgreSQL log is not exported/],
  CKV_AWS_133: [{ backupRetentionDays: 3 }, /fewer than 7 days/],
  CKV_AWS_327: [{ encryptionKey: "aws-managed" }, /storage is not encrypted with a customer-managed key/],
  "RDS.6": [{ monitoringIntervalSeconds: 0 }, /Enhanced Monitoring is off on aws_rds_cluster_instance\.\S+ \(test-aurora-instance-1\)/],
  "RDS.13": [{ autoMinorVersionUpgrade: false }, /automatic minor version upgrade is off on aws_rds_cluster_instance/],
  CKV_AWS_17: [(_, database) => (database.writer.publiclyAccessible = true), /the instance is publicly accessible/],
  CKV_AWS_353: [{ performanceInsights: false }, /Performance Insights is off/],
  CKV_AWS_354: [{ encryptionKey: "aws-managed" }, /Performance Insights is not encrypted with a customer-managed key/],
  "SecretsManager.1": [{ credentials: "generated" }, /the secret does not rotate on aws_secretsmanager_secret/],
  "SecretsManager.4": [{ credentials: "generated" }, /not rotated within 90 days/],
  CKV_AWS_149: [{ encryptionKey: "aws-managed" }, /RDS-managed secret uses the AWS managed key/],
  "KMS.4": [(stack) => new KmsKey(stack, "Unrotated", { enableKeyRotation: false }), /key rotation is off/],
  "IAM.21": [
    extraPolicy({ Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" }] }),
    /statement All allows wildcard actions/,
  ],
  "EC2.18": [openIngress, /ingress from anywhere/],
  CKV_AWS_382: [{ egressCidrBlocks: ["0.0.0.0/0"] }, /egress to anywhere/],
  "PROXY.1": [(_, database) => (database.proxy!.requireTls = false), /clients may connect without TLS on aws_db_proxy\.\S+ \(test-aurora-proxy\)/],
  CKV_AWS_23: [
    (stack, database) =>
      new VpcSecurityGroupIngressRule(stack, "Undescribed", { securityGroupId: database.securityGroupId!, ipProtocol: "-1", cidrIpv4: "10.0.0.0/8" }),
    /ingress rule has no description/,
  ],
  "SNS.1": [
    (stack) => new SnsTopic(stack, "Plain", { name: "plain" }),
    /the topic is not encrypted at rest \(no kms_master_key_id\) on aws_sns_topic\.\S+ \(plain\)/,
  ],
  "CloudWatch.15": [
    (stack) =>
      new CloudwatchMetricAlarm(stack, "Silent", {
        alarmName: "silent",
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        statistic: "Average",
        period: 60,
        evaluationPeriods: 1,
        threshold: 90,
        comparisonOperator: "GreaterThanThreshold",
      }),
    /the alarm has no action for the ALARM state on aws_cloudwatch_metric_alarm\.\S+ \(silent\)/,
  ],
  "Backup.1": [
    (stack, database) => {
      backUp(stack, database);
      database.cluster.storageEncrypted = false;
    },
    /recovery points are not encrypted: aws_backup_selection\.\S+ backs up the cluster, whose storage is not encrypted, .* on aws_rds_cluster\.\S+ \(test-aurora-cluster\)/,
  ],
  CKV_AWS_166: [
    (stack) => new BackupVault(stack, "PlainVault", { name: "plain" }),
    /the vault is not encrypted with a customer-managed key on aws_backup_vault\.\S+ \(plain\)/,
  ],
  CKV2_AWS_8: [{}, /the cluster is in no AWS Backup plan: .* on aws_rds_cluster\.\S+ \(test-aurora-cluster\)/],
};

it("covers every control of the gate with a failing configuration", () => {
  expect(Object.keys(FAILING).sort()).toEqual(CONTROLS.map((control) => control.id).sort());
});

it("keeps every control in its own file, with its own fixtures", () => {
  const ROOT = resolve(import.meta.dirname, "../..");
  for (const { id } of CONTROLS) {
    const name = fileName(id);
    for (const file of [
      `modules/aurora-postgresql-serverless/src/policy-gate/controls/${name}.ts`,
      `tests/policy/controls/${name}.failing.json`,
      `tests/policy/controls/${name}.passing.json`,
    ]) {
      expect(existsSync(resolve(ROOT, file)), file).toBe(true);
    }
  }
});

it("holds only the stacks that opt in to CKV2_AWS_8, and every stack to the other controls", () => {
  expect(OPT_IN).toEqual(["CKV2_AWS_8"]);
});

it("passes RDS.15 on the prod stack, whose writer and reader take elements 0 and 1 of its subnets' zones", () => {
  const { json } = synthesize(defineStacks(testApp(), {}).environments.prod);
  const zones = Object.values(json.resource.aws_rds_cluster_instance as Record<string, { availability_zone: string }>).map(
    (instance) => instance.availability_zone,
  );
  expect(zones).toEqual([expect.stringMatching(/^\$\{element\(sort\(distinct\(.*\), 0\)\}$/), expect.stringMatching(/, 1\)\}$/)]);
  expect(evaluateControls(json).get("RDS.15")).toBeUndefined();
});

it("passes every control with the hardened configuration, and the opt-in ones too once its cluster is in a backup plan", () => {
  expect([...failingControls().entries()]).toEqual([]);
  expect([...failingControls(backUp, OPT_IN).entries()]).toEqual([]);
});

describe.each(Object.entries(FAILING))("control %s", (id, [change, finding]) => {
  it("fails, naming the control and the resource", () => {
    const failures = failingControls(change, OPT_IN.includes(id) ? [id] : []).get(id);
    expect(failures, `${id} should fail`).toBeDefined();
    expect(failures!.join("\n")).toMatch(finding);
    for (const line of failures!) expect(line.startsWith(`${id} `)).toBe(true);
  });
});

describe("controls read every form of a resource", () => {
  it("SecretsManager.1 and .4 pass for a generated secret that rotates within 90 days, .4 fails beyond", () => {
    const hardenedButGenerated = (days: number) => {
      const { stack, database } = databaseStack({ ...HARDENED, credentials: "generated" }, testApp());
      rotation(days)(stack, database);
      return messagesByControl(evaluateControls(synthesize(stack).json));
    };
    expect([...hardenedButGenerated(30).keys()]).toEqual([]);
    expect([...hardenedButGenerated(120).keys()]).toEqual(["SecretsManager.4"]);
  });

  it("CKV_AWS_149 passes for a generated secret with the customer-managed key and fails with the AWS managed key", () => {
    const generated = (encryptionKey: "create" | "aws-managed") => {
      const { stack, database } = databaseStack({ ...HARDENED, credentials: "generated", encryptionKey }, testApp());
      rotation(30)(stack, database);
      return messagesByControl(evaluateControls(synthesize(stack).json)).get("CKV_AWS_149");
    };
    expect(generated("create")).toBeUndefined();
    expect(generated("aws-managed")).toEqual([expect.stringMatching(/^CKV_AWS_149 the secret uses the AWS managed key on aws_secretsmanager_secret\./)]);
  });

  it("PROXY.1 judges a synthesized proxy without require_tls by the provider's default, TLS off", () => {
    const failures = failingControls((_, database) => database.proxy!.resetRequireTls());
    expect([...failures.keys()]).toEqual(["PROXY.1"]);
    expect(failures.get("PROXY.1")).toEqual([expect.stringMatching(/^PROXY\.1 clients may connect without TLS on aws_db_proxy\.\S+ \(test-aurora-proxy\)$/)]);
  });

  it('IAM.21 fails on Resource "*", on NotAction, and on a policy it cannot read', () => {
    const failures = (document: object | string) => failingControls(extraPolicy(document)).get("IAM.21") ?? [];
    expect(failures({ Statement: [{ Sid: "Any", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] })).toEqual([
      expect.stringMatching(/statement Any applies to every resource/),
    ]);
    expect(failures({ Statement: { Sid: "Not", Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::b" } })).toEqual([
      expect.stringMatching(/statement Not allows wildcard actions/),
    ]);
    expect(failures('${file("policy.json")}')).toEqual([
      expect.stringMatching(/neither JSON, jsonencode of an object, nor an aws_iam_policy_document, and cannot be verified/),
    ]);
    // As the module writes its policies: jsonencode of an object, with references inside.
    expect(
      failures(
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "Wide", "Effect" = "Allow", "Action" = ["rds-data:*"], "Resource" = [aws_rds_cluster.c.arn]}]})}',
      ),
    ).toEqual([expect.stringMatching(/statement Wide allows wildcard actions/)]);
    expect(
      failures(
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "Exact", "Effect" = "Allow", "Action" = ["rds-data:ExecuteStatement"], "Resource" = [aws_rds_cluster.c.arn]}]})}',
      ),
    ).toEqual([]);
    expect(failures({ Statement: [{ Sid: "Exact", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }] })).toEqual([]);
  });

  it("EC2.18 and CKV_AWS_23 read inline security group rules too", () => {
    const failures = failingControls((stack) => {
      new SecurityGroup(stack, "Legacy", {
        name: "legacy",
        description: "legacy group",
        ingress: [{ fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }],
      });
    });
    expect(failures.get("EC2.18")).toEqual([expect.stringMatching(/ingress from anywhere on aws_security_group\.\S+ \(legacy\)/)]);
    expect(failures.get("CKV_AWS_23")).toEqual([expect.stringMatching(/an ingress rule has no description on aws_security_group/)]);
  });
});
