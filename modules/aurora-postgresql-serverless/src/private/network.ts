import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn, TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import type { ResourceNames } from "./naming";
import { parseNetworkCidr } from "./rules";

export const POSTGRES_PORT = 5432;

export interface DatabaseNetworkProps {
  readonly names: ResourceNames;
  readonly vpcId?: string;
  readonly subnetIds?: readonly string[];
  readonly allowVpcCidrIngress: boolean;
  readonly allowedCidrBlocks: readonly string[];
  readonly allowedSecurityGroupIds: readonly string[];
  readonly egressCidrBlocks: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Where the cluster lives and who may reach it: the VPC (the default one unless given), a DB
 * subnet group, and a security group with one described rule per source.
 */
export class DatabaseNetwork extends Construct {
  public readonly vpc: DataAwsVpc;
  public readonly subnetGroup: DbSubnetGroup;
  public readonly securityGroup: SecurityGroup;
  private readonly subnetIds: string[];
  private zones?: string[];

  constructor(scope: Construct, id: string, props: DatabaseNetworkProps) {
    super(scope, id);
    const tags = { ...props.tags };

    this.vpc =
      props.vpcId === undefined
        ? new DataAwsVpc(this, "Vpc", { default: true })
        : new DataAwsVpc(this, "Vpc", { id: props.vpcId });

    const subnetIds =
      props.subnetIds === undefined
        ? new DataAwsSubnets(this, "Subnets", { filter: [{ name: "vpc-id", values: [this.vpc.id] }] }).ids
        : [...props.subnetIds];
    this.subnetIds = subnetIds;

    this.subnetGroup = new DbSubnetGroup(this, "SubnetGroup", {
      name: props.names.subnetGroupName,
      description: `Subnets of the ${props.names.clusterIdentifier} Aurora cluster`,
      subnetIds,
      tags,
    });

    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: props.names.securityGroupName,
      description: `Access to the ${props.names.clusterIdentifier} Aurora cluster`,
      vpcId: this.vpc.id,
      tags,
    });

    // One resource per rule: a rule can change without touching the group or the other rules.
    const securityGroupId = this.securityGroup.id;
    const postgres = { securityGroupId, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, tags };

    if (props.allowVpcCidrIngress) {
      new VpcSecurityGroupIngressRule(this, "IngressFromVpc", {
        ...postgres,
        cidrIpv4: this.vpc.cidrBlock,
        description: "PostgreSQL from the VPC CIDR block",
      });
    }
    props.allowedCidrBlocks.forEach((block, i) => {
      new VpcSecurityGroupIngressRule(this, `IngressFromCidr${i}`, {
        ...postgres,
        ...cidrArgument(block),
        description: `PostgreSQL from ${block}`,
      });
    });
    props.allowedSecurityGroupIds.forEach((sourceId, i) => {
      new VpcSecurityGroupIngressRule(this, `IngressFromSecurityGroup${i}`, {
        ...postgres,
        referencedSecurityGroupId: sourceId,
        description: `PostgreSQL from security group ${sourceId}`,
      });
    });
    props.egressCidrBlocks.forEach((block, i) => {
      new VpcSecurityGroupEgressRule(this, `Egress${i}`, {
        securityGroupId,
        ipProtocol: "-1",
        ...cidrArgument(block),
        description: `All traffic to ${block}`,
        tags,
      });
    });
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
}

function cidrArgument(block: string): { cidrIpv4: string } | { cidrIpv6: string } {
  return parseNetworkCidr(block)?.version === 6 ? { cidrIpv6: block } : { cidrIpv4: block };
}
