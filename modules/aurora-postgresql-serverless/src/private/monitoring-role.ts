/** The Enhanced Monitoring role (`monitoringIntervalSeconds`). */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import type { AccountContext } from "./account-context";
import type { ResourceNames } from "./naming";
import { serviceTrustPolicy } from "./policy-documents";

export interface MonitoringRoleProps {
  readonly names: ResourceNames;
  readonly context: AccountContext;
  /** The managed policy that bounds the role's permissions, if any. */
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The role Enhanced Monitoring uses to publish OS metrics, with AWS's managed policy for it. */
export class MonitoringRole extends Construct {
  public readonly role: IamRole;
  /** RDS refuses the role until its policy is attached: instances depend on this, not only on the role. */
  public readonly policyAttachment: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, { names, context, permissionsBoundary, tags }: MonitoringRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "Role", {
      name: names.monitoringRoleName,
      description: `Enhanced Monitoring of ${names.clusterIdentifier}`,
      assumeRolePolicy: serviceTrustPolicy("monitoring.rds.amazonaws.com", context.accountId),
      permissionsBoundary,
      tags: { ...tags },
    });
    this.policyAttachment = new IamRolePolicyAttachment(this, "ManagedPolicy", {
      role: this.role.name,
      policyArn: `arn:${context.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
  }
}
