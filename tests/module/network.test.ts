/**
 * Network options: a given VPC and subnets, extra sources, and egress.
 */
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { databaseStack, inHook, onlyDataSource, onlyResource, ref, resourcesOf, synthDatabase, validationProblems, type Block } from "../support/synth";

const VPC = "vpc-0123456789abcdef0";
const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];

const rules = (json: Block, type: string) => Object.values(resourcesOf(json, type));

describe("a given VPC", () => {
  it("with subnets: uses exactly those subnets and looks the VPC up by id for its CIDR", () => {
    const { json } = synthDatabase({ vpcId: VPC, subnetIds: SUBNETS });
    expect(onlyDataSource(json, "aws_vpc").body).toEqual({ id: VPC });
    expect(json.data.aws_subnets).toBeUndefined();
    expect(onlyResource(json, "aws_db_subnet_group").body.subnet_ids).toEqual(SUBNETS);
    expect(onlyResource(json, "aws_security_group").body.vpc_id).toBe(`\${data.aws_vpc.${onlyDataSource(json, "aws_vpc").name}.id}`);
  });

  it("without subnets: uses every subnet of that VPC", () => {
    const { json } = synthDatabase({ vpcId: VPC });
    const vpc = onlyDataSource(json, "aws_vpc").name;
    expect(onlyDataSource(json, "aws_subnets").body.filter).toEqual([{ name: "vpc-id", values: [`\${data.aws_vpc.${vpc}.id}`] }]);
  });
});

describe("the security group", () => {
  const securityGroup = inHook(() => {
    const group = onlyResource(synthDatabase().json, "aws_security_group").body;
    return { group };
  });

  it("is named by a prefix and replaced create-before-destroy: a group the cluster uses cannot be deleted first", () => {
    expect(securityGroup().group.name).toBeUndefined();
    expect(securityGroup().group.name_prefix).toBe("test-aurora-sg-");
    expect(securityGroup().group.lifecycle).toEqual({ create_before_destroy: true });
  });

  it("carries its readable name as the Name tag, next to the caller's tags", () => {
    expect(securityGroup().group.tags).toEqual({ Name: "test-aurora-sg" });
    expect(onlyResource(synthDatabase({ tags: { Team: "data" } }).json, "aws_security_group").body.tags).toEqual({ Name: "test-aurora-sg", Team: "data" });
  });
});

describe("ingress", () => {
  /** The cluster's rule admitting the VPC's CIDR block, if there is one. */
  const vpcRules = (json: Block) =>
    rules(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.description === "PostgreSQL from the VPC CIDR block");

  it("admits the VPC's CIDR block on 5432 by default, as the original design does", () => {
    const { json } = synthDatabase();
    expect(vpcRules(json)).toEqual([
      expect.objectContaining({
        security_group_id: ref("aws_security_group", onlyResource(json, "aws_security_group").name, "id"),
        cidr_ipv4: `\${data.aws_vpc.${onlyDataSource(json, "aws_vpc").name}.cidr_block}`,
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
      }),
    ]);
  });

  it("does not admit the VPC by default with a proxy, whose clients go through it, unless asked", () => {
    const clusterRules = (json: Block) => {
      const cluster = ref(
        "aws_security_group",
        Object.entries(resourcesOf(json, "aws_security_group")).find(([, group]) => group.name_prefix === "test-aurora-sg-")![0],
        "id",
      );
      return rules(json, "aws_vpc_security_group_ingress_rule").filter((rule) => rule.security_group_id === cluster);
    };
    const proxied = synthDatabase({ minCapacity: 0.5, proxy: {} }).json;
    expect(vpcRules(proxied)).toEqual([]);
    expect(clusterRules(proxied)).toEqual([expect.objectContaining({ description: "PostgreSQL from the test-aurora-proxy RDS Proxy" })]);
    const asked = synthDatabase({ minCapacity: 0.5, proxy: {}, allowVpcCidrIngress: true }).json;
    expect(vpcRules(asked)).toHaveLength(1);
    expect(clusterRules(asked)).toHaveLength(2);
  });

  it("can leave out the VPC CIDR rule when only the Data API is used", () => {
    const { json } = synthDatabase({ allowVpcCidrIngress: false });
    expect(rules(json, "aws_vpc_security_group_ingress_rule")).toEqual([]);
  });

  it("adds one described TCP 5432 rule per extra IPv4 or IPv6 block and per source security group", () => {
    const { json } = synthDatabase({
      allowVpcCidrIngress: false,
      allowedCidrBlocks: ["10.20.0.0/16", "2001:db8::/32"],
      allowedSecurityGroupIds: ["sg-0123456789abcdef0"],
    });
    const group = ref("aws_security_group", onlyResource(json, "aws_security_group").name, "id");
    const postgres = { security_group_id: group, ip_protocol: "tcp", from_port: 5432, to_port: 5432 };
    expect(rules(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(3);
    expect(rules(json, "aws_vpc_security_group_ingress_rule")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ...postgres, cidr_ipv4: "10.20.0.0/16", description: "PostgreSQL from 10.20.0.0/16" }),
        expect.objectContaining({ ...postgres, cidr_ipv6: "2001:db8::/32", description: "PostgreSQL from 2001:db8::/32" }),
        expect.objectContaining({
          ...postgres,
          referenced_security_group_id: "sg-0123456789abcdef0",
          description: "PostgreSQL from security group sg-0123456789abcdef0",
        }),
      ]),
    );
  });
});

