/**
 * Log exports: every log type Aurora PostgreSQL exports to CloudWatch Logs, each into a log
 * group created before the cluster with a retention and a class; the deprecated
 * `exportPostgresLogs` beside `logExports`; and every rule with a failing and a passing case.
 */
import { type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { describeRules, type RuleCases } from "../support/rule-table";
import { createDatabase, onlyResource, resourcesOf, synthDatabase, type Block } from "../support/synth";

type Props = Partial<AuroraPostgresServerlessProps>;

/** The synthesized log groups by name, with the cluster's exports and dependencies. */
function logs(props: Props) {
  const { json } = synthDatabase(props);
  const groups = Object.entries(resourcesOf(json, "aws_cloudwatch_log_group"));
  const cluster = onlyResource(json, "aws_rds_cluster").body;
  return {
    names: groups.map(([, group]) => group.name as string),
    groups: Object.fromEntries(groups.map(([address, group]): [string, Block] => [group.name as string, { address, ...group }])),
    exports: cluster.enabled_cloudwatch_logs_exports as string[] | undefined,
    dependsOn: cluster.depends_on as string[] | undefined,
  };
}

const GROUP = (type: string) => `/aws/rds/cluster/test-aurora-cluster/${type}`;

describe("logExports", () => {
  it("exports every listed log into its own group, created before the cluster with the retention", () => {
    const { names, groups, exports, dependsOn } = logs({ logExports: ["instance", "iam-db-auth-error", "postgresql"], logRetentionDays: 90 });
    expect(names.sort()).toEqual([GROUP("iam-db-auth-error"), GROUP("instance"), GROUP("postgresql")]);
    // In one order whatever the order given: the plan does not change when the list is reordered.
    expect(exports).toEqual(["postgresql", "iam-db-auth-error", "instance"]);
    for (const group of Object.values(groups)) {
      expect(group.retention_in_days).toBe(90);
      expect(group.log_group_class).toBeUndefined();
      expect(dependsOn).toContain(`aws_cloudwatch_log_group.${group.address}`);
    }
    expect(dependsOn).toHaveLength(3);
  });

  it("keeps the PostgreSQL log group's address and output by default, as exportPostgresLogs did", () => {
    const byDefault = synthDatabase().json;
    const group = onlyResource(byDefault, "aws_cloudwatch_log_group");
    expect(group.name).toMatch(/^Database_PostgresLogGroup_/);
    expect(group.body).toEqual({ name: GROUP("postgresql"), retention_in_days: 30, tags: expect.any(Object) });
    expect(synthDatabase({ logExports: ["postgresql"] }).json).toEqual(byDefault);
    expect(synthDatabase({ exportPostgresLogs: true }).json).toEqual(byDefault);
  });

  it("exports nothing with [], as exportPostgresLogs: false does", () => {
    for (const props of [{ logExports: [] }, { exportPostgresLogs: false }, { exportPostgresLogs: false, logExports: [] }] satisfies Props[]) {
      const { names, exports, dependsOn } = logs(props);
      expect(names).toEqual([]);
      expect(exports).toBeUndefined();
      expect(dependsOn).toBeUndefined();
    }
  });

  it("exposes each group by type, and logGroup stays the PostgreSQL log's", () => {
    const database = createDatabase({ logExports: ["iam-db-auth-error"] });
    expect(Object.keys(database.logGroups)).toEqual(["iam-db-auth-error"]);
    expect(database.logGroup).toBeUndefined();
    const both = createDatabase({ logExports: ["postgresql", "instance"] });
    expect(both.logGroup).toBe(both.logGroups.postgresql);
    expect(Object.keys(both.logGroups)).toEqual(["postgresql", "instance"]);
    expect(both.logGroups.instance?.node.id).toBe("InstanceLogGroup");
  });
});

describe("logClass", () => {
  it("sets the class of every exported log group", () => {
    const { groups } = logs({ logExports: ["postgresql", "iam-db-auth-error"], logClass: "INFREQUENT_ACCESS" });
    expect(Object.values(groups).map((group) => group.log_group_class)).toEqual(["INFREQUENT_ACCESS", "INFREQUENT_ACCESS"]);
    expect(Object.values(logs({ logClass: "STANDARD" }).groups).map((group) => group.log_group_class)).toEqual(["STANDARD"]);
  });
});

const RULES: readonly RuleCases[] = [
  {
    rule: "logExports holds only the log types Aurora PostgreSQL exports",
    failing: [
      [{ logExports: ["upgrade"] as never }, "logExports[0]", "upgrade"],
      [{ logExports: ["postgresql", "slowquery"] as never }, "logExports[1]", "slowquery"],
      [{ logExports: "postgresql" as never }, "logExports", "postgresql"],
    ],
    passing: [{ logExports: ["postgresql", "iam-db-auth-error", "instance"] }, { logExports: [] }],
    allowed: /"postgresql", "iam-db-auth-error" or "instance"|each one of "postgresql", "iam-db-auth-error", "instance"/,
  },
  {
    rule: "logExports lists each type once",
    failing: [[{ logExports: ["postgresql", "instance", "postgresql"] }, "logExports[2]", "postgresql"]],
    passing: [{ logExports: ["postgresql", "instance"] }],
    allowed: /listed once/,
  },
  {
    rule: "iam-db-auth-error needs IAM database authentication",
    failing: [[{ logExports: ["postgresql", "iam-db-auth-error"], iamAuthentication: false }, "logExports[1]", "iam-db-auth-error"]],
    passing: [{ logExports: ["iam-db-auth-error"] }, { logExports: ["postgresql", "instance"], iamAuthentication: false }],
    allowed: /iamAuthentication/,
  },
  {
    rule: "exportPostgresLogs agrees with logExports when both are given",
    failing: [
      [{ exportPostgresLogs: true, logExports: ["instance"] }, "exportPostgresLogs", true],
      [{ exportPostgresLogs: false, logExports: ["postgresql"] }, "exportPostgresLogs", false],
    ],
    passing: [
      { exportPostgresLogs: true, logExports: ["postgresql", "instance"] },
      { exportPostgresLogs: false, logExports: ["iam-db-auth-error"] },
      { exportPostgresLogs: false },
    ],
    allowed: /logExports, which replaces it/,
  },
  {
    rule: "logClass is STANDARD or INFREQUENT_ACCESS",
    failing: [
      [{ logClass: "DELIVERY" as never }, "logClass", "DELIVERY"],
      [{ logClass: "standard" as never }, "logClass", "standard"],
    ],
    passing: [{ logClass: "STANDARD" }, { logClass: "INFREQUENT_ACCESS" }],
    allowed: /"STANDARD" or "INFREQUENT_ACCESS"/,
  },
  {
    rule: "logClass needs a log group to apply to",
    failing: [
      [{ logClass: "INFREQUENT_ACCESS", logExports: [] }, "logClass", "INFREQUENT_ACCESS"],
      [{ logClass: "STANDARD", exportPostgresLogs: false }, "logClass", "STANDARD"],
    ],
    passing: [{ logClass: "INFREQUENT_ACCESS", logExports: ["instance"] }],
    allowed: /logExports is empty/,
  },
];

describeRules(RULES, createDatabase);
