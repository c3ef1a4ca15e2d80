/**
 * The original outputs, by exactly their original names, with this stack's values.
 */
import { ENV_KEYS } from "aurora-data-api-toolkit/env-keys";
import { describe, expect, it } from "vitest";
import { databaseResourceName, ENVIRONMENTS, parameterPath, PROJECT, type EnvironmentName } from "../../stacks/environments";
import { setupInstructions } from "../../stacks/setup-instructions";
import { databaseStackNames, inHook, onlyResource, ref, resourcesOf, resourceWhere, synthEnvironments, type Block } from "../support/synth";

const ORIGINAL_OUTPUTS = [
  "aurora_cluster_arn",
  "aurora_cluster_endpoint",
  "aurora_secret_arn",
  "data_api_enabled",
  "database_name",
  "lambda_role_arn",
  "setup_instructions",
];

/** The cost notes of the shipped rows, pinned. */
const COST_NOTES: Partial<Record<EnvironmentName, readonly string[]>> = {
  dev: [
    "Capacity: 0-1 ACU.",
    "Pauses after 300 s without connections: no compute is billed while paused.",
    "DatabaseResumingException",
    "Cost: ~$0/month of compute while idle, up to ~$87.60/month at 1 ACU around the clock",
  ],
  staging: [
    "Capacity: 0.5-4 ACU.",
    "Cost: ~$43.80/month minimum at 0.5 ACU, up to ~$350.40/month at 4 ACU around the clock",
    "Set AURORA_STAGING_MIN_CAPACITY=0 to let the cluster pause when idle.",
  ],
  prod: ["Capacity: 2-16 ACU.", "Cost: ~$175.20/month minimum at 2 ACU, up to ~$1401.60/month at 16 ACU around the clock"],
};

/** What the cost notes of a row this file does not pin say, from its capacity range. */
function costNotesOfRow(name: EnvironmentName): readonly string[] {
  const { minCapacity, maxCapacity } = ENVIRONMENTS[name];
  const ceiling = `/month at ${maxCapacity} ACU around the clock`;
  return minCapacity === 0
    ? [
        `Capacity: 0-${maxCapacity} ACU.`,
        "Pauses after 300 s without connections: no compute is billed while paused.",
        "Cost: ~$0/month of compute while idle, up to ~$",
        ceiling,
      ]
    : [
        `Capacity: ${minCapacity}-${maxCapacity} ACU.`,
        `/month minimum at ${minCapacity} ACU, up to ~$`,
        ceiling,
        `Set AURORA_${name.toUpperCase()}_MIN_CAPACITY=0 to let the cluster pause when idle.`,
      ];
}

