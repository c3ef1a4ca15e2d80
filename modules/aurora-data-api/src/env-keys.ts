/**
 * The `.env` keys of a deployed database, each with the stack output it comes from. The stacks'
 * `setup_instructions` output and `aurora-db env` both write these, from this one table.
 */
export interface EnvKey {
  /** The `.env` key. */
  readonly key: string;
  /** The stack output that holds its value. */
  readonly output: string;
  readonly meaning: string;
}

export const ENV_KEYS = [
  { key: "AURORA_CLUSTER_ARN", output: "aurora_cluster_arn", meaning: "the cluster ARN (the Data API's resourceArn)" },
  { key: "AURORA_SECRET_ARN", output: "aurora_secret_arn", meaning: "the ARN of the secret with the database credentials" },
  { key: "AURORA_ENDPOINT", output: "aurora_cluster_endpoint", meaning: "the writer endpoint, for drivers that connect over TCP" },
  { key: "LAMBDA_ROLE_ARN", output: "lambda_role_arn", meaning: "the role a Lambda function assumes to use the Data API" },
  { key: "DATABASE_NAME", output: "database_name", meaning: "the database to connect to" },
  { key: "AURORA_SSM_PARAMETER_PATH", output: "ssm_parameter_path", meaning: "where the database publishes these settings in SSM Parameter Store" },
] as const satisfies readonly EnvKey[];

/** The key that points the client at another Data API endpoint, such as `aurora-db local`. */
export const ENDPOINT_KEY = "AURORA_DATA_API_ENDPOINT";
