/**
 * Every validation rule with failing and passing values. Construction throws, exactly as it
 * does under `cdktf synth`, so an invalid configuration never reaches synthesis.
 */
import { TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, ValidationError, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { databaseStack, MINIMAL_PROPS, validationProblems } from "../support/synth";

type Props = Partial<AuroraPostgresServerlessProps>;

interface Rule {
  readonly rule: string;
  /**
   * Props whose validation must fail, the property the error must name and, when it is not
   * simply `props[property]`, the value the error must report.
   */
  readonly failing: readonly [Props, string, unknown?][];
  readonly passing: readonly Props[];
  /** Text the "allowed" part of the message must contain. */
  readonly allowed: RegExp;
  /** The other props the rule weighs the property against. */
  readonly related?: readonly string[];
}

const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const VPC = "vpc-0123456789abcdef0";

const RULES: readonly Rule[] = [
  {
    rule: "name follows identifier rules and leaves room for derived names",
    failing: [
      [{ name: "Bad_Name" }, "name"],
      [{ name: "1abc" }, "name"],
      [{ name: "a--b" }, "name"],
      [{ name: "abc-" }, "name"],
      [{ name: "" }, "name"],
      [{ name: "a".repeat(45) }, "name"],
    ],
    passing: [{ name: "alex-dev" }, { name: "a".repeat(44) }, { name: "a1" }],
    allowed: /lowercase letters, digits and single hyphens.*1 to 44 characters/,
  },
  {
    rule: "name does not make the security group's name start with sg-",
    failing: [
      [{ name: "sg" }, "name"],
      [{ name: "sg-orders" }, "name"],
    ],
    passing: [{ name: "sgx" }, { name: "orders-sg" }, { name: "sg1-orders" }],
    allowed: /AWS refuses group names starting with "sg-"/,
  },
  {
    rule: "databaseName is 1-63 letters, digits, underscores starting with a letter",
    failing: [
      [{ databaseName: "1db" }, "databaseName"],
      [{ databaseName: "my-db" }, "databaseName"],
      [{ databaseName: "a".repeat(64) }, "databaseName"],
    ],
    passing: [{ databaseName: "app_db" }, { databaseName: "a".repeat(63) }],
    allowed: /1 to 63 letters, digits or underscores/,
  },
  {
    rule: "databaseName is not reserved",
    failing: [
      [{ databaseName: "select" }, "databaseName"],
      [{ databaseName: "template1" }, "databaseName"],
      [{ databaseName: "rdsadmin" }, "databaseName"],
    ],
    passing: [{ databaseName: "alex" }, { databaseName: "selections" }],
    allowed: /reserved word/,
  },
  {
    rule: "masterUsername is 1-16 letters or digits starting with a letter",
    failing: [
      [{ masterUsername: "1admin" }, "masterUsername"],
      [{ masterUsername: "a".repeat(17) }, "masterUsername"],
      [{ masterUsername: "db_admin" }, "masterUsername"],
      [{ masterUsername: "" }, "masterUsername"],
    ],
    passing: [{ masterUsername: "alexadmin" }, { masterUsername: "a".repeat(16) }],
    allowed: /1 to 16 letters or digits/,
  },
  {
    rule: "masterUsername is not reserved",
    failing: [
      [{ masterUsername: "admin" }, "masterUsername"],
      [{ masterUsername: "RdsAdmin" }, "masterUsername"],
      [{ masterUsername: "user" }, "masterUsername"],
    ],
    passing: [{ masterUsername: "dbowner" }],
    allowed: /"admin", "rdsadmin"/,
  },
  {
    rule: "passwordLength is an integer from 8 to 41",
    failing: [
      [{ passwordLength: 7 }, "passwordLength"],
      [{ passwordLength: 42 }, "passwordLength"],
      [{ passwordLength: 20.5 }, "passwordLength"],
    ],
    passing: [{ passwordLength: 8 }, { passwordLength: 41 }],
    allowed: /integer from 8 to 41/,
  },
  {
    rule: "engineVersion is a major or major.minor of 13 or later",
    failing: [
      [{ engineVersion: "12" }, "engineVersion"],
      [{ engineVersion: "latest" }, "engineVersion"],
      [{ engineVersion: "17.4.1" }, "engineVersion"],
      [{ engineVersion: "" }, "engineVersion"],
    ],
    passing: [{ engineVersion: "17" }, { engineVersion: "16.6", autoMinorVersionUpgrade: false }, { engineVersion: "18" }],
    allowed: /major 13 or later/,
  },
  {
    rule: "a pinned engineVersion is at least the Data API minimum of its major",
    failing: [
      [{ engineVersion: "16.0", autoMinorVersionUpgrade: false }, "engineVersion"],
      [{ engineVersion: "14.7", autoMinorVersionUpgrade: false }, "engineVersion"],
      [{ engineVersion: "17.2", autoMinorVersionUpgrade: false }, "engineVersion"],
    ],
    passing: [
      { engineVersion: "16.1", autoMinorVersionUpgrade: false },
      { engineVersion: "14.12", autoMinorVersionUpgrade: false },
      { engineVersion: "17.4", autoMinorVersionUpgrade: false },
    ],
    allowed: /or later for major \d+: earlier versions have no RDS Data API/,
    related: ["dataApi"],
  },
  {
    rule: "a pinned engineVersion is not a retired minor",
    failing: [
      [{ engineVersion: "15.4", autoMinorVersionUpgrade: false }, "engineVersion"],
      [{ engineVersion: "14.9", autoMinorVersionUpgrade: false }, "engineVersion"],
    ],
    passing: [{ engineVersion: "15.12", autoMinorVersionUpgrade: false }, { engineVersion: "15" }],
    allowed: /retired on 2025-09-30/,
  },
  {
    rule: "minCapacity is 0-256 in steps of 0.5",
    failing: [
      [{ minCapacity: -0.5 }, "minCapacity"],
      [{ minCapacity: 0.3 }, "minCapacity"],
      [{ minCapacity: 256.5, maxCapacity: 256 }, "minCapacity"],
    ],
    passing: [{ minCapacity: 0 }, { minCapacity: 1, maxCapacity: 1 }, { minCapacity: 256, maxCapacity: 256 }],
    allowed: /0 to 256 ACUs in steps of 0\.5/,
  },
  {
    rule: "maxCapacity is 1-256 in steps of 0.5",
    failing: [
      [{ minCapacity: 0, maxCapacity: 0.5 }, "maxCapacity"],
      [{ maxCapacity: 256.5 }, "maxCapacity"],
      [{ maxCapacity: 1.25 }, "maxCapacity"],
    ],
    passing: [{ maxCapacity: 1 }, { maxCapacity: 1.5 }, { maxCapacity: 256 }],
    allowed: /1 to 256 ACUs in steps of 0\.5/,
  },
  {
    rule: "maxCapacity is at least minCapacity",
    failing: [[{ minCapacity: 4, maxCapacity: 2 }, "maxCapacity"]],
    passing: [{ minCapacity: 4, maxCapacity: 4 }],
    allowed: /at least minCapacity \(4\)/,
    related: ["minCapacity"],
  },
  {
    rule: "secondsUntilAutoPause is an integer from 300 to 86400",
    failing: [
      [{ minCapacity: 0, secondsUntilAutoPause: 299 }, "secondsUntilAutoPause"],
      [{ minCapacity: 0, secondsUntilAutoPause: 86_401 }, "secondsUntilAutoPause"],
      [{ minCapacity: 0, secondsUntilAutoPause: 300.5 }, "secondsUntilAutoPause"],
    ],
    passing: [
      { minCapacity: 0, secondsUntilAutoPause: 300 },
      { minCapacity: 0, secondsUntilAutoPause: 86_400 },
    ],
    allowed: /integer from 300 to 86400/,
  },
  {
    rule: "secondsUntilAutoPause only with minCapacity 0",
    failing: [[{ minCapacity: 0.5, secondsUntilAutoPause: 600 }, "secondsUntilAutoPause"]],
    passing: [{ minCapacity: 0, secondsUntilAutoPause: 600 }, { minCapacity: 0.5 }],
    allowed: /unset unless minCapacity is 0/,
    related: ["minCapacity"],
  },
  {
    rule: "minCapacity 0 needs an engine version with auto-pause",
    failing: [
      [{ minCapacity: 0, engineVersion: "16.2", autoMinorVersionUpgrade: false }, "minCapacity"],
      [{ minCapacity: 0, engineVersion: "15.6", autoMinorVersionUpgrade: false }, "minCapacity"],
    ],
    passing: [
      { minCapacity: 0, engineVersion: "16.3", autoMinorVersionUpgrade: false },
      { minCapacity: 0, engineVersion: "17" },
      { minCapacity: 0.5, engineVersion: "16.2", autoMinorVersionUpgrade: false },
    ],
    allowed: /0 ACU \(auto-pause\) needs \d+\.\d+ or later/,
    related: ["engineVersion"],
  },
  {
    rule: "readers is an integer from 0 to 15",
    failing: [
      [{ readers: -1 }, "readers"],
      [{ readers: 16 }, "readers"],
      [{ readers: 1.5 }, "readers"],
    ],
    passing: [{ readers: 0 }, { readers: 15 }],
    allowed: /integer from 0 to 15/,
  },
  {
    rule: "vpcId is a VPC id",
    failing: [[{ vpcId: "vpc-xyz" }, "vpcId"]],
    passing: [{ vpcId: VPC }, { vpcId: "vpc-01234567" }],
    allowed: /a VPC id/,
  },
  {
    rule: "subnetIds come with their vpcId",
    failing: [[{ subnetIds: SUBNETS }, "subnetIds"]],
    passing: [{ subnetIds: SUBNETS, vpcId: VPC }],
    allowed: /vpcId is required with subnetIds/,
    related: ["vpcId"],
  },
  {
    rule: "subnetIds holds at least two distinct subnets",
    failing: [
      [{ vpcId: VPC, subnetIds: [SUBNETS[0]!] }, "subnetIds"],
      [{ vpcId: VPC, subnetIds: [SUBNETS[0]!, SUBNETS[0]!] }, "subnetIds"],
    ],
    passing: [{ vpcId: VPC, subnetIds: SUBNETS }],
    allowed: /at least two distinct subnets/,
  },
  {
    rule: "subnetIds are subnet ids",
    failing: [[{ vpcId: VPC, subnetIds: [SUBNETS[0]!, "subnet-zz"] }, "subnetIds[1]", "subnet-zz"]],
    passing: [{ vpcId: VPC, subnetIds: SUBNETS }],
    allowed: /a subnet id/,
  },
  {
    rule: "allowedCidrBlocks are network CIDR blocks",
    failing: [
      [{ allowedCidrBlocks: ["10.0.0.1/8"] }, "allowedCidrBlocks[0]", "10.0.0.1/8"],
      [{ allowedCidrBlocks: ["10.0.0.0/8", "10.0.0.0/33"] }, "allowedCidrBlocks[1]", "10.0.0.0/33"],
      [{ allowedCidrBlocks: ["banana"] }, "allowedCidrBlocks[0]", "banana"],
      [{ allowedCidrBlocks: ["2001:db8::1/32"] }, "allowedCidrBlocks[0]", "2001:db8::1/32"],
      [{ allowedCidrBlocks: ["256.0.0.0/8"] }, "allowedCidrBlocks[0]", "256.0.0.0/8"],
      [{ allowedCidrBlocks: ["fe80::%eth0/64"] }, "allowedCidrBlocks[0]", "fe80::%eth0/64"],
      [{ allowedCidrBlocks: ["fe80::%25/64"] }, "allowedCidrBlocks[0]", "fe80::%25/64"],
    ],
    passing: [{ allowedCidrBlocks: ["10.0.0.0/8", "192.168.1.0/24", "2001:db8::/32", "203.0.113.7/32"] }],
    allowed: /CIDR block whose host bits are zero/,
  },
  {
    rule: "allowedCidrBlocks never open the database to the internet",
    failing: [
      [{ allowedCidrBlocks: ["0.0.0.0/0"] }, "allowedCidrBlocks[0]", "0.0.0.0/0"],
      [{ allowedCidrBlocks: ["::/0"] }, "allowedCidrBlocks[0]", "::/0"],
    ],
    passing: [{ allowedCidrBlocks: ["0.0.0.0/1"] }],
    allowed: /never open to the whole internet/,
  },
  {
    rule: "egressCidrBlocks are CIDR blocks",
    failing: [
      [{ egressCidrBlocks: ["10.0.0.0"] }, "egressCidrBlocks[0]", "10.0.0.0"],
      [{ egressCidrBlocks: ["fe80::%eth0/64"] }, "egressCidrBlocks[0]", "fe80::%eth0/64"],
    ],
    passing: [{ egressCidrBlocks: ["0.0.0.0/0"] }, { egressCidrBlocks: ["::/0"] }],
    allowed: /CIDR block/,
  },
  {
    rule: "CIDR blocks are listed once, however they are written",
    failing: [
      [{ allowedCidrBlocks: ["10.0.0.0/8", "192.168.0.0/16", "10.0.0.0/8"] }, "allowedCidrBlocks[2]", "10.0.0.0/8"],
      [{ allowedCidrBlocks: ["2001:db8::/32", "2001:DB8::/32"] }, "allowedCidrBlocks[1]", "2001:DB8::/32"],
      [{ allowedCidrBlocks: ["2001:db8::/32", "2001:db8:0:0::/32"] }, "allowedCidrBlocks[1]", "2001:db8:0:0::/32"],
      [{ egressCidrBlocks: ["0.0.0.0/0", "0.0.0.0/0"] }, "egressCidrBlocks[1]", "0.0.0.0/0"],
    ],
    passing: [{ allowedCidrBlocks: ["10.0.0.0/8", "10.0.0.0/16", "2001:db8::/32", "2001:db8::/48"] }, { egressCidrBlocks: ["0.0.0.0/0", "::/0"] }],
    allowed: /an entry listed once/,
  },
  {
    rule: "security groups are listed once",
    failing: [[{ allowedSecurityGroupIds: ["sg-0123456789abcdef0", "sg-0123456789abcdef0"] }, "allowedSecurityGroupIds[1]", "sg-0123456789abcdef0"]],
    passing: [{ allowedSecurityGroupIds: ["sg-0123456789abcdef0", "sg-0fedcba9876543210"] }],
    allowed: /an entry listed once/,
  },
  {
    rule: "allowedSecurityGroupIds are security group ids",
    failing: [[{ allowedSecurityGroupIds: ["sg-123"] }, "allowedSecurityGroupIds[0]", "sg-123"]],
    passing: [{ allowedSecurityGroupIds: ["sg-0123456789abcdef0", "sg-01234567"] }],
    allowed: /a security group id/,
  },
  {
    rule: "backupRetentionDays is an integer from 1 to 35",
    failing: [
      [{ backupRetentionDays: 0 }, "backupRetentionDays"],
      [{ backupRetentionDays: 36 }, "backupRetentionDays"],
      [{ backupRetentionDays: 7.5 }, "backupRetentionDays"],
    ],
    passing: [{ backupRetentionDays: 1 }, { backupRetentionDays: 35 }],
    allowed: /integer from 1 to 35/,
  },
  {
    rule: "preferredBackupWindow is hh24:mi-hh24:mi of at least 30 minutes",
    failing: [
      [{ preferredBackupWindow: "3:00-4:00" }, "preferredBackupWindow"],
      [{ preferredBackupWindow: "03:00-03:15" }, "preferredBackupWindow"],
      [{ preferredBackupWindow: "24:00-01:00" }, "preferredBackupWindow"],
      [{ preferredBackupWindow: "03:00-03:00" }, "preferredBackupWindow"],
    ],
    passing: [{ preferredBackupWindow: "03:00-03:30" }, { preferredBackupWindow: "23:45-00:15" }],
    allowed: /daily UTC window "hh24:mi-hh24:mi" of at least 30 minutes/,
  },
  {
    rule: "preferredMaintenanceWindow is ddd:hh24:mi-ddd:hh24:mi of at least 30 minutes",
    failing: [
      [{ preferredMaintenanceWindow: "sunday:04:00-sunday:05:00" }, "preferredMaintenanceWindow"],
      [{ preferredMaintenanceWindow: "sun:04:00-sun:04:10" }, "preferredMaintenanceWindow"],
      [{ preferredMaintenanceWindow: "xyz:04:00-xyz:05:00" }, "preferredMaintenanceWindow"],
    ],
    passing: [{ preferredMaintenanceWindow: "sat:23:30-sun:00:30" }, { preferredMaintenanceWindow: "Mon:05:00-Mon:06:00" }],
    allowed: /weekly UTC window "ddd:hh24:mi-ddd:hh24:mi" of at least 30 minutes/,
  },
  {
    rule: "the maintenance window does not overlap the daily backup window",
    failing: [
      [{ preferredMaintenanceWindow: "mon:03:30-mon:04:30" }, "preferredMaintenanceWindow"],
      [{ preferredBackupWindow: "23:30-00:30", preferredMaintenanceWindow: "sun:00:00-sun:01:00" }, "preferredMaintenanceWindow"],
      [{ preferredMaintenanceWindow: "mon:01:00-tue:01:00" }, "preferredMaintenanceWindow"],
    ],
    passing: [
      { preferredMaintenanceWindow: "mon:04:00-mon:05:00" },
      { preferredBackupWindow: "23:30-00:30", preferredMaintenanceWindow: "sun:00:30-sun:01:30" },
    ],
    allowed: /does not overlap the daily backup window/,
    related: ["preferredBackupWindow"],
  },
  {
    rule: "secretRecoveryWindowDays is 0 or 7-30",
    failing: [
      [{ secretRecoveryWindowDays: 3 }, "secretRecoveryWindowDays"],
      [{ secretRecoveryWindowDays: 31 }, "secretRecoveryWindowDays"],
    ],
    passing: [{ secretRecoveryWindowDays: 0 }, { secretRecoveryWindowDays: 7 }, { secretRecoveryWindowDays: 30 }],
    allowed: /0 \(delete at once\) or an integer from 7 to 30/,
  },
  {
    rule: "a pinned minor needs autoMinorVersionUpgrade false, or Terraform would plan a downgrade",
    failing: [
      [{ engineVersion: "16.6" }, "engineVersion"],
      [{ engineVersion: "17.4", autoMinorVersionUpgrade: true }, "engineVersion"],
    ],
    passing: [{ engineVersion: "16" }, { engineVersion: "16.6", autoMinorVersionUpgrade: false }],
    allowed: /Terraform would plan a downgrade/,
    related: ["autoMinorVersionUpgrade"],
  },
  {
    rule: "credentials is generated, write-only or managed",
    failing: [[{ credentials: "rotating" as "managed" }, "credentials"]],
    passing: [{ credentials: "generated" }, { credentials: "write-only" }, { credentials: "managed" }],
    allowed: /^"generated", "write-only" or "managed"$/,
  },
  {
    rule: "managed credentials take no password settings",
    failing: [
      [{ credentials: "managed", passwordLength: 32 }, "passwordLength"],
      [{ credentials: "managed", secretRecoveryWindowDays: 7 }, "secretRecoveryWindowDays"],
    ],
    passing: [
      { credentials: "managed" },
      { credentials: "generated", passwordLength: 32, secretRecoveryWindowDays: 7 },
      { credentials: "write-only", passwordLength: 32, secretRecoveryWindowDays: 7 },
    ],
    allowed: /nothing with credentials "managed"/,
    related: ["credentials"],
  },
  {
    rule: "passwordVersion is an integer from 1 to 2147483647",
    failing: [
      [{ credentials: "write-only", passwordVersion: 0 }, "passwordVersion"],
      [{ credentials: "write-only", passwordVersion: 1.5 }, "passwordVersion"],
      [{ credentials: "write-only", passwordVersion: 2_147_483_648 }, "passwordVersion"],
    ],
    passing: [
      { credentials: "write-only", passwordVersion: 1 },
      { credentials: "write-only", passwordVersion: 2_147_483_647 },
    ],
    allowed: /^an integer from 1 to 2147483647$/,
  },
  {
    rule: "passwordVersion only with write-only credentials",
    failing: [
      [{ passwordVersion: 2 }, "passwordVersion"],
      [{ credentials: "managed", passwordVersion: 1 }, "passwordVersion"],
    ],
    passing: [{ credentials: "write-only", passwordVersion: 2 }, { credentials: "generated" }],
    allowed: /nothing unless credentials is "write-only"/,
    related: ["credentials"],
  },
  {
    rule: "rotationSchedule is 1-1000 days or a Secrets Manager schedule expression",
    failing: [
      [{ credentials: "managed", rotationSchedule: 0 }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: 1001 }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: 1.5 }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "rate(3 hours)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "rate(0 days)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "rate(1000 days)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "rate(2 weeks)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "7" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "cron(30 4 * * ? *)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "cron(0 4 * * ? 2030)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "cron(0 4 * * * *)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "cron(0 24 * * ? *)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "cron(0 1,3 * * ? *)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "cron(0 */2 * * ? *)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "cron(0 4 ? * FUNDAY *)" }, "rotationSchedule"],
      [{ credentials: "managed", rotationSchedule: "cron(0 4 * *)" }, "rotationSchedule"],
    ],
    passing: [
      { credentials: "managed", rotationSchedule: 1 },
      { credentials: "managed", rotationSchedule: 1000 },
      { credentials: "managed", rotationSchedule: "rate(4 hours)" },
      { credentials: "managed", rotationSchedule: "rate(1 day)" },
      { credentials: "managed", rotationSchedule: "rate(999 days)" },
      { credentials: "managed", rotationSchedule: "cron(0 4 ? * SUN *)" },
      { credentials: "managed", rotationSchedule: "cron(0 4/12 * * ? *)" },
      { credentials: "managed", rotationSchedule: "cron(0 0/4 * * ? *)" },
      { credentials: "managed", rotationSchedule: "cron(0 16 L * ? *)" },
      { credentials: "managed", rotationSchedule: "cron(0 0 ? * SUN#1 *)" },
      { credentials: "managed", rotationSchedule: "cron(0 8 1/7 JAN-JUN ? *)" },
    ],
    allowed: /integer number of days from 1 to 1000, or a Secrets Manager schedule expression/,
  },
  {
    rule: "rotationSchedule only with managed credentials",
    failing: [
      [{ rotationSchedule: 30 }, "rotationSchedule"],
      [{ credentials: "write-only", rotationSchedule: "rate(30 days)" }, "rotationSchedule"],
    ],
    passing: [{ credentials: "managed", rotationSchedule: 30 }],
    allowed: /nothing unless credentials is "managed"/,
    related: ["credentials"],
  },
  {
    rule: "encryptionKey is aws-managed, create, or an existing key",
    failing: [
      [{ encryptionKey: "kms" as "create" }, "encryptionKey"],
      [{ encryptionKey: { arn: KEY_ARN } as unknown as "create" }, "encryptionKey"],
    ],
    passing: [{ encryptionKey: "aws-managed" }, { encryptionKey: "create", skipFinalSnapshot: true }, { encryptionKey: { existingKeyArn: KEY_ARN } }],
    allowed: /"aws-managed", "create" or \{ existingKeyArn/,
  },
  {
    rule: "an existing key is given by its key ARN",
    failing: [
      [{ encryptionKey: { existingKeyArn: "alias/aurora" } }, "encryptionKey.existingKeyArn", "alias/aurora"],
      [{ encryptionKey: { existingKeyArn: `${KEY_ARN}x` } }, "encryptionKey.existingKeyArn", `${KEY_ARN}x`],
      // The parts every ARN shares, as the construct reads them everywhere: a region's name, a partition's.
      [{ encryptionKey: { existingKeyArn: KEY_ARN.replace("us-east-1", "useast1") } }, "encryptionKey.existingKeyArn", KEY_ARN.replace("us-east-1", "useast1")],
      [
        { encryptionKey: { existingKeyArn: KEY_ARN.replace("arn:aws:", "arn:awsgov:") } },
        "encryptionKey.existingKeyArn",
        KEY_ARN.replace("arn:aws:", "arn:awsgov:"),
      ],
    ],
    passing: [
      { encryptionKey: { existingKeyArn: KEY_ARN } },
      { encryptionKey: { existingKeyArn: "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab" } },
    ],
    allowed: /a KMS key ARN/,
  },
  {
    rule: "a key created with the database needs skipFinalSnapshot, since it is destroyed with the database",
    failing: [
      [{ encryptionKey: "create" }, "encryptionKey"],
      [{ encryptionKey: "create", skipFinalSnapshot: false, credentials: "managed" }, "encryptionKey"],
    ],
    passing: [
      { encryptionKey: "create", skipFinalSnapshot: true },
      { encryptionKey: { existingKeyArn: KEY_ARN }, skipFinalSnapshot: false },
      { encryptionKey: "aws-managed", skipFinalSnapshot: false },
    ],
    allowed:
      /^"aws-managed" or \{ existingKeyArn \} while skipFinalSnapshot is false: .* Create the key in a long-lived stack with AuroraEncryptionKey and pass \{ existingKeyArn: key\.keyArn \}, or set skipFinalSnapshot: true$/,
    related: ["skipFinalSnapshot"],
  },
  {
    rule: "a customer-managed key needs storage encryption",
    failing: [
      [{ encryptionKey: "create", skipFinalSnapshot: true, storageEncrypted: false }, "storageEncrypted"],
      [{ encryptionKey: { existingKeyArn: KEY_ARN }, storageEncrypted: false }, "storageEncrypted"],
    ],
    passing: [
      { encryptionKey: "create", skipFinalSnapshot: true, storageEncrypted: true },
      { encryptionKey: "aws-managed", storageEncrypted: false },
    ],
    allowed: /true when encryptionKey is a customer-managed key/,
    related: ["encryptionKey"],
  },
  {
    rule: "logRetentionDays is a CloudWatch Logs retention, never unlimited",
    failing: [
      [{ logRetentionDays: 0 }, "logRetentionDays"],
      [{ logRetentionDays: 2 }, "logRetentionDays"],
      [{ logRetentionDays: 10_000 }, "logRetentionDays"],
    ],
    passing: [{ logRetentionDays: 1 }, { logRetentionDays: 365 }, { logRetentionDays: 3653 }],
    allowed: /one of 1, 3, 5, 7, 14, 30/,
  },
  {
    rule: "performanceInsightsRetentionDays is 7, a multiple of 31 up to 713, or 731",
    failing: [
      [{ performanceInsightsRetentionDays: 8 }, "performanceInsightsRetentionDays"],
      [{ performanceInsightsRetentionDays: 30 }, "performanceInsightsRetentionDays"],
      [{ performanceInsightsRetentionDays: 744 }, "performanceInsightsRetentionDays"],
    ],
    passing: [
      { performanceInsightsRetentionDays: 7 },
      { performanceInsightsRetentionDays: 31 },
      { performanceInsightsRetentionDays: 713 },
      { performanceInsightsRetentionDays: 731 },
    ],
    allowed: /7, a multiple of 31 up to 713, or 731/,
  },
  {
    rule: "monitoringIntervalSeconds is one of the Enhanced Monitoring intervals",
    failing: [
      [{ monitoringIntervalSeconds: 2 }, "monitoringIntervalSeconds"],
      [{ monitoringIntervalSeconds: 120 }, "monitoringIntervalSeconds"],
    ],
    passing: [{ monitoringIntervalSeconds: 0 }, { monitoringIntervalSeconds: 1 }, { monitoringIntervalSeconds: 60 }],
    allowed: /one of 0, 1, 5, 10, 15, 30, 60/,
  },
  {
    rule: "clusterParameters have parameter names",
    failing: [[{ clusterParameters: { "Log-Statement": "ddl" } }, 'clusterParameters["Log-Statement"]', "Log-Statement"]],
    passing: [{ clusterParameters: { log_statement: "ddl", "pg_stat_statements.track": "all" } }],
    allowed: /lowercase letters, digits, '_' and '.'/,
  },
  {
    rule: "clusterParameters apply immediately or at the next reboot",
    failing: [
      [
        { clusterParameters: { shared_preload_libraries: { value: "pg_stat_statements", applyMethod: "later" as "immediate" } } },
        'clusterParameters["shared_preload_libraries"].applyMethod',
        "later",
      ],
    ],
    passing: [{ clusterParameters: { shared_preload_libraries: { value: "pg_stat_statements", applyMethod: "pending-reboot" } } }],
    allowed: /"immediate" or "pending-reboot"/,
  },
  {
    rule: "instanceParameters have parameter names (by form only)",
    failing: [
      [{ instanceParameters: { "Log-Statement": "ddl" } }, 'instanceParameters["Log-Statement"]', "Log-Statement"],
      [{ instanceParameters: { "": "x" } }, 'instanceParameters[""]', ""],
    ],
    passing: [{ instanceParameters: { log_min_duration_statement: "1000", "auto_explain.log_min_duration": "5000" } }, { instanceParameters: {} }],
    allowed: /lowercase letters, digits, '_' and '.'/,
  },
  {
    rule: "instanceParameters apply immediately or at the next reboot",
    failing: [
      [
        { instanceParameters: { log_min_duration_statement: { value: "1000", applyMethod: "later" as "immediate" } } },
        'instanceParameters["log_min_duration_statement"].applyMethod',
        "later",
      ],
    ],
    passing: [{ instanceParameters: { log_min_duration_statement: { value: "1000", applyMethod: "pending-reboot" } } }],
    allowed: /"immediate" or "pending-reboot"/,
  },
  {
    rule: "lambdaFunctionNamePrefix is 1-64 letters, digits, - or _",
    failing: [
      [{ lambdaFunctionNamePrefix: "" }, "lambdaFunctionNamePrefix"],
      [{ lambdaFunctionNamePrefix: "a".repeat(65) }, "lambdaFunctionNamePrefix"],
      [{ lambdaFunctionNamePrefix: "orders fn" }, "lambdaFunctionNamePrefix"],
      [{ lambdaFunctionNamePrefix: "orders*" }, "lambdaFunctionNamePrefix"],
    ],
    passing: [{ lambdaFunctionNamePrefix: "orders-" }, { lambdaFunctionNamePrefix: "Orders_Fn" }, { lambdaFunctionNamePrefix: "a".repeat(64) }],
    allowed: /1 to 64 letters, digits, '-' or '_'/,
  },
  {
    rule: "lambdaFunctionNamePrefix only with the Lambda role",
    failing: [[{ createLambdaRole: false, lambdaFunctionNamePrefix: "orders-" }, "lambdaFunctionNamePrefix"]],
    passing: [{ createLambdaRole: true, lambdaFunctionNamePrefix: "orders-" }, { createLambdaRole: false }],
    allowed: /unset unless createLambdaRole is true/,
    related: ["createLambdaRole"],
  },
  {
    rule: "tag keys are 1-128 characters",
    failing: [
      [{ tags: { "": "x" } }, 'tags[""]', ""],
      [{ tags: { ["k".repeat(129)]: "x" } }, `tags["${"k".repeat(129)}"]`, "k".repeat(129)],
    ],
    passing: [{ tags: { Team: "data", ["k".repeat(128)]: "" } }],
    allowed: /key of 1 to 128 characters/,
  },
  {
    rule: "tag keys do not start with aws: or rds:, in any case",
    failing: [
      [{ tags: { "aws:team": "x" } }, 'tags["aws:team"]', "aws:team"],
      [{ tags: { "AWS:Team": "x" } }, 'tags["AWS:Team"]', "AWS:Team"],
      [{ tags: { "rds:owner": "x" } }, 'tags["rds:owner"]', "rds:owner"],
      [{ tags: { "Rds:Owner": "x" } }, 'tags["Rds:Owner"]', "Rds:Owner"],
    ],
    passing: [{ tags: { "team:aws": "x", awsome: "x", rdsx: "x" } }],
    allowed: /does not start with "aws:" or "rds:"/,
  },
  {
    rule: "tag values do not start with aws:",
    failing: [[{ tags: { Team: "aws:data" } }, 'tags["Team"]', "aws:data"]],
    passing: [{ tags: { Team: "data:aws", Owner: "rds:ok" } }],
    allowed: /value that does not start with "aws:"/,
  },
  {
    rule: "tag keys and values use RDS's tag characters",
    failing: [
      [{ tags: { "team#1": "x" } }, 'tags["team#1"]', "team#1"],
      [{ tags: { Team: "data, ops" } }, 'tags["Team"]', "data, ops"],
      [{ tags: { Team: "line\nbreak" } }, 'tags["Team"]', "line\nbreak"],
    ],
    passing: [{ tags: { "Équipe données": "données_2024 / a=b+c-d@e.f:g", Kostenstelle: "Ü-42" } }],
    allowed: /of Unicode letters, digits, white space and _ \. : \/ = \+ - @/,
  },
  {
    rule: "tag keys differ regardless of case",
    failing: [[{ tags: { Team: "a", team: "b" } }, 'tags["team"]', "team"]],
    passing: [{ tags: { Team: "a", Teams: "b" } }],
    allowed: /differs from the other keys regardless of case/,
  },
  {
    rule: "tag values are at most 256 characters",
    failing: [[{ tags: { Team: "v".repeat(257) } }, 'tags["Team"]', "v".repeat(257)]],
    passing: [{ tags: { Team: "v".repeat(256) } }],
    allowed: /at most 256 characters/,
  },
  {
    rule: "at most 50 tags on a resource, counting the Name tag of the security group",
    failing: [[{ tags: numberedTags(50) }, "tags"]],
    passing: [{ tags: numberedTags(49) }, { tags: { ...numberedTags(49), Name: "orders" } }],
    allowed: /^at most 49 tags: AWS allows 50 on a resource, counting the Name tag the construct adds$/,
  },
];