describe.each(databaseStackNames())("the %s stack's outputs", (stackName) => {
  const stack = inHook(() => {
    const json = synthEnvironments()[stackName].json;
    const cluster = onlyResource(json, "aws_rds_cluster").name;
    const secrets = Object.keys(resourcesOf(json, "aws_secretsmanager_secret"));
    const role = resourceWhere(json, "aws_iam_role", "name", `${databaseResourceName(stackName)}-lambda-aurora-role`).name;
    // Every environment's credentials are managed: the secret RDS keeps on the cluster.
    expect(secrets).toEqual([]);
    const secretArn = ref("aws_rds_cluster", cluster, "master_user_secret[0].secret_arn");
    return {
      json,
      cluster,
      clusterArn: ref("aws_rds_cluster", cluster, "arn"),
      secretArn,
      endpoint: ref("aws_rds_cluster", cluster, "endpoint"),
      roleArn: ref("aws_iam_role", role, "arn"),
    };
  });
  const output = (name: string) => (stack().json.output as Record<string, Block>)[name]!.value as string;

  it("are exactly the original seven and the parameter path, and what the row's backups and disaster recovery add", () => {
    const row = ENVIRONMENTS[stackName];
    const added = [
      ...(row.backups === "none" ? [] : ["backup_role_arn", "backup_vault_arn", "backup_vault_name"]),
      ...(row.disasterRecoveryCopies || row.globalSecondary ? ["disaster_recovery_region"] : []),
      ...(row.disasterRecoveryCopies ? ["backup_copy_vault_arn"] : []),
      ...(row.globalSecondary ? ["global_cluster_identifier"] : []),
    ];
    expect(Object.keys(stack().json.output).sort()).toEqual([...ORIGINAL_OUTPUTS, "ssm_parameter_path", ...added].sort());
  });

  it("give the path of this stack's SSM parameters, under which the six parameters are", () => {
    expect(output("ssm_parameter_path")).toBe(parameterPath(stackName));
    const names = Object.values(resourcesOf(stack().json, "aws_ssm_parameter")).map((parameter) => parameter.name as string);
    expect(names).toHaveLength(6);
    for (const name of names) expect(name.startsWith(`${parameterPath(stackName)}/`)).toBe(true);
  });

  it("reference this stack's cluster, secret and role", () => {
    expect(output("aurora_cluster_arn")).toBe(stack().clusterArn);
    expect(output("aurora_cluster_endpoint")).toBe(stack().endpoint);
    expect(output("aurora_secret_arn")).toBe(stack().secretArn);
    expect(output("database_name")).toBe(ref("aws_rds_cluster", stack().cluster, "database_name"));
    expect(output("lambda_role_arn")).toBe(stack().roleArn);
  });

  it("derive data_api_enabled from the cluster's enable_http_endpoint", () => {
    expect(output("data_api_enabled")).toBe(`\${aws_rds_cluster.${stack().cluster}.enable_http_endpoint ? "Enabled" : "Disabled"}`);
  });

  it("give setup instructions with the .env lines and a Data API test command for this stack", () => {
    const lines = output("setup_instructions").split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        `AURORA_CLUSTER_ARN=${stack().clusterArn}`,
        `AURORA_SECRET_ARN=${stack().secretArn}`,
        `AURORA_ENDPOINT=${stack().endpoint}`,
        `LAMBDA_ROLE_ARN=${stack().roleArn}`,
        `DATABASE_NAME=${PROJECT.databaseName}`,
        `AURORA_SSM_PARAMETER_PATH=${parameterPath(stackName)}`,
        `aws rds-data execute-statement --region us-east-1 --resource-arn "${stack().clusterArn}" --secret-arn "${stack().secretArn}" --database ${PROJECT.databaseName} --sql "SELECT version()"`,
      ]),
    );
    expect(lines[0]).toContain(`(stack ${stackName}, region us-east-1)`);
  });

  it("point at aurora-db: env for this stack, then check, migrate and cost", () => {
    const lines = output("setup_instructions").split("\n");
    const commands = lines.filter((line) => line.startsWith("npx aurora-db")).map((line) => line.split("#")[0]!.trim());
    expect(lines).toContain(`Add to your .env file (npx aurora-db env --stack ${stackName} writes them):`);
    expect(commands).toEqual(["npx aurora-db check", "npx aurora-db migrate --dir migrations", `npx aurora-db cost --stack ${stackName}`]);
  });

  it("list exactly the .env keys that aurora-db env writes, in its order", () => {
    const lines = output("setup_instructions").split("\n");
    const start = lines.findIndex((line) => line.startsWith("Add to your .env file"));
    const keys = lines.slice(start + 1, lines.indexOf("", start)).map((line) => line.split("=")[0]);
    expect(keys).toEqual(ENV_KEYS.map(({ key }) => key));
  });

  it("say how the credentials are kept", () => {
    const text = output("setup_instructions");
    expect(text).toContain("The secret is managed and rotated by RDS (keys username and password only): always pass --database.");
  });

  it("give the capacity and cost of this stack's range", () => {
    const text = output("setup_instructions");
    for (const note of COST_NOTES[stackName] ?? costNotesOfRow(stackName)) expect(text).toContain(note);
  });

  it("never expose the password or the secret's value", () => {
    for (const name of ORIGINAL_OUTPUTS) {
      expect(output(name)).not.toMatch(/random_password|secret_string|master_password/);
    }
  });
});

describe("setup instructions for write-only credentials", () => {
  it("say that the password is never in Terraform state, and how to rotate it", () => {
    const text = setupInstructions({
      stackName: "orders",
      region: "us-east-1",
      clusterIdentifier: "orders-aurora-cluster",
      clusterArn: "arn",
      secretArn: "secret",
      endpoint: "host",
      lambdaRoleArn: "role",
      databaseName: "orders",
      ssmParameterPath: "/orders",
      minCapacity: 0.5,
      maxCapacity: 1,
      minCapacityVariable: "AURORA_ORDERS_MIN_CAPACITY",
      credentials: "write-only",
    });
    expect(text).toContain("the password is never in Terraform state (rotate it with passwordVersion)");
    expect(text).not.toContain("also in Terraform state");
  });
});
