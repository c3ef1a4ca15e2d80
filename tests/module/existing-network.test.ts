/**
 * Existing network parts instead of the created ones: a DB subnet group by name
 * (`subnetGroupName`) and security groups by id (`securityGroupIds`), what the cluster, the proxy
 * and the readers then read from them, and what is refused with them.
 */
import { TerraformOutput, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import {
  databaseProblems,
  databaseStack,
  dataRef,
  onlyDataSource,
  onlyResource,
  ref,
  resourcesOf,
  synthDatabase,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";
import { synthesizeReadmeExample } from "./readme-example";

const GROUP = "shared-db-subnets";
const SG = ["sg-0123456789abcdef0", "sg-0fedcba9876543210"];
const VPC = "vpc-0123456789abcdef0";
const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];

const cluster = (json: Block) => onlyResource(json, "aws_rds_cluster").body;

describe("the default path", () => {
  it("keeps the addresses and references of the created subnet group and security group", () => {
    const { json } = synthDatabase();
    const subnetGroup = onlyResource(json, "aws_db_subnet_group");
    const securityGroup = onlyResource(json, "aws_security_group");
    expect(subnetGroup.name).toBe("Database_Network_SubnetGroup_45AD0B44");
    expect(securityGroup.name).toBe("Database_Network_SecurityGroup_4FF172A1");
    expect(cluster(json).db_subnet_group_name).toBe(ref("aws_db_subnet_group", subnetGroup.name, "name"));
    expect(cluster(json).vpc_security_group_ids).toEqual([ref("aws_security_group", securityGroup.name, "id")]);
    expect(json.data.aws_db_subnet_group).toBeUndefined();
  });

  it("exposes the created parts and their names", () => {
    const { stack, database } = databaseStack();
    const subnetGroup = ref("aws_db_subnet_group", "Database_Network_SubnetGroup_45AD0B44", "name");
    const securityGroup = ref("aws_security_group", "Database_Network_SecurityGroup_4FF172A1", "id");
    const attributes = { subnetGroupName: database.subnetGroupName, securityGroupIds: database.securityGroupIds, securityGroupId: database.securityGroupId };
    for (const [name, value] of Object.entries(attributes)) new TerraformOutput(stack, name, { value });
    const outputs = synthesize(stack).json.output;
    expect(database.subnetGroup).toBeDefined();
    expect(database.securityGroup).toBeDefined();
    expect(outputs.subnetGroupName.value).toBe(subnetGroup);
    expect(outputs.securityGroupIds.value).toEqual([securityGroup]);
    expect(outputs.securityGroupId.value).toBe(securityGroup);
  });
});

describe("subnetGroupName", () => {
  it("places the cluster in the existing group and creates no subnet group, no VPC or subnet lookup", () => {
    const { json } = synthDatabase({ subnetGroupName: GROUP, securityGroupIds: SG });
    expect(resourcesOf(json, "aws_db_subnet_group")).toEqual({});
    expect(cluster(json).db_subnet_group_name).toBe(GROUP);
    expect(json.data?.aws_vpc).toBeUndefined();
    expect(json.data?.aws_subnets).toBeUndefined();
    expect(json.data?.aws_db_subnet_group).toBeUndefined();
  });

  it("names the group in the keepers of the cluster's lifetime, since a new group is a new cluster", () => {
    const { json } = synthDatabase({ subnetGroupName: GROUP });
    const lifetime = Object.values(resourcesOf(json, "random_id")).find((id) => id.keepers !== undefined);
    expect(lifetime?.keepers.db_subnet_group_name).toBe(GROUP);
  });

  it("creates the security group in the existing group's VPC and admits that VPC's block", () => {
    const { json } = synthDatabase({ subnetGroupName: GROUP });
    const group = onlyDataSource(json, "aws_db_subnet_group");
    expect(group.body).toEqual({ name: GROUP });
    const vpc = onlyDataSource(json, "aws_vpc");
    expect(vpc.body).toEqual({ id: dataRef("aws_db_subnet_group", group.name, "vpc_id") });
    expect(onlyResource(json, "aws_security_group").body.vpc_id).toBe(dataRef("aws_db_subnet_group", group.name, "vpc_id"));
    expect(onlyResource(json, "aws_vpc_security_group_ingress_rule").body.cidr_ipv4).toBe(dataRef("aws_vpc", vpc.name, "cidr_block"));
  });

  it("gives the proxy the existing group's VPC and subnets", () => {
    const { json } = synthDatabase({ subnetGroupName: GROUP, minCapacity: 0.5, proxy: {}, readers: 1 });
    const group = onlyDataSource(json, "aws_db_subnet_group").name;
    const subnets = `\${tolist(data.aws_db_subnet_group.${group}.subnet_ids)}`;
    expect(onlyResource(json, "aws_db_proxy").body.vpc_subnet_ids).toBe(subnets);
    expect(onlyResource(json, "aws_db_proxy_endpoint").body.vpc_subnet_ids).toBe(subnets);
    const proxyGroup = Object.values(resourcesOf(json, "aws_security_group")).find((g) => g.name_prefix === "test-aurora-proxy-sg-");
    expect(proxyGroup?.vpc_id).toBe(dataRef("aws_db_subnet_group", group, "vpc_id"));
  });

  it("places readers over the existing group's subnets", () => {
    const { json } = synthDatabase({ subnetGroupName: GROUP, readers: 1 });
    const group = onlyDataSource(json, "aws_db_subnet_group").name;
    expect(onlyDataSource(json, "aws_subnet").body.for_each).toContain(`data.aws_db_subnet_group.${group}.subnet_ids`);
  });

  it("accepts a reference", () => {
    const { json } = synthDatabase((stack) => ({ subnetGroupName: new TerraformVariable(stack, "group", { type: "string" }).stringValue }));
    expect(cluster(json).db_subnet_group_name).toBe("${var.group}");
  });

  it.each([
    ["Shared-Subnets", "uppercase"],
    ["1subnets", "a leading digit"],
    ["default", "the reserved name"],
    ["subnets/prod", "a slash"],
    ["s".repeat(256), "256 characters"],
    ["", "nothing"],
  ])("refuses %j (%s), naming AWS's rules", (subnetGroupName) => {
    expect(databaseProblems({ subnetGroupName })).toEqual([
      expect.objectContaining({
        property: "subnetGroupName",
        received: subnetGroupName,
        allowed: expect.stringMatching(/^1 to 255 lowercase letters.*not "default"/),
      }),
    ]);
  });

  it.each(["a", "shared subnets_1.prod-db", `s${"x".repeat(254)}`])("accepts %j", (subnetGroupName) => {
    expect(cluster(synthDatabase({ subnetGroupName }).json).db_subnet_group_name).toBe(subnetGroupName);
  });

  it("refuses vpcId and subnetIds with it: the VPC and subnets are the group's", () => {
    expect(databaseProblems({ subnetGroupName: GROUP, vpcId: VPC, subnetIds: SUBNETS })).toEqual([
      { property: "vpcId", received: VPC, allowed: expect.stringMatching(/^unset with subnetGroupName/), related: ["subnetGroupName"] },
      { property: "subnetIds", received: SUBNETS, allowed: expect.stringMatching(/^unset with subnetGroupName/), related: ["subnetGroupName"] },
    ]);
    expect(databaseProblems({ subnetGroupName: GROUP, vpcId: VPC }).map((p) => p.property)).toEqual(["vpcId"]);
  });
});

describe("securityGroupIds", () => {
  it("attaches exactly the given groups and creates no security group and no rule", () => {
    const { json } = synthDatabase({ securityGroupIds: SG });
    expect(cluster(json).vpc_security_group_ids).toEqual(SG);
    expect(resourcesOf(json, "aws_security_group")).toEqual({});
    expect(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).toEqual({});
    expect(resourcesOf(json, "aws_vpc_security_group_egress_rule")).toEqual({});
    // The created subnet group still looks its VPC up.
    expect(onlyResource(json, "aws_db_subnet_group").body.name).toBe("test-aurora-subnet-group");
  });

  it("exposes the given ids, and no created group", () => {
    const { database } = databaseStack({ securityGroupIds: SG });
    expect(database.securityGroupIds).toEqual(SG);
    expect(database.securityGroup).toBeUndefined();
    expect(database.securityGroupId).toBeUndefined();
  });

  it("accepts references as entries", () => {
    const { json } = synthDatabase((stack) => ({ securityGroupIds: [new TerraformVariable(stack, "sg", { type: "string" }).stringValue] }));
    expect(cluster(json).vpc_security_group_ids).toEqual(["${var.sg}"]);
  });

  it("lets the proxy's group reach each given group and adds no rule to them", () => {
    const { json } = synthDatabase({ securityGroupIds: SG, minCapacity: 0.5, proxy: {} });
    const proxyGroup = onlyResource(json, "aws_security_group").name;
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule"))).toEqual(
      SG.map((id) =>
        expect.objectContaining({
          security_group_id: ref("aws_security_group", proxyGroup, "id"),
          referenced_security_group_id: id,
          ip_protocol: "tcp",
          from_port: 5432,
          to_port: 5432,
          description: `PostgreSQL to security group ${id} of the ${ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "cluster_identifier")} Aurora cluster`,
        }),
      ),
    );
    const ingress = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"));
    expect(ingress.filter((rule) => SG.includes(rule.security_group_id as string))).toEqual([]);
  });

  it("keeps the proxy's rules on the created group where they were", () => {
    const { json } = synthDatabase({ minCapacity: 0.5, proxy: {} });
    expect(Object.keys(resourcesOf(json, "aws_vpc_security_group_egress_rule"))).toEqual([expect.stringMatching(/^Database_Proxy_EgressToCluster_/)]);
    expect(Object.keys(resourcesOf(json, "aws_vpc_security_group_ingress_rule"))).toEqual([expect.stringMatching(/^Database_Proxy_ClusterIngressFromProxy_/)]);
  });

  it("turns the VPC CIDR rule's default off", () => {
    expect(synthesize(databaseStack({ securityGroupIds: SG, allowVpcCidrIngress: false }).stack).json).toEqual(synthDatabase({ securityGroupIds: SG }).json);
  });

  it.each([
    ["allowVpcCidrIngress", true],
    ["allowedCidrBlocks", ["10.0.0.0/16"]],
    ["allowedSecurityGroupIds", ["sg-0aaaaaaaaaaaaaaaa"]],
    ["egressCidrBlocks", ["10.0.0.0/16"]],
  ] as const)("refuses %s with it, explaining that the given groups get no rule", (property, value) => {
    expect(databaseProblems({ securityGroupIds: SG, [property]: value })).toEqual([
      {
        property,
        received: value,
        allowed: expect.stringContaining("the construct adds no rule to the existing groups of securityGroupIds"),
        related: ["securityGroupIds"],
      },
    ]);
  });

  it("accepts those props when empty or false", () => {
    expect(() =>
      databaseStack({ securityGroupIds: SG, allowVpcCidrIngress: false, allowedCidrBlocks: [], allowedSecurityGroupIds: [], egressCidrBlocks: [] }),
    ).not.toThrow();
  });

  it("refuses an empty list, a malformed id and a repeated id", () => {
    expect(databaseProblems({ securityGroupIds: [] })).toEqual([
      { property: "securityGroupIds", received: [], allowed: expect.stringMatching(/^at least one/) },
    ]);
    expect(databaseProblems({ securityGroupIds: ["sg-123", "vpc-0123456789abcdef0"] })).toEqual([
      { property: "securityGroupIds[0]", received: "sg-123", allowed: expect.stringMatching(/^a security group id/) },
      { property: "securityGroupIds[1]", received: "vpc-0123456789abcdef0", allowed: expect.stringMatching(/^a security group id/) },
    ]);
    expect(databaseProblems({ securityGroupIds: [SG[0]!, SG[0]!] })).toEqual([
      { property: "securityGroupIds[1]", received: SG[0], allowed: "a security group listed once" },
    ]);
  });

  it("refuses more than 5 groups, RDS's quota, and accepts 5", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `sg-0123456789abcdef${i}`);
    expect(databaseProblems({ securityGroupIds: ids(6) })).toEqual([
      { property: "securityGroupIds", received: ids(6), allowed: expect.stringMatching(/^at most 5 security groups/) },
    ]);
    expect(cluster(synthDatabase({ securityGroupIds: ids(5) }).json).vpc_security_group_ids).toEqual(ids(5));
  });

  it("refuses a whole-list token: whether a group is created is decided at synth", () => {
    const problems = validationProblems(() =>
      databaseStack((stack) => ({ securityGroupIds: new TerraformVariable(stack, "sgs", { type: "list(string)" }).listValue })),
    );
    expect(problems).toEqual([expect.objectContaining({ property: "securityGroupIds", allowed: expect.stringContaining("known at synth") })]);
  });
});

