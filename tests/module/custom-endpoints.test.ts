/**
 * Custom endpoints: the `aws_rds_cluster_endpoint` of each entry, its members by instance number or
 * by reader placement, its SSM parameter and its place in the read grants, the typed attribute, and
 * every rule with a failing and a passing case.
 */
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { describeRules, type RuleCases } from "../support/rule-table";
import {
  createDatabase,
  databaseStack,
  MINIMAL_PROPS,
  policyStatements,
  ref,
  resourcesOf,
  resourceWhere,
  synthDatabase,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";

type Props = Partial<AuroraPostgresServerlessProps>;

/** Two readers with the writer, a third on its own in tier 2, a fourth on its own in tier 5. */
const READERS: Props["readers"] = [{}, {}, { scaleWithWriter: false }, { scaleWithWriter: false, promotionTier: 5 }];

/** The synthesized endpoints by identifier, and a reference to each instance's identifier by number. */
function endpoints(props: Props) {
  const { json } = synthDatabase({ readers: READERS, ...props });
  const instances = Object.entries(resourcesOf(json, "aws_rds_cluster_instance"));
  const instance = (n: number) => {
    const [address] = instances.find(([, body]) => body.identifier === `test-aurora-instance-${n}`)!;
    return { identifier: ref("aws_rds_cluster_instance", address, "identifier"), address: `aws_rds_cluster_instance.${address}` };
  };
  const byIdentifier = Object.fromEntries(
    Object.entries(resourcesOf(json, "aws_rds_cluster_endpoint")).map(([address, body]): [string, Block] => [
      body.cluster_endpoint_identifier as string,
      { address, ...body },
    ]),
  );
  const cluster = Object.keys(resourcesOf(json, "aws_rds_cluster"))[0]!;
  return { json, byIdentifier, instance, cluster };
}

describe("customEndpoints", () => {
  it("creates a READER endpoint over the instances listed by number, on the cluster, tagged", () => {
    const { byIdentifier, instance, cluster } = endpoints({ customEndpoints: [{ identifier: "test-analytics", members: [4, 5] }], tags: { Team: "orders" } });
    const { address, ...body } = byIdentifier["test-analytics"]!;
    expect(address).toMatch(/^Database_CustomEndpoints_test-analytics_Endpoint_[0-9A-F]{8}$/);
    expect(body).toEqual({
      cluster_endpoint_identifier: "test-analytics",
      cluster_identifier: ref("aws_rds_cluster", cluster, "cluster_identifier"),
      custom_endpoint_type: "READER",
      static_members: [instance(4).identifier, instance(5).identifier],
      tags: { Team: "orders" },
      // A new cluster keeps the identifier; its new resource id replaces the endpoint RDS deleted with the old one.
      lifecycle: { replace_triggered_by: [`aws_rds_cluster.${cluster}.cluster_resource_id`] },
    });
  });

  it("selects readers by placement: every reader that matches all the fields given, never the writer", () => {
    const { byIdentifier, instance } = endpoints({
      customEndpoints: [
        { identifier: "independent", members: { scaleWithWriter: false } },
        { identifier: "tier-five", members: { promotionTier: 5 } },
        { identifier: "warm", type: "ANY", members: { scaleWithWriter: true, promotionTier: 1 } },
      ],
    });
    expect(byIdentifier.independent!.static_members).toEqual([instance(4).identifier, instance(5).identifier]);
    expect(byIdentifier["tier-five"]!.static_members).toEqual([instance(5).identifier]);
    expect(byIdentifier.warm!.static_members).toEqual([instance(2).identifier, instance(3).identifier]);
    expect(byIdentifier.warm!.custom_endpoint_type).toBe("ANY");
  });

  it("sends an exclusion list, or neither list (then waiting for every instance, to be created over all of them)", () => {
    const { byIdentifier, instance } = endpoints({
      customEndpoints: [
        { identifier: "not-warm", excluded: { scaleWithWriter: true } },
        { identifier: "everything", type: "ANY" },
      ],
    });
    const notWarm = byIdentifier["not-warm"]!;
    expect(notWarm.excluded_members).toEqual([instance(2).identifier, instance(3).identifier]);
    expect(notWarm.static_members).toBeUndefined();
    const everything = byIdentifier.everything!;
    expect(everything.static_members).toBeUndefined();
    expect(everything.excluded_members).toBeUndefined();
    expect(everything.depends_on).toEqual([1, 2, 3, 4, 5].map((n) => instance(n).address));
    expect(byIdentifier["not-warm"]!.depends_on).toEqual([1, 2, 3, 4, 5].map((n) => instance(n).address));
  });

  it("creates nothing by default or with [], so existing stacks synthesize as before", () => {
    const byDefault = synthDatabase().json;
    expect(resourcesOf(byDefault, "aws_rds_cluster_endpoint")).toEqual({});
    expect(synthDatabase({ customEndpoints: [] }).json).toEqual(byDefault);
    expect(createDatabase({}).customEndpoints).toEqual([]);
  });

  it("keys each endpoint by its identifier, so reordering the list moves no address", () => {
    const analytics = { identifier: "analytics", members: [2] };
    const reports = { identifier: "reports", members: [3] };
    const addresses = (list: Props["customEndpoints"]) =>
      Object.keys(resourcesOf(endpoints({ customEndpoints: list }).json, "aws_rds_cluster_endpoint")).sort();
    expect(addresses([analytics, reports])).toEqual(addresses([reports, analytics]));
  });

  it("exposes each endpoint typed, with its address as a reference for outputs", () => {
    const { stack, database } = databaseStack({ readers: READERS, customEndpoints: [{ identifier: "analytics", members: { scaleWithWriter: false } }] });
    const [analytics] = database.customEndpoints;
    expect(database.customEndpoints).toHaveLength(1);
    expect(analytics).toMatchObject({ identifier: "analytics", type: "READER", parameterName: undefined });
    new TerraformOutput(stack, "analytics_endpoint", { value: analytics!.endpoint });
    new TerraformOutput(stack, "analytics_arn", { value: analytics!.arn });
    const { json } = synthesize(stack);
    const address = Object.keys(resourcesOf(json, "aws_rds_cluster_endpoint"))[0]!;
    expect(json.output).toEqual({
      analytics_endpoint: { value: ref("aws_rds_cluster_endpoint", address, "endpoint") },
      analytics_arn: { value: ref("aws_rds_cluster_endpoint", address, "arn") },
    });
    expect(analytics!.resource.node.path).toBe("test/Database/CustomEndpoints/analytics/Endpoint");
  });

  it("finds an endpoint by identifier, and refuses any other naming those there are", () => {
    const database = createDatabase({
      readers: 2,
      customEndpoints: [
        { identifier: "analytics", members: [2] },
        { identifier: "reports", members: [3] },
      ],
    });
    expect(database.customEndpoint("reports")).toBe(database.customEndpoints[1]);
    const problems = validationProblems(() => database.customEndpoint("report"));
    expect(problems).toEqual([{ property: "identifier", received: "report", allowed: 'one of "analytics", "reports"' }]);
    expect(validationProblems(() => createDatabase({}).customEndpoint("analytics"))).toEqual([
      { property: "identifier", received: "analytics", allowed: "nothing: the database has no customEndpoints" },
    ]);
  });
});

describe("customEndpoints with ssmParameters", () => {
  const PATH = "/orders/dev";
  const published = () => {
    const { stack, database } = databaseStack({ readers: READERS, ssmParameters: PATH, customEndpoints: [{ identifier: "analytics", members: [4] }] });
    database.grantReadParameters("Reports", { name: "reports-role" });
    return { database, json: synthesize(stack).json };
  };

  it("publishes each endpoint's address as <path>/custom-endpoint-<identifier>", () => {
    const { json, database } = published();
    const endpoint = Object.keys(resourcesOf(json, "aws_rds_cluster_endpoint"))[0]!;
    const { name, body } = resourceWhere(json, "aws_ssm_parameter", "name", `${PATH}/custom-endpoint-analytics`);
    expect(name).toMatch(/^Database_CustomEndpoints_analytics_Parameter_[0-9A-F]{8}$/);
    expect(body).toEqual({
      name: `${PATH}/custom-endpoint-analytics`,
      type: "String",
      tier: "Standard",
      insecure_value: ref("aws_rds_cluster_endpoint", endpoint, "endpoint"),
      description: "Custom endpoint analytics (READER) of test-aurora-cluster",
      tags: {},
    });
    expect(database.customEndpoints[0]!.parameterName).toBe(`${PATH}/custom-endpoint-analytics`);
    expect(Object.keys(resourcesOf(json, "aws_ssm_parameter"))).toHaveLength(7);
  });

  it("lets the Lambda role and grantReadParameters read its parameter, by exact ARN", () => {
    const { json } = published();
    for (const policyName of ["test-lambda-aurora-policy", "test-aurora-read-parameters-Reports"]) {
      const read = policyStatements(resourceWhere(json, "aws_iam_role_policy", "name", policyName).body).find((s) => s.Action.includes("ssm:GetParameter"))!;
      expect(read.Resource).toHaveLength(7);
      expect(read.Resource.at(-1)).toMatch(/:parameter\/orders\/dev\/custom-endpoint-analytics$/);
    }
  });

  it("publishes nothing for endpoints without ssmParameters", () => {
    const { json } = endpoints({ customEndpoints: [{ identifier: "analytics", members: [4] }] });
    expect(resourcesOf(json, "aws_ssm_parameter")).toEqual({});
  });
});

const with4 = (endpoint: object, props: Props = {}): Props => ({ readers: READERS, customEndpoints: [endpoint as never], ...props });

const RULES: readonly RuleCases[] = [
  {
    rule: "customEndpoints is a list of endpoint options",
    failing: [
      [{ customEndpoints: { identifier: "a" } as never }, "customEndpoints", { identifier: "a" }],
      [with4({ members: [2] }), "customEndpoints[0].identifier", undefined],
      [with4({ identifier: "a", member: [2] }), "customEndpoints[0].member", [2]],
      [with4({ identifier: "a", members: "2" }), "customEndpoints[0].members", "2"],
    ],
    passing: [with4({ identifier: "a" }), { customEndpoints: [] }],
    allowed: /custom endpoint options|did you mean members|required|a list of instance numbers/,
  },
  {
    rule: "type is READER or ANY",
    failing: [[with4({ identifier: "a", type: "WRITER" }), "customEndpoints[0].type", "WRITER"]],
    passing: [with4({ identifier: "a", type: "ANY" }), with4({ identifier: "a", type: "READER" })],
    allowed: /"READER" or "ANY"/,
  },
  {
    rule: "at most five endpoints",
    failing: [
      [
        { readers: 1, customEndpoints: ["a", "b", "c", "d", "e", "f"].map((identifier) => ({ identifier })) },
        "customEndpoints",
        ["a", "b", "c", "d", "e", "f"].map((identifier) => ({ identifier })),
      ],
    ],
    passing: [{ readers: 1, customEndpoints: ["a", "b", "c", "d", "e"].map((identifier) => ({ identifier })) }],
    allowed: /at most 5 custom endpoints/,
  },
  {
    rule: "the identifier is an RDS identifier of at most 63 characters",
    failing: [
      [with4({ identifier: "Analytics" }), "customEndpoints[0].identifier", "Analytics"],
      [with4({ identifier: "an--alytics" }), "customEndpoints[0].identifier", "an--alytics"],
      [with4({ identifier: "analytics-" }), "customEndpoints[0].identifier", "analytics-"],
      [with4({ identifier: "1analytics" }), "customEndpoints[0].identifier", "1analytics"],
      [with4({ identifier: `a${"b".repeat(63)}` }), "customEndpoints[0].identifier", `a${"b".repeat(63)}`],
    ],
    passing: [with4({ identifier: `a${"b".repeat(62)}` }), with4({ identifier: "orders-analytics-2" })],
    allowed: /1 to 63 lowercase letters, digits and single hyphens/,
  },
  {
    rule: "each identifier once",
    failing: [[{ readers: 2, customEndpoints: [{ identifier: "a" }, { identifier: "b" }, { identifier: "a" }] }, "customEndpoints[2].identifier", "a"]],
    passing: [{ readers: 2, customEndpoints: [{ identifier: "a" }, { identifier: "b" }] }],
    allowed: /no other custom endpoint of the cluster has/,
  },
  {
    rule: "the identifier is none of the construct's own",
    failing: [
      [with4({ identifier: "test-aurora-cluster" }), "customEndpoints[0].identifier", "test-aurora-cluster"],
      [with4({ identifier: "test-aurora-instance-2" }), "customEndpoints[0].identifier", "test-aurora-instance-2"],
      [with4({ identifier: "test-aurora-proxy-ro" }), "customEndpoints[0].identifier", "test-aurora-proxy-ro"],
      [with4({ identifier: "test-aurora-global" }), "customEndpoints[0].identifier", "test-aurora-global"],
      [with4({ identifier: "orders-global" }, { globalCluster: { identifier: "orders-global" } }), "customEndpoints[0].identifier", "orders-global"],
    ],
    passing: [with4({ identifier: "test-aurora-analytics" }), with4({ identifier: "test-aurora-global" }, { globalCluster: { identifier: "orders-global" } })],
    allowed: /other than the ones the construct gives/,
  },
  {
    rule: "at most one of members and excluded",
    failing: [[with4({ identifier: "a", members: [2], excluded: [3] }), "customEndpoints[0]", { identifier: "a", members: [2], excluded: [3] }]],
    passing: [with4({ identifier: "a", members: [2] }), with4({ identifier: "a", excluded: [3] })],
    allowed: /at most one of members .* and excluded/,
  },
  {
    rule: "members and excluded name instances of the cluster",
    failing: [
      [with4({ identifier: "a", members: [2, 6] }), "customEndpoints[0].members[1]", 6],
      [with4({ identifier: "a", excluded: [0] }), "customEndpoints[0].excluded[0]", 0],
      [with4({ identifier: "a", members: [2.5] }), "customEndpoints[0].members[0]", 2.5],
      [{ customEndpoints: [{ identifier: "a", type: "ANY", members: [2] }] }, "customEndpoints[0].members[0]", 2],
    ],
    passing: [
      with4({ identifier: "a", members: [2, 5] }),
      with4({ identifier: "a", excluded: [1, 2] }),
      { customEndpoints: [{ identifier: "a", type: "ANY", members: [1] }] },
    ],
    allowed: /an instance number from 1 \(the writer\) to 5|1, the writer: the cluster has no readers/,
  },
  {
    rule: "each instance once",
    failing: [[with4({ identifier: "a", members: [2, 3, 2] }), "customEndpoints[0].members[2]", 2]],
    passing: [with4({ identifier: "a", members: [2, 3] })],
    allowed: /an instance listed once/,
  },
  {
    rule: "no empty list",
    failing: [
      [with4({ identifier: "a", members: [] }), "customEndpoints[0].members", []],
      [with4({ identifier: "a", excluded: [] }), "customEndpoints[0].excluded", []],
    ],
    passing: [with4({ identifier: "a" })],
    allowed: /at least one instance \(leave (members|excluded) out/,
  },
  {
    rule: "a selector names a field",
    failing: [[with4({ identifier: "a", members: {} }), "customEndpoints[0].members", {}]],
    passing: [with4({ identifier: "a", members: { promotionTier: 2 } })],
    allowed: /scaleWithWriter, promotionTier or both/,
  },
  {
    rule: "a selector's tier is 0–15",
    failing: [[with4({ identifier: "a", members: { promotionTier: 16 } }), "customEndpoints[0].members.promotionTier", 16]],
    passing: [with4({ identifier: "a", members: { promotionTier: 5 } })],
    allowed: /an integer from 0 to 15/,
  },
  {
    rule: "a selector matches a reader",
    failing: [
      [with4({ identifier: "a", members: { promotionTier: 0 } }), "customEndpoints[0].members", { promotionTier: 0 }],
      [
        with4({ identifier: "a", excluded: { scaleWithWriter: false, promotionTier: 1 } }),
        "customEndpoints[0].excluded",
        { scaleWithWriter: false, promotionTier: 1 },
      ],
    ],
    passing: [with4({ identifier: "a", excluded: { scaleWithWriter: false, promotionTier: 2 } })],
    allowed: /matches at least one reader/,
  },
  {
    rule: "a READER endpoint's static list leaves the writer out",
    failing: [
      [with4({ identifier: "a", members: [1, 2] }), "customEndpoints[0].members", [1, 2]],
      [with4({ identifier: "a", members: [1] }), "customEndpoints[0].members", [1]],
    ],
    passing: [with4({ identifier: "a", type: "ANY", members: [1, 2] }), with4({ identifier: "a", excluded: [1] })],
    allowed: /without instance 1, the writer, while type is "READER"/,
  },
  {
    rule: "an endpoint reaches an instance",
    failing: [
      [{ customEndpoints: [{ identifier: "a" }] }, "customEndpoints[0]", { identifier: "a" }],
      [with4({ identifier: "a", excluded: [2, 3, 4, 5] }), "customEndpoints[0]", { identifier: "a", excluded: [2, 3, 4, 5] }],
      [with4({ identifier: "a", type: "ANY", excluded: [1, 2, 3, 4, 5] }), "customEndpoints[0]", { identifier: "a", type: "ANY", excluded: [1, 2, 3, 4, 5] }],
    ],
    passing: [{ customEndpoints: [{ identifier: "a", type: "ANY" }] }, with4({ identifier: "a", type: "ANY", excluded: [2, 3, 4, 5] })],
    allowed: /a READER endpoint needs at least one reader|reaches at least one instance/,
  },
  {
    rule: "the endpoint's SSM parameter name fits SSM's limit",
    failing: [[with4({ identifier: `a${"b".repeat(62)}` }, { ssmParameters: `/${"p".repeat(867)}` }), "customEndpoints[0].identifier", `a${"b".repeat(62)}`]],
    // 947 = the longest name of the construct's own parameters under the longest path (931 + "/writer-endpoint").
    passing: [
      with4({ identifier: `a${"b".repeat(62)}` }, { ssmParameters: `/${"p".repeat(866)}` }),
      with4({ identifier: "a" }, { ssmParameters: `/${"p".repeat(928)}` }),
    ],
    allowed: /stays within 947 characters/,
  },
];

describeRules(RULES, createDatabase);

describe("rule: the identifier is known at synth", () => {
  it("refuses a token, which would name the construct and the parameter", () => {
    const stack = new TerraformStack(testApp(), "test");
    const identifier = new TerraformVariable(stack, "identifier", { type: "string" }).stringValue;
    const problems = validationProblems(
      () => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, readers: 1, customEndpoints: [{ identifier }] }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ property: "customEndpoints[0].identifier", received: identifier });
    expect(problems[0]!.allowed).toMatch(/known at synth/);
  });

  it("accepts a literal", () => {
    expect(() => createDatabase({ readers: 1, customEndpoints: [{ identifier: "analytics" }] })).not.toThrow();
  });
});
