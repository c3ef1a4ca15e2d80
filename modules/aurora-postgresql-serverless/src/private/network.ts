import { DataAwsDbSubnetGroup } from "@cdktf/provider-aws/lib/data-aws-db-subnet-group";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { DefaultTokenResolver, Fn, StringConcat, TerraformIterator, TerraformStack, Token, Tokenization } from "cdktf";
import { Construct } from "constructs";
import type { ValidationProblem } from "../validation-error";
import { ADDED_TAG_KEYS, type ResourceNames } from "./naming";
import { parseNetworkCidr } from "./validation/formats";

export const POSTGRES_PORT = 5432;

export interface DatabaseNetworkProps {
  readonly names: ResourceNames;
  readonly vpcId?: string;
  readonly subnetIds?: readonly string[];
  readonly allowVpcCidrIngress: boolean;
  readonly allowedCidrBlocks: readonly string[];
  readonly allowedSecurityGroupIds: readonly string[];
  readonly egressCidrBlocks: readonly string[];
  /** Existing security groups of the cluster, instead of one created here (and none of its rules). */
  readonly securityGroupIds?: readonly string[];
  /** An existing DB subnet group, instead of one created here: the VPC and subnets are its own. */
  readonly subnetGroupName?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Where the cluster lives and who may reach it: the VPC (the default one unless given), a DB
 * subnet group, and a security group with one described rule per source. An existing subnet
 * group or existing security groups stand in for the created ones; the VPC and the subnets are
 * then the existing group's, looked up only when something needs them.
 */
export class DatabaseNetwork extends Construct {
  /** The DB subnet group created here; undefined with an existing one. */
  public readonly subnetGroup?: DbSubnetGroup;
  /** The security group created here; undefined with existing ones. */
  public readonly securityGroup?: SecurityGroup;
  /** The name of the cluster's DB subnet group, created here or existing. */
  public readonly subnetGroupName: string;
  /** The cluster's security groups: the one created here, or the existing ones. */
  public readonly securityGroupIds: string[];
  private vpc?: DataAwsVpc;
  private existingSubnetGroup?: DataAwsDbSubnetGroup;
  private readonly givenSubnetIds?: string[];
  private zones?: string[];

  constructor(scope: Construct, id: string, props: DatabaseNetworkProps) {
    super(scope, id);
    const tags = { ...props.tags };

    if (props.subnetGroupName === undefined) {
      this.vpc = props.vpcId === undefined ? new DataAwsVpc(this, "Vpc", { default: true }) : new DataAwsVpc(this, "Vpc", { id: props.vpcId });
      const subnetIds =
        props.subnetIds === undefined ? new DataAwsSubnets(this, "Subnets", { filter: [{ name: "vpc-id", values: [this.vpc.id] }] }).ids : [...props.subnetIds];
      this.givenSubnetIds = subnetIds;

      this.subnetGroup = new DbSubnetGroup(this, "SubnetGroup", {
        name: props.names.subnetGroupName,
        description: `Subnets of the ${props.names.clusterIdentifier} Aurora cluster`,
        subnetIds,
        tags,
      });
      this.subnetGroupName = this.subnetGroup.name;
    } else {
      this.subnetGroupName = props.subnetGroupName;
    }

    if (props.securityGroupIds !== undefined) {
      // The groups are someone else's: no rule is added to them.
      this.securityGroupIds = [...props.securityGroupIds];
      return;
    }
    this.securityGroup = replaceableSecurityGroup(this, "SecurityGroup", {
      namePrefix: props.names.securityGroupNamePrefix,
      name: props.names.securityGroupName,
      description: `Access to the ${props.names.clusterIdentifier} Aurora cluster`,
      vpcId: this.vpcId,
      tags,
    });
    const securityGroupId = this.securityGroup.id;
    this.securityGroupIds = [securityGroupId];

    if (props.allowVpcCidrIngress) {
      new VpcSecurityGroupIngressRule(this, "IngressFromVpc", {
        ...postgresRule(securityGroupId, tags),
        cidrIpv4: this.vpcData().cidrBlock,
        description: "PostgreSQL from the VPC CIDR block",
      });
    }
    postgresIngressFromSources(this, securityGroupId, { cidrBlocks: props.allowedCidrBlocks, securityGroupIds: props.allowedSecurityGroupIds }, tags);
    for (const block of props.egressCidrBlocks) {
      new VpcSecurityGroupEgressRule(this, `EgressTo-${ruleSourceKey(this, block)}`, {
        securityGroupId,
        ipProtocol: "-1",
        ...cidrArgument(block),
        description: `All traffic to ${block}`,
        tags,
      });
    }
  }

  /** The VPC's id: the given or default VPC's, or that of the existing subnet group. */
  public get vpcId(): string {
    return this.vpc?.id ?? this.existingGroup().vpcId;
  }

  /** The subnet group's subnets: the given or the VPC's, or those of the existing subnet group. */
  public get subnetIds(): string[] {
    return this.givenSubnetIds ?? this.existingGroup().subnetIds;
  }