describe("rule addresses", () => {
  const SOURCES = {
    allowedCidrBlocks: ["10.1.0.0/16", "10.2.0.0/16", "2001:db8::/32"],
    allowedSecurityGroupIds: ["sg-0123456789abcdef0", "sg-0fedcba9876543210"],
    egressCidrBlocks: ["10.1.0.0/16", "10.3.0.0/16"],
  };
  const allRules = (json: Block) => ({
    ...resourcesOf(json, "aws_vpc_security_group_ingress_rule"),
    ...resourcesOf(json, "aws_vpc_security_group_egress_rule"),
  });

  it("are keyed by each rule's source: removing the first source leaves every other rule's address and body as it was", () => {
    const before = allRules(synthDatabase(SOURCES).json);
    const after = allRules(
      synthDatabase({
        allowedCidrBlocks: SOURCES.allowedCidrBlocks.slice(1),
        allowedSecurityGroupIds: SOURCES.allowedSecurityGroupIds.slice(1),
        egressCidrBlocks: SOURCES.egressCidrBlocks.slice(1),
      }).json,
    );
    expect(Object.keys(before)).toHaveLength(8);
    expect(Object.keys(after)).toHaveLength(5);
    for (const [address, body] of Object.entries(after)) expect(before[address], address).toEqual(body);
  });

  it("do not depend on the order of the sources", () => {
    const reversed = {
      allowedCidrBlocks: [...SOURCES.allowedCidrBlocks].reverse(),
      allowedSecurityGroupIds: [...SOURCES.allowedSecurityGroupIds].reverse(),
      egressCidrBlocks: [...SOURCES.egressCidrBlocks].reverse(),
    };
    expect(allRules(synthDatabase(reversed).json)).toEqual(allRules(synthDatabase(SOURCES).json));
  });

  it("key a group given by reference by its Terraform expression, so the other rules keep theirs", () => {
    const build = (includeLiteral: boolean) =>
      synthDatabase((stack) => {
        const workers = new SecurityGroup(stack, "Workers", { name: "workers" });
        return { allowVpcCidrIngress: false, allowedSecurityGroupIds: includeLiteral ? ["sg-0123456789abcdef0", workers.id] : [workers.id] };
      }).json;
    const both = resourcesOf(build(true), "aws_vpc_security_group_ingress_rule");
    const referenceOnly = resourcesOf(build(false), "aws_vpc_security_group_ingress_rule");
    expect(Object.keys(referenceOnly)).toHaveLength(1);
    const [address, body] = Object.entries(referenceOnly)[0]!;
    expect(body.referenced_security_group_id).toBe("${aws_security_group.Workers.id}");
    expect(both[address]).toEqual(body);
  });
});

describe("sources given by reference", () => {
  it("are refused when two refer to one resource: the rules would be keyed alike, and AWS refuses two equal rules", () => {
    const problems = validationProblems(() =>
      databaseStack((stack) => {
        const workers = new SecurityGroup(stack, "Workers", { name: "workers" });
        return { allowedSecurityGroupIds: [workers.id, "sg-0123456789abcdef0", workers.id] };
      }),
    );
    expect(problems).toEqual([
      {
        property: "allowedSecurityGroupIds[2]",
        received: "${aws_security_group.Workers.id}",
        allowed: expect.stringContaining("it refers to the same source as an earlier entry"),
      },
    ]);
  });

  it("leave a CIDR block's family to Terraform: IPv4 when cidrnetmask reads it, else IPv6", () => {
    const { json } = synthDatabase((stack) => ({
      allowVpcCidrIngress: false,
      allowedCidrBlocks: [new TerraformVariable(stack, "office", { type: "string" }).stringValue],
    }));
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"))).toEqual([
      expect.objectContaining({
        cidr_ipv4: "${can(cidrnetmask(var.office)) ? var.office : null}",
        cidr_ipv6: "${can(cidrnetmask(var.office)) ? null : var.office}",
      }),
    ]);
  });
});

describe("egress", () => {
  it("is closed by default", () => {
    expect(rules(synthDatabase().json, "aws_vpc_security_group_egress_rule")).toEqual([]);
  });

  it("opens to the given blocks, all protocols, with descriptions (0.0.0.0/0 reproduces the original)", () => {
    const { json } = synthDatabase({ egressCidrBlocks: ["0.0.0.0/0", "::/0"] });
    const group = ref("aws_security_group", onlyResource(json, "aws_security_group").name, "id");
    expect(rules(json, "aws_vpc_security_group_egress_rule")).toHaveLength(2);
    expect(rules(json, "aws_vpc_security_group_egress_rule")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ security_group_id: group, ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0", description: "All traffic to 0.0.0.0/0" }),
        expect.objectContaining({ security_group_id: group, ip_protocol: "-1", cidr_ipv6: "::/0", description: "All traffic to ::/0" }),
      ]),
    );
  });
});

it("describes every security group rule", () => {
  const { json } = synthDatabase({ allowedCidrBlocks: ["10.0.0.0/8"], allowedSecurityGroupIds: ["sg-01234567"], egressCidrBlocks: ["10.0.0.0/8"] });
  const all = [...rules(json, "aws_vpc_security_group_ingress_rule"), ...rules(json, "aws_vpc_security_group_egress_rule")];
  expect(all).toHaveLength(4);
  for (const rule of all) expect(rule.description).toMatch(/\S/);
});