/** `count` distinct tags, t0 … t<count-1>. */
function numberedTags(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${i}`, "x"]));
}

const create = (props: Props) => databaseStack(props, testApp());

function captureValidationError(create: () => unknown): ValidationError {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  return expect.fail("expected a ValidationError, but construction succeeded");
}

describe.each(RULES)("rule: $rule", ({ failing, passing, allowed, related }) => {
  it.each(failing)("refuses %j, naming %s, the value and what is allowed", (props, property, received) => {
    const expected = received ?? props[property as keyof Props];
    const problems = validationProblems(() => create(props));
    expect(problems).toContainEqual({ property, received: expected, allowed: expect.stringMatching(allowed), related });
  });

  it.each(passing)("accepts %j", (props) => {
    expect(() => create(props)).not.toThrow();
  });
});

describe("error reporting", () => {
  it("reports every problem of one construct together, each with property, received value and allowed values", () => {
    let error: unknown;
    try {
      create({ name: "Bad", minCapacity: 0.3, readers: 99, preferredBackupWindow: "nope" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const { message, problems } = error as ValidationError;
    expect(problems.map((p) => p.property).sort()).toEqual(["minCapacity", "name", "preferredBackupWindow", "readers"]);
    expect(message).toContain('AuroraPostgresServerless "test/Database" has 4 invalid inputs:');
    expect(message).toContain('  - name: received "Bad"; allowed: lowercase letters');
    expect(message).toContain("  - minCapacity: received 0.3; allowed: 0 to 256 ACUs in steps of 0.5");
    expect(message).toContain("  - readers: received 99; allowed: an integer from 0 to 15");
    expect(message).toContain('  - preferredBackupWindow: received "nope"; allowed: a daily UTC window');
  });

  it("names a missing required prop", () => {
    const problems = validationProblems(() => create({ databaseName: undefined as unknown as string }));
    expect(problems).toEqual([{ property: "databaseName", received: undefined, allowed: "a string (required)" }]);
  });

  it("creates nothing when validation fails, not even the construct itself", () => {
    const app = testApp();
    const stack = new TerraformStack(app, "test");
    expect(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, minCapacity: 0.3 })).toThrow(ValidationError);
    expect(stack.node.children).toEqual([]);
  });

  it("names the props a rule weighed, so that whoever set them can be told", () => {
    const problems = validationProblems(() => create({ minCapacity: 8, maxCapacity: 1 }));
    expect(problems).toEqual([{ property: "maxCapacity", received: 1, allowed: "at least minCapacity (8)", related: ["minCapacity"] }]);
  });
});

describe("unresolved tokens", () => {
  it("are not judged: values known only at apply time pass through to Terraform", () => {
    const app = testApp();
    const stack = new TerraformStack(app, "test");
    const text = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const number = (name: string) => new TerraformVariable(stack, name, { type: "number" }).numberValue;
    expect(
      () =>
        new AuroraPostgresServerless(stack, "Database", {
          name: "tokens",
          databaseName: text("db"),
          masterUsername: text("user"),
          engineVersion: text("version"),
          minCapacity: number("min"),
          maxCapacity: number("max"),
          secondsUntilAutoPause: number("pause"),
          backupRetentionDays: number("retention"),
          preferredBackupWindow: text("backup"),
          preferredMaintenanceWindow: text("maintenance"),
          vpcId: text("vpc"),
          subnetIds: new TerraformVariable(stack, "subnets", { type: "list(string)" }).listValue,
          allowedCidrBlocks: [text("cidr")],
          tags: { Team: text("team") },
        }),
    ).not.toThrow();
  });

  it("are refused for readers, which must be known at synth to create one resource per reader", () => {
    const app = testApp();
    const stack = new TerraformStack(app, "test");
    const readers = new TerraformVariable(stack, "readers", { type: "number" }).numberValue;
    const error = captureValidationError(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, readers }));
    const allowed = "a number of readers, or a list of reader options ({ scaleWithWriter?, promotionTier? }), known at synth";
    expect(error.problems).toEqual([{ property: "readers", received: readers, allowed }]);
    expect(error.message).toContain(`readers: received an unresolved token; allowed: ${allowed}`);
  });

  it.each(["allowedCidrBlocks", "allowedSecurityGroupIds", "egressCidrBlocks"] as const)(
    "are refused for a whole %s list, whose entries each become a rule, and pass as single entries",
    (property) => {
      const stack = new TerraformStack(testApp(), "test");
      const list = new TerraformVariable(stack, "list", { type: "list(string)" }).listValue;
      const entry = new TerraformVariable(stack, "entry", { type: "string" }).stringValue;
      const problems = validationProblems(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, [property]: list }));
      expect(problems).toEqual([{ property, received: list, allowed: "a list of strings, known at synth" }]);
      expect(() => new AuroraPostgresServerless(stack, "Entries", { ...MINIMAL_PROPS, [property]: [entry] })).not.toThrow();
    },
  );

  it("compare by identity in lists: the same token twice is a repeat, two tokens are not", () => {
    const stack = new TerraformStack(testApp(), "test");
    const [first, second] = ["first", "second"].map((name) => new TerraformVariable(stack, name, { type: "string" }).stringValue);
    const problems = validationProblems(
      () => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, allowedSecurityGroupIds: [first!, second!, first!] }),
    );
    expect(problems).toEqual([{ property: "allowedSecurityGroupIds[2]", received: first, allowed: expect.stringMatching(/an entry listed once/) }]);
  });
});

it("uses MINIMAL_PROPS that are themselves valid", () => {
  expect(() => create({})).not.toThrow();
});
