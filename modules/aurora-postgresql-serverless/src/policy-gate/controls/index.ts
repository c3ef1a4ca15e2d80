/**
 * The security controls we hold a stack to: AWS Security Hub (FSBP) controls, with the checkov
 * ids that check the same thing, and checkov checks where Security Hub has none. Opt-in controls
 * (`optIn`) hold only the stacks that name them.
 */
import type { Control } from "../control";
import { BACKUP_1 } from "./backup-1";
import { CKV_AWS_17 } from "./ckv-aws-17";
import { CKV_AWS_23 } from "./ckv-aws-23";
import { CKV_AWS_133 } from "./ckv-aws-133";
import { CKV_AWS_149 } from "./ckv-aws-149";
import { CKV_AWS_166 } from "./ckv-aws-166";
import { CKV_AWS_327 } from "./ckv-aws-327";
import { CKV_AWS_353 } from "./ckv-aws-353";
import { CKV_AWS_354 } from "./ckv-aws-354";
import { CKV_AWS_382 } from "./ckv-aws-382";
import { CKV2_AWS_8 } from "./ckv2-aws-8";
import { CLOUDWATCH_15 } from "./cloudwatch-15";
import { EC2_18 } from "./ec2-18";
import { IAM_21 } from "./iam-21";
import { KMS_4 } from "./kms-4";
import { PROXY_1 } from "./proxy-1";
import { RDS_6 } from "./rds-6";
import { RDS_7 } from "./rds-7";
import { RDS_12 } from "./rds-12";
import { RDS_13 } from "./rds-13";
import { RDS_15 } from "./rds-15";
import { RDS_16 } from "./rds-16";
import { RDS_24 } from "./rds-24";
import { RDS_27 } from "./rds-27";
import { RDS_35 } from "./rds-35";
import { RDS_37 } from "./rds-37";
import { SECRETS_MANAGER_1 } from "./secretsmanager-1";
import { SECRETS_MANAGER_4 } from "./secretsmanager-4";
import { SNS_1 } from "./sns-1";

/** Every control of the gate: clusters, instances, secrets, keys, identity policies, security groups, alarm topics, alarms and backups. */
export const CONTROLS: readonly Control[] = [
  RDS_7,
  RDS_12,
  RDS_15,
  RDS_16,
  RDS_24,
  RDS_27,
  RDS_35,
  RDS_37,
  CKV_AWS_133,
  CKV_AWS_327,
  RDS_6,
  RDS_13,
  CKV_AWS_17,
  CKV_AWS_353,
  CKV_AWS_354,
  SECRETS_MANAGER_1,
  SECRETS_MANAGER_4,
  CKV_AWS_149,
  KMS_4,
  IAM_21,
  EC2_18,
  CKV_AWS_382,
  CKV_AWS_23,
  PROXY_1,
  SNS_1,
  CLOUDWATCH_15,
  BACKUP_1,
  CKV_AWS_166,
  CKV2_AWS_8,
];
