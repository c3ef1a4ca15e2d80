import { DbProxy } from "@cdktf/provider-aws/lib/db-proxy";
import { DbProxyDefaultTargetGroup } from "@cdktf/provider-aws/lib/db-proxy-default-target-group";
import { DbProxyEndpoint } from "@cdktf/provider-aws/lib/db-proxy-endpoint";
import { DbProxyTarget } from "@cdktf/provider-aws/lib/db-proxy-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn, TerraformLocal, Token } from "cdktf";
import { Construct } from "constructs";
import type { DatabaseProxyOptions } from "../props";
import type { AccountContext } from "./account-context";
import type { ResourceNames } from "./naming";
import { postgresIngressFromSources, postgresRule, replaceableSecurityGroup, ruleSourceKey } from "./network";
import { policyDocument, proxySecretStatements, serviceTrustPolicy, type RegionalKey } from "./policy-documents";

export interface DatabaseProxyProps {
  readonly names: ResourceNames;
  readonly context: AccountContext;
  readonly options: Required<DatabaseProxyOptions>;
  readonly vpcId: string;
  /** The subnets of the cluster's subnet group. */
  readonly subnetIds: string[];
  /**
   * The cluster's security groups: the one the construct created, which admits the proxy's (one
   * id, `owned`), or existing ones, whose owner admits the proxy's group in their own rules.
   */
  readonly clusterSecurityGroups: { readonly ids: readonly string[]; readonly owned: boolean };
  readonly clusterIdentifier: string;
  /** The secret the proxy logs in with: the construct's, or the one RDS manages. */
  readonly secretArn: string;
  /** The customer-managed key of the secret, if any. */
  readonly secretKey?: RegionalKey;
  /** The managed policy that bounds the role's permissions, if any. */
  readonly permissionsBoundary?: string;
  /** Registered as targets only once they exist: the writer, then the readers. */
  readonly instances: readonly RdsClusterInstance[];
  readonly hasReaders: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * An RDS Proxy in front of the cluster: TLS required, its own role reading only the secrets it
 * logs in with (the cluster's and those of the users registered besides), its own security group
 * (admitted to the cluster's on 5432, reaching nothing else), the default target group with its
 * pool settings, the cluster as target and, with readers, a read-only endpoint.
 */
export class DatabaseProxy extends Construct {
  public readonly proxy: DbProxy;
  public readonly role: IamRole;
  public readonly securityGroup: SecurityGroup;
  public readonly readOnlyEndpoint?: DbProxyEndpoint;
  /** Whether clients log in with IAM (`rds-db:connect` on the proxy). */
  public readonly iamAuthentication: boolean;
  private resourceIdLocal?: TerraformLocal;

  constructor(scope: Construct, id: string, props: DatabaseProxyProps) {
    super(scope, id);
    const { names, options } = props;
    const tags = { ...props.tags };
    this.iamAuthentication = options.iamAuthentication;
    const region = props.context.region;

    this.role = new IamRole(this, "Role", {
      name: names.proxyRoleName,
      description: `RDS Proxy ${names.proxyName} reading the credentials of ${props.clusterIdentifier}`,
      assumeRolePolicy: serviceTrustPolicy("rds.amazonaws.com", props.context.accountId),
      permissionsBoundary: props.permissionsBoundary,
      tags,
    });
    const policy = new IamRolePolicy(this, "Policy", {
      name: names.proxyPolicyName,
      role: this.role.name,
      policy: policyDocument(
        proxySecretStatements(
          { arn: props.secretArn, key: props.secretKey },
          options.users.map(({ secretArn, kmsKeyArn }) => ({ arn: secretArn, key: kmsKeyArn === undefined ? undefined : { arn: kmsKeyArn, region } })),
        ),
      ),
    });

    this.securityGroup = replaceableSecurityGroup(this, "SecurityGroup", {
      namePrefix: names.proxySecurityGroupNamePrefix,
      name: names.proxySecurityGroupName,
      description: `Access to the ${names.proxyName} RDS Proxy`,
      vpcId: props.vpcId,
      tags,
    });
    const proxyGroupId = this.securityGroup.id;
    postgresIngressFromSources(this, proxyGroupId, { cidrBlocks: options.allowedCidrBlocks, securityGroupIds: options.allowedSecurityGroupIds }, tags);
    const { ids: clusterGroupIds, owned } = props.clusterSecurityGroups;
    if (owned) {
      const [clusterGroupId] = clusterGroupIds as [string];
      new VpcSecurityGroupEgressRule(this, "EgressToCluster", {
        ...postgresRule(proxyGroupId, tags),
        referencedSecurityGroupId: clusterGroupId,
        description: `PostgreSQL to the ${props.clusterIdentifier} Aurora cluster`,
      });
      new VpcSecurityGroupIngressRule(this, "ClusterIngressFromProxy", {
        ...postgresRule(clusterGroupId, tags),
        referencedSecurityGroupId: proxyGroupId,
        description: `PostgreSQL from the ${names.proxyName} RDS Proxy`,
      });
    } else {
      // Existing groups get no rule from here: only the proxy's own group reaches them.
      for (const groupId of clusterGroupIds) {
        new VpcSecurityGroupEgressRule(this, `EgressToCluster-${ruleSourceKey(this, groupId)}`, {
          ...postgresRule(proxyGroupId, tags),
          referencedSecurityGroupId: groupId,
          description: `PostgreSQL to security group ${groupId} of the ${props.clusterIdentifier} Aurora cluster`,
        });
      }
    }

    this.proxy = new DbProxy(this, "Proxy", {
      name: names.proxyName,
      engineFamily: "POSTGRESQL",
      requireTls: true,
      debugLogging: false,
      idleClientTimeout: options.idleClientTimeoutSeconds,
      roleArn: this.role.arn,
      vpcSubnetIds: props.subnetIds,
      vpcSecurityGroupIds: [proxyGroupId],
      // One entry per secret, the master user's first. The user name comes from the secret: RDS
      // refuses a UserName with the SECRETS scheme ("UserName must not be set in UserAuthConfig when
      // SECRETS AuthScheme is used", https://github.com/hashicorp/terraform-provider-aws/issues/40776).
      auth: [
        { secretArn: props.secretArn, description: `Master user of ${props.clusterIdentifier}` },
        ...options.users.map(({ username, secretArn }) => ({ secretArn, description: `User ${username} of ${props.clusterIdentifier}` })),
      ].map(({ secretArn, description }) => ({
        authScheme: "SECRETS",
        secretArn,
        iamAuth: options.iamAuthentication ? "REQUIRED" : "DISABLED",
        clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
        description,
      })),
      tags,
      // The proxy checks at creation that its role can read the secret.
      dependsOn: [policy],
    });
    const targetGroup = new DbProxyDefaultTargetGroup(this, "TargetGroup", {
      dbProxyName: this.proxy.name,
      connectionPoolConfig: {
        maxConnectionsPercent: options.maxConnectionsPercent,
        maxIdleConnectionsPercent: options.maxIdleConnectionsPercent,
        connectionBorrowTimeout: options.connectionBorrowTimeoutSeconds,
      },
    });
    new DbProxyTarget(this, "Target", {
      dbProxyName: this.proxy.name,
      targetGroupName: targetGroup.name,
      dbClusterIdentifier: props.clusterIdentifier,
      // A cluster without an available instance cannot be registered.
      dependsOn: [...props.instances],
    });

    if (props.hasReaders) {
      this.readOnlyEndpoint = new DbProxyEndpoint(this, "ReadOnlyEndpoint", {
        dbProxyName: this.proxy.name,
        dbProxyEndpointName: names.proxyReadOnlyEndpointName,
        vpcSubnetIds: props.subnetIds,
        vpcSecurityGroupIds: [proxyGroupId],
        targetRole: "READ_ONLY",
        tags,
      });
    }
  }

  /**
   * The `prx-…` id at the end of the proxy's ARN, which `rds-db:connect` ARNs name; a local,
   * created on first use, so that policies embedding it hold a plain reference rather than an
   * expression with quotes.
   */
  public get resourceId(): string {
    this.resourceIdLocal ??= new TerraformLocal(this, "ResourceId", Fn.element(Fn.split(":", this.proxy.arn), 6));
    return Token.asString(this.resourceIdLocal.expression);
  }
}
