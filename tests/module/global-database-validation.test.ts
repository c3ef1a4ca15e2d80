/**
 * What AWS refuses in an Aurora global database, and the secondary's own rules: each rule has a
 * refused case (a ValidationError naming the prop, the value and what is allowed, citing the page
 * where the rule is AWS's) and an accepted one. Hostile values for every prop of the secondary
 * give a construct or a ValidationError, never another error.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import {
  AuroraGlobalSecondary,
  ValidationError,
  type AuroraGlobalSecondaryProps,
  type AuroraPostgresServerlessProps,
} from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { declaredProps } from "../support/declared-props";
import { databaseStack, validationProblems } from "../support/synth";

const EU_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const US_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const MINIMAL: AuroraGlobalSecondaryProps = { name: "orders", globalClusterIdentifier: "orders-aurora-global" };

const primary = (props: Partial<AuroraPostgresServerlessProps>) => () => databaseStack({ globalCluster: {}, ...props });

/** A secondary in a stack of its own, with an eu-west-1 provider (or, with `provider`, that provider's region). */
function secondary(props: unknown, region = "eu-west-1"): AuroraGlobalSecondary {
  const stack = new TerraformStack(testApp(), "secondary");
  new AwsProvider(stack, "aws", { region });
  new RandomProvider(stack, "random");
  return new AuroraGlobalSecondary(stack, "Secondary", props as AuroraGlobalSecondaryProps);
}
const withProps = (props: Record<string, unknown>) => () => secondary({ ...MINIMAL, ...props });

describe("the primary in a global database", () => {
  it.each<[string, Partial<AuroraPostgresServerlessProps>, string, unknown, string]>([
    ["RDS-managed master passwords", { credentials: "managed" }, "credentials", "managed", "rds-secrets-manager.html#rds-secrets-manager-limitations"],
    ["auto-pause", { minCapacity: 0 }, "minCapacity", 0, "aurora-serverless-v2-auto-pause.html"],
    ["an unencrypted cluster", { storageEncrypted: false }, "storageEncrypted", false, "every secondary is encrypted"],
  ])("refuses %s, saying why and where AWS says so", (_what, props, property, received, source) => {
    expect(validationProblems(primary(props))).toEqual([{ property, received, allowed: expect.stringContaining(source), related: ["globalCluster"] }]);
  });

  it.each<[string, Partial<AuroraPostgresServerlessProps>]>([
    ["generated credentials", { credentials: "generated" }],
    ["write-only credentials", { credentials: "write-only" }],
    ["0.5 ACU", { minCapacity: 0.5 }],
    ["a proxy (RDS Proxy works with any cluster of a global database)", { proxy: {} }],
    ["a restore", { restore: { fromSnapshot: "orders-prod-a" } }],
  ])("accepts %s", (_what, props) => {
    expect(() => primary(props)()).not.toThrow();
  });

  it("accepts what it refuses in a global database without one", () => {
    expect(() => databaseStack({ credentials: "managed", minCapacity: 0, storageEncrypted: false })).not.toThrow();
  });

  it("refuses an identifier the provider refuses, and accepts one it takes", () => {
    expect(validationProblems(primary({ globalCluster: { identifier: "Orders_Global" } }))).toEqual([
      { property: "globalCluster.identifier", received: "Orders_Global", allowed: expect.stringContaining("lowercase letters, digits and single hyphens") },
    ]);
    expect(() => primary({ globalCluster: { identifier: "orders-global" } })()).not.toThrow();
  });

  it("refuses a value that is not options, and names an unknown field's nearest one", () => {
    expect(validationProblems(primary({ globalCluster: "yes" as never }))).toEqual([
      { property: "globalCluster", received: "yes", allowed: "{ identifier?, deletionProtection? } ({} takes every default), known at synth" },
    ]);
    expect(validationProblems(primary({ globalCluster: { identifer: "orders-global" } as never }))).toEqual([
      { property: "globalCluster.identifer", received: "orders-global", allowed: "no such field; did you mean identifier?" },
    ]);
  });
});

