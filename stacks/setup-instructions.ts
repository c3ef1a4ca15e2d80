/**
 * The `setup_instructions` output: what a developer pastes into `.env`, a Data API smoke test,
 * and what the capacity range costs.
 */
import { ENV_KEYS } from "aurora-data-api-toolkit/env-keys";
import { HOURS_PER_MONTH, PRICE_TABLE } from "aurora-data-api-toolkit/prices";
import type { CredentialsMode } from "cdktf-aurora-postgresql-serverless";

/** Aurora Serverless v2, Aurora Standard, us-east-1: from the one price table, which `aurora-db cost` reads. */
const PRICE_PER_ACU_HOUR_USD = PRICE_TABLE.regions["us-east-1"]!.serverlessV2.standard.usd!;

export interface SetupInstructionsInput {
  readonly stackName: string;
  readonly region: string;
  readonly clusterIdentifier: string;
  readonly clusterArn: string;
  readonly secretArn: string;
  readonly endpoint: string;
  readonly lambdaRoleArn: string;
  readonly databaseName: string;
  /** Where the database publishes its settings in SSM Parameter Store. */
  readonly ssmParameterPath: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Idle seconds before the cluster pauses; undefined when it never pauses. */
  readonly secondsUntilAutoPause?: number;
  /** The variable that changes the minimum capacity of this stack. */
  readonly minCapacityVariable: string;
  readonly credentials: CredentialsMode;
}

function monthlyComputeCost(acu: number): string {
  return `$${(acu * PRICE_PER_ACU_HOUR_USD * HOURS_PER_MONTH).toFixed(2)}`;
}

function costNote(input: Pick<SetupInstructionsInput, "minCapacity" | "maxCapacity" | "secondsUntilAutoPause" | "minCapacityVariable">): string {
  const { minCapacity, maxCapacity, secondsUntilAutoPause } = input;
  const range = `Capacity: ${minCapacity}-${maxCapacity} ACU.`;
  const ceiling = `up to ~${monthlyComputeCost(maxCapacity)}/month at ${maxCapacity} ACU around the clock`;
  const basis = `(compute only, $${PRICE_PER_ACU_HOUR_USD} per ACU-hour, Aurora Standard in us-east-1; storage and I/O extra)`;
  if (secondsUntilAutoPause !== undefined) {
    return [
      `${range} Pauses after ${secondsUntilAutoPause} s without connections: no compute is billed while paused.`,
      "The first call after a pause waits ~15 s; the Data API answers DatabaseResumingException meanwhile, so callers retry.",
      `Cost: ~$0/month of compute while idle, ${ceiling} ${basis}.`,
    ].join("\n");
  }
  return [
    range,
    `Cost: ~${monthlyComputeCost(minCapacity)}/month minimum at ${minCapacity} ACU, ${ceiling} ${basis}.`,
    `Set ${input.minCapacityVariable}=0 to let the cluster pause when idle.`,
  ].join("\n");
}

/** What the secret holds and where the password lives, per credentials mode. */
const CREDENTIALS_NOTES: Readonly<Record<CredentialsMode, string>> = {
  generated: "The secret holds username, password, engine, host, port and dbname; the password is also in Terraform state.",
  "write-only":
    "The secret holds username, password, engine, host, port and dbname; the password is never in Terraform state (rotate it with passwordVersion).",
  managed: "The secret is managed and rotated by RDS (keys username and password only): always pass --database.",
};

export function setupInstructions(input: SetupInstructionsInput): string {
  const outputs: Readonly<Record<(typeof ENV_KEYS)[number]["output"], string>> = {
    aurora_cluster_arn: input.clusterArn,
    aurora_secret_arn: input.secretArn,
    aurora_cluster_endpoint: input.endpoint,
    lambda_role_arn: input.lambdaRoleArn,
    database_name: input.databaseName,
    ssm_parameter_path: input.ssmParameterPath,
  };
  return [
    `Aurora Serverless v2 cluster ${input.clusterIdentifier} (stack ${input.stackName}, region ${input.region}), database ${input.databaseName}, Data API enabled.`,
    "",
    `Add to your .env file (npx aurora-db env --stack ${input.stackName} writes them):`,
    ...ENV_KEYS.map(({ key, output }) => `${key}=${outputs[output]}`),
    "",
    CREDENTIALS_NOTES[input.credentials],
    "",
    "Then, from the project folder:",
    "npx aurora-db check                      # SELECT version() through the Data API; waits while a paused cluster resumes",
    "npx aurora-db migrate --dir migrations   # applies your SQL migrations in order, each in a transaction",
    `npx aurora-db cost --stack ${input.stackName}${" ".repeat(Math.max(1, 14 - input.stackName.length))}# this stack's monthly cost, from its synthesized configuration`,
    "",
    "Or test the Data API with the AWS CLI:",
    `aws rds-data execute-statement --region ${input.region} --resource-arn "${input.clusterArn}" --secret-arn "${input.secretArn}" --database ${input.databaseName} --sql "SELECT version()"`,
    "",
    costNote(input),
    "",
  ].join("\n");
}
