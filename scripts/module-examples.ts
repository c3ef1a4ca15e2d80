// Synthesizes stacks that use the module's options no environment stack uses (write-only
// credentials with a rotated version, a created key, an existing key, grants, readers, a
// parameter group, custom endpoints and local write forwarding, a restore, a proxy with a user
// besides the master user, alarms on a paused database with a subscription, an alarm topic with
// a key of its own, a backup plan with a vault of its own, its lock and notifications, a global
// database with a secondary in another region through that region's provider), so that CI runs
// `terraform validate` on every block the module can write: among them the ones cdktf has no
// class for (`ephemeral`, `removed`), `replace_triggered_by` and `ignore_changes` on map keys.
//
//   npm run synth:examples      # writes cdktf.out/examples/<example>/cdk.tf.json
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import {
  AuroraBackupPlan,
  AuroraEncryptionKey,
  AuroraGlobalSecondary,
  AuroraPostgresServerless,
  type AuroraPostgresServerlessProps,
} from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import { REQUIRED_TERRAFORM_VERSION } from "../stacks/terraform-version";

type Example = (stack: TerraformStack) => Partial<AuroraPostgresServerlessProps>;

/** The database user every example grants IAM database authentication to, directly and through a proxy. */
const REPORTING_USER = "reporting";

/** Each example is one stack: its name, and the props it gives the database beyond name and databaseName. */
export const EXAMPLES: Readonly<Record<string, Example>> = {
  "write-only": (stack) => ({
    credentials: "write-only",
    passwordVersion: 2,
    readers: 2,
    clusterParameters: { log_statement: "ddl", shared_preload_libraries: { value: "pg_stat_statements", applyMethod: "pending-reboot" } },
    allowedSecurityGroupIds: [new SecurityGroup(stack, "Workers", { namePrefix: "workers-", description: "Workers" }).id],
    allowedCidrBlocks: ["10.0.0.0/8", "2001:db8::/32", new TerraformVariable(stack, "office_cidr", { type: "string", default: "192.0.2.0/24" }).stringValue],
    lambdaFunctionNamePrefix: "orders-",
    encryptionKey: { existingKeyArn: new AuroraEncryptionKey(stack, "Key", { name: "orders-write-only", encryptsLogs: true }).keyArn },
    // Custom endpoints (a static and an exclusion list, replaced with the cluster) and local write forwarding.
    customEndpoints: [
      { identifier: "orders-write-only-analytics", members: [3] },
      { identifier: "orders-write-only-any", type: "ANY", excluded: [1] },
    ],
    localWriteForwarding: true,
    logEncryptionKey: "database-key",
    databaseInsightsMode: "advanced",
    performanceInsightsRetentionDays: 465,
  }),
  "created-key": () => ({
    credentials: "managed",
    rotationSchedule: "cron(0 4 ? * SUN *)",
    encryptionKey: "create",
    skipFinalSnapshot: true,
    deletionProtection: false,
    minCapacity: 0,
    alarms: { emailAddresses: ["oncall@example.com"] },
    storageType: "aurora-iopt1",
    logEncryptionKey: "database-key",
  }),
  proxied: (stack) => ({
    minCapacity: 0.5,
    readers: 1,
    proxy: {
      iamAuthentication: true,
      allowedSecurityGroupIds: [new SecurityGroup(stack, "Functions", { namePrefix: "functions-", description: "Functions" }).id],
      maxConnectionsPercent: 80,
      // The user every example grants proxy connect to, with the secret the proxy logs in with.
      users: [{ username: REPORTING_USER, secretArn: new SecretsmanagerSecret(stack, "ReportingUser", { namePrefix: "orders-proxied-reporting-" }).arn }],
    },
  }),
  restored: () => ({
    credentials: "write-only",
    restore: { pointInTime: { sourceClusterIdentifier: "orders-prod-aurora-cluster", useLatestRestorableTime: true, restoreType: "copy-on-write" } },
    alarms: { replicaLag: { threshold: 500 } },
  }),
  "backed-up": () => ({ credentials: "managed", encryptionKey: "create", skipFinalSnapshot: true, deletionProtection: false }),
  global: () => ({ credentials: "write-only", minCapacity: 0.5, readers: 1, globalCluster: {} }),
};

/** What an example adds beside its database, by example: the companions that take the database. */
const COMPANIONS: Readonly<Record<string, (stack: TerraformStack, database: AuroraPostgresServerless, name: string) => void>> = {
  // A plan with a vault of its own (its key and a governance lock), copies to another region's vault, and notifications.
  "backed-up": (stack, database, name) => {
    new AuroraBackupPlan(stack, "Backup", {
      name: `orders-${name}`,
      database,
      vaultLock: { mode: "governance", minRetentionDays: 7 },
      copyToVaultArn: `arn:aws:backup:us-west-2:123456789012:backup-vault:orders-${name}-aurora-backup-dr`,
      notifications: { topicArn: new SnsTopic(stack, "BackupEvents", { name: `orders-${name}-backup-events` }).arn },
    });
  },
  // The global database's secondary in another region, through that region's provider.
  global: (stack, database, name) => {
    const secondaryRegion = new AwsProvider(stack, "secondary", { region: "us-west-2", alias: "secondary" });
    new AuroraGlobalSecondary(stack, "Secondary", {
      name: `orders-${name}`,
      globalClusterIdentifier: database.globalClusterIdentifier!,
      provider: secondaryRegion,
      minCapacity: 0.5,
      readers: 2,
    });
  },
};

function exampleStack(scope: Construct, name: string, example: Example): TerraformStack {
  const stack = new TerraformStack(scope, name);
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new RandomProvider(stack, "random");
  const database = new AuroraPostgresServerless(stack, "Database", { name: `orders-${name}`, databaseName: "orders", ...example(stack) });
  COMPANIONS[name]?.(stack, database, name);
  const role = new IamRole(stack, "Reporting", {
    name: `orders-${name}-reporting`,
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
  });
  database.grantDataApiAccess("Reporting", role);
  database.grantConnect("ReportingConnect", role, REPORTING_USER);
  database.grantPerformanceInsightsRead("ReportingInsights", role);
  if (database.proxy) database.grantProxyConnect("ReportingProxy", role, REPORTING_USER);
  return stack;
}

/** Writes every example into `<outdir>/stacks/<example>`. */
export function synthesizeExamples(outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  for (const [name, example] of Object.entries(EXAMPLES)) exampleStack(app, name, example);
  app.synth();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = resolve(import.meta.dirname, "../cdktf.out/examples");
  synthesizeExamples(outdir);
  console.log(
    `wrote ${Object.keys(EXAMPLES)
      .map((name) => `${outdir}/stacks/${name}`)
      .join(", ")}`,
  );
}