describe("AuroraGlobalSecondary", () => {
  it("accepts the least it needs", () => {
    expect(() => secondary(MINIMAL)).not.toThrow();
  });

  it.each([
    "masterUsername",
    "databaseName",
    "credentials",
    "passwordLength",
    "passwordVersion",
    "rotationSchedule",
    "secretRecoveryWindowDays",
    "restore",
    "storageEncrypted",
  ])("refuses %s: the primary's is replicated, or the secondary is always encrypted", (prop) => {
    const problems = validationProblems(withProps({ [prop]: "x" }));
    expect(problems).toEqual([{ property: prop, received: "x", allowed: expect.stringMatching(/^nothing: a secondary /) }]);
  });

  it("reports a prop of the primary with every other problem at once", () => {
    const problems = validationProblems(withProps({ masterUsername: "owner", readers: 20 }));
    expect(problems.map((p) => p.property)).toEqual(["masterUsername", "readers"]);
  });

  it.each<[string, Record<string, unknown>, string, unknown, string]>([
    ["a malformed name", { name: "Orders" }, "name", "Orders", "lowercase letters"],
    [
      "a malformed global cluster identifier",
      { globalClusterIdentifier: "orders_global" },
      "globalClusterIdentifier",
      "orders_global",
      "the primary's globalClusterIdentifier",
    ],
    ["a major the module does not run", { engineVersion: "12" }, "engineVersion", "12", "major 13 or later"],
    ["a pinned minor with automatic minor upgrades", { engineVersion: "16.6" }, "engineVersion", "16.6", "plan a downgrade"],
    ["a minor without the Data API", { engineVersion: "15.2", autoMinorVersionUpgrade: false }, "engineVersion", "15.2", "no RDS Data API"],
    [
      "an alias as key",
      { encryptionKey: { existingKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/orders" } },
      "encryptionKey.existingKeyArn",
      "arn:aws:kms:eu-west-1:123456789012:alias/orders",
      "KMS key ARN",
    ],
    ["a key of another region", { encryptionKey: { existingKeyArn: US_KEY } }, "encryptionKey.existingKeyArn", US_KEY, "KMS keys are regional"],
    ["auto-pause", { minCapacity: 0 }, "minCapacity", 0, "0.5 to 256 ACUs"],
    ["a maximum below the minimum", { minCapacity: 4, maxCapacity: 2 }, "maxCapacity", 2, "at least minCapacity (4)"],
    ["more readers than Aurora has replicas", { readers: 16 }, "readers", 16, "an integer from 0"],
    ["a fraction of a reader", { readers: 1.5 }, "readers", 1.5, "an integer from 0"],
    [
      "subnets without their VPC",
      { subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] },
      "subnetIds",
      ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
      "vpcId is required",
    ],
    ["the whole internet", { allowedCidrBlocks: ["0.0.0.0/0"] }, "allowedCidrBlocks[0]", "0.0.0.0/0", "bounded network"],
    [
      "a repeated security group",
      { allowedSecurityGroupIds: ["sg-0123456789abcdef0", "sg-0123456789abcdef0"] },
      "allowedSecurityGroupIds[1]",
      "sg-0123456789abcdef0",
      "listed once",
    ],
    ["no backups", { backupRetentionDays: 0 }, "backupRetentionDays", 0, "from 1 to 35"],
    ["a retention CloudWatch Logs refuses", { logRetentionDays: 2 }, "logRetentionDays", 2, "one of 1, 3"],
    ["a retention Performance Insights refuses", { performanceInsightsRetentionDays: 8 }, "performanceInsightsRetentionDays", 8, "a multiple of 31"],
    ["a reserved tag key", { tags: { "aws:team": "x" } }, 'tags["aws:team"]', "aws:team", 'does not start with "aws:"'],
  ])("refuses %s", (_what, props, property, received, allowed) => {
    expect(validationProblems(withProps(props))).toEqual([expect.objectContaining({ property, received, allowed: expect.stringContaining(allowed) })]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["headless, readers: 0", { readers: 0 }],
    ["15 readers", { readers: 15 }],
    ["a pinned minor without automatic upgrades", { engineVersion: "16.6", autoMinorVersionUpgrade: false }],
    ["a minor without the Data API, with the Data API off", { engineVersion: "15.2", autoMinorVersionUpgrade: false, dataApi: false }],
    ["a key of its region", { encryptionKey: { existingKeyArn: EU_KEY } }],
    ["0.5 ACU", { minCapacity: 0.5, maxCapacity: 1 }],
    ["its VPC and subnets", { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] }],
    ["35 days of backups", { backupRetentionDays: 35 }],
    ["a final snapshot skipped and no deletion protection", { skipFinalSnapshot: true, deletionProtection: false }],
  ])("accepts %s", (_what, props) => {
    expect(() => withProps(props)()).not.toThrow();
  });

  it("judges a key against the region of the provider it is given, not the stack's", () => {
    const stack = new TerraformStack(testApp(), "both");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new RandomProvider(stack, "random");
    const provider = new AwsProvider(stack, "eu", { region: "eu-west-1", alias: "secondary" });
    expect(() => new AuroraGlobalSecondary(stack, "Accepted", { ...MINIMAL, provider, encryptionKey: { existingKeyArn: EU_KEY } })).not.toThrow();
    expect(validationProblems(() => new AuroraGlobalSecondary(stack, "Refused", { ...MINIMAL, provider, encryptionKey: { existingKeyArn: US_KEY } }))).toEqual([
      expect.objectContaining({ property: "encryptionKey.existingKeyArn", allowed: expect.stringContaining("eu-west-1") }),
    ]);
  });

  it("leaves a key known only at plan time, and a region known only then, unjudged", () => {
    const stack = new TerraformStack(testApp(), "tokens");
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    const provider = new AwsProvider(stack, "aws", { region });
    new RandomProvider(stack, "random");
    const key = new TerraformVariable(stack, "key", { type: "string" }).stringValue;
    expect(() => new AuroraGlobalSecondary(stack, "Secondary", { ...MINIMAL, provider, encryptionKey: { existingKeyArn: key } })).not.toThrow();
    expect(() => withProps({ encryptionKey: { existingKeyArn: US_KEY } })()).toThrow(ValidationError);
  });

  it("refuses a provider that is not AWS's", () => {
    const stack = new TerraformStack(testApp(), "random");
    const random = new RandomProvider(stack, "random");
    expect(validationProblems(() => new AuroraGlobalSecondary(stack, "Secondary", { ...MINIMAL, provider: random }))).toEqual([
      { property: "provider", received: random, allowed: "an AwsProvider of the secondary's region" },
    ]);
    expect(validationProblems(withProps({ provider: { region: "eu-west-1" } }))).toEqual([
      { property: "provider", received: { region: "eu-west-1" }, allowed: "an AwsProvider of the secondary's region" },
    ]);
  });
});

describe("hostile values for the secondary's props", () => {
  const HOSTILE: readonly unknown[] = [
    undefined,
    null,
    Number.NaN,
    -0,
    -1,
    0.5,
    2 ** 31,
    "",
    " ",
    "4",
    "false",
    "__proto__",
    "\u0000",
    "x".repeat(10_000),
    true,
    10n,
    Symbol("hostile"),
    () => "x",
    [],
    [null],
    ["a", "a"],
    {},
    Object.create(null),
    { existingKeyArn: 7 },
    JSON.parse('{"__proto__": {"polluted": "yes"}}'),
    new Map([["a", "b"]]),
    new Date(0),
    new Proxy({}, {}),
    new Uint8Array(2),
  ];

  it.each(declaredProps("AuroraGlobalSecondaryProps"))("for %s give a construct or a ValidationError, never another error", (prop) => {
    const failures = HOSTILE.flatMap((value, index) => {
      const stack = new TerraformStack(testApp(), `attempt${index}`);
      new AwsProvider(stack, "aws", { region: "eu-west-1" });
      new RandomProvider(stack, "random");
      try {
        new AuroraGlobalSecondary(stack, "Secondary", { ...MINIMAL, [prop]: value } as AuroraGlobalSecondaryProps);
        Testing.synth(stack);
        return [];
      } catch (error) {
        if (error instanceof ValidationError && error.problems.length > 0 && error.problems.every((p) => p.property !== "" && "received" in p)) return [];
        return [`${prop} = ${String(typeof value === "symbol" ? value.toString() : typeof value)}: ${String(error).slice(0, 200)}`];
      }
    });
    expect(failures).toEqual([]);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