  /**
   * The availability zones of the subnet group's subnets, sorted, as a Terraform list; looked
   * up on first use only.
   */
  public availabilityZones(): string[] {
    if (!this.zones) {
      const subnets = TerraformIterator.fromList(this.subnetIds);
      const details = new DataAwsSubnet(this, "SubnetDetails", { forEach: subnets, id: subnets.value });
      const zones = TerraformIterator.fromDataSources(details).pluckProperty("availability_zone");
      this.zones = Fn.sort(Fn.distinct(Token.asList(zones)));
    }
    return this.zones;
  }

  /** The existing subnet group, looked up on first use only. */
  private existingGroup(): DataAwsDbSubnetGroup {
    this.existingSubnetGroup ??= new DataAwsDbSubnetGroup(this, "ExistingSubnetGroup", { name: this.subnetGroupName });
    return this.existingSubnetGroup;
  }

  /** The VPC, for its CIDR block: the given or default one, or the existing subnet group's. */
  private vpcData(): DataAwsVpc {
    this.vpc ??= new DataAwsVpc(this, "Vpc", { id: this.vpcId });
    return this.vpc;
  }
}

export interface ReplaceableSecurityGroupProps {
  /** Completed by AWS with a random suffix. */
  readonly namePrefix: string;
  /** The `Name` tag, since the AWS name carries a suffix. */
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A security group named by a prefix and replaced create-before-destroy: a group that a cluster
 * or proxy still uses cannot be deleted first, and a fixed name would collide with its successor.
 */
export function replaceableSecurityGroup(scope: Construct, id: string, props: ReplaceableSecurityGroupProps): SecurityGroup {
  const [nameTag] = ADDED_TAG_KEYS;
  return new SecurityGroup(scope, id, {
    namePrefix: props.namePrefix,
    description: props.description,
    vpcId: props.vpcId,
    tags: { [nameTag]: props.name, ...props.tags },
    lifecycle: { createBeforeDestroy: true },
  });
}

/** The arguments every PostgreSQL rule of a group shares. */
export function postgresRule(securityGroupId: string, tags: Readonly<Record<string, string>>) {
  return { securityGroupId, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, tags: { ...tags } };
}

/**
 * One PostgreSQL ingress rule per source, keyed by it: adding or removing a source leaves every
 * other rule's address and body as they are.
 */
export function postgresIngressFromSources(
  scope: Construct,
  securityGroupId: string,
  sources: { readonly cidrBlocks: readonly string[]; readonly securityGroupIds: readonly string[] },
  tags: Readonly<Record<string, string>>,
): void {
  const postgres = postgresRule(securityGroupId, tags);
  for (const block of sources.cidrBlocks) {
    new VpcSecurityGroupIngressRule(scope, `IngressFrom-${ruleSourceKey(scope, block)}`, {
      ...postgres,
      ...cidrArgument(block),
      description: `PostgreSQL from ${block}`,
    });
  }
  for (const sourceId of sources.securityGroupIds) {
    new VpcSecurityGroupIngressRule(scope, `IngressFrom-${ruleSourceKey(scope, sourceId)}`, {
      ...postgres,
      referencedSecurityGroupId: sourceId,
      description: `PostgreSQL from security group ${sourceId}`,
    });
  }
}

/**
 * What a rule is keyed by: the source as written or, for a reference such as another group's
 * id, its Terraform expression (stable while that resource's address is).
 */
export function ruleSourceKey(scope: Construct, source: string): string {
  if (!Token.isUnresolved(source)) return source;
  const resolver = new DefaultTokenResolver(new StringConcat());
  return String(Tokenization.resolve(source, { scope: TerraformStack.of(scope), resolver, preparing: false }));
}

/** The rule's argument for its family; a reference's family is only known to Terraform. */
function cidrArgument(block: string): { cidrIpv4?: string; cidrIpv6?: string } {
  if (Token.isUnresolved(block)) {
    // cidrnetmask accepts IPv4 blocks only.
    const isIpv4 = Fn.can(Fn.cidrnetmask(block));
    return {
      cidrIpv4: Token.asString(Fn.conditional(isIpv4, block, Token.nullValue())),
      cidrIpv6: Token.asString(Fn.conditional(isIpv4, Token.nullValue(), block)),
    };
  }
  return parseNetworkCidr(block)?.version === 6 ? { cidrIpv6: block } : { cidrIpv4: block };
}

/**
 * Rule sources that the rules would key alike: two references to one resource, which
 * validation (comparing values) cannot tell apart. AWS refuses two equal rules in a group.
 */
export function repeatedRuleSources(scope: Construct, lists: Readonly<Record<string, readonly string[]>>): ValidationProblem[] {
  return Object.entries(lists).flatMap(([property, list]) => {
    const seen = new Set<string>();
    return list.flatMap((source, index) => {
      const key = ruleSourceKey(scope, source);
      const repeat = seen.has(key);
      seen.add(key);
      return repeat && Token.isUnresolved(source)
        ? [
            {
              property: `${property}[${index}]`,
              received: key,
              allowed: "an entry listed once: it refers to the same source as an earlier entry, and AWS refuses two equal security group rules",
            },
          ]
        : [];
    });
  });
}