describe("switching to existing parts", () => {
  const addresses = (json: Block, type: string) => Object.keys(resourcesOf(json, type));

  it("keeps the addresses of the cluster, its instances and its secret", () => {
    const before = synthDatabase({ readers: 1 }).json;
    const after = synthDatabase({ readers: 1, subnetGroupName: GROUP, securityGroupIds: SG }).json;
    for (const type of ["aws_rds_cluster", "aws_rds_cluster_instance", "aws_secretsmanager_secret"]) {
      expect(addresses(after, type), type).toEqual(addresses(before, type));
    }
  });

  it("changes only the security groups of the cluster with securityGroupIds (in place), but its subnet group with subnetGroupName (a new cluster)", () => {
    const before = cluster(synthDatabase().json);
    const withGroups = cluster(synthDatabase({ securityGroupIds: SG }).json);
    const changed = (after: Block) => Object.keys({ ...before, ...after }).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    expect(changed(withGroups)).toEqual(["vpc_security_group_ids"]);
    expect(changed(cluster(synthDatabase({ subnetGroupName: GROUP }).json))).toEqual(["db_subnet_group_name"]);
  });
});

describe("both existing", () => {
  it("create no network resource at all and still give the cluster both", () => {
    const { json } = synthDatabase({ subnetGroupName: GROUP, securityGroupIds: SG });
    for (const type of ["aws_db_subnet_group", "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]) {
      expect(resourcesOf(json, type), type).toEqual({});
    }
    expect(cluster(json)).toMatchObject({ db_subnet_group_name: GROUP, vpc_security_group_ids: SG });
  });
});

describe("the module README's example", () => {
  it("synthesizes a cluster in the given subnet group with the given security group, creating neither", () => {
    const { json } = synthesizeReadmeExample("## An existing subnet group and existing security groups");
    expect(cluster(json)).toMatchObject({ db_subnet_group_name: "shared-private-db", vpc_security_group_ids: ["sg-0123456789abcdef0"] });
    expect(resourcesOf(json, "aws_security_group")).toEqual({});
    expect(resourcesOf(json, "aws_db_subnet_group")).toEqual({});
  });
});
