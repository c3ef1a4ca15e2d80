import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { AccountContext } from "./account-context";
import type { ResourceNames } from "./naming";
import { lambdaLogStatements, lambdaTrustPolicy, policyDocument, type PolicyStatement } from "./policy-documents";

export interface LambdaDataApiRoleProps {
  readonly names: ResourceNames;
  readonly context: AccountContext;
  /** Data API statements for this cluster and secret. */
  readonly dataApiStatements: readonly PolicyStatement[];
  /** Reading the database's SSM parameters, so that functions read their configuration at run time; empty when there are none. */
  readonly parameterStatements: readonly PolicyStatement[];
  /** Only the log groups of functions whose names start with it; every Lambda log group when undefined. */
  readonly functionNamePrefix?: string;
  /** The managed policy that bounds the role's permissions, if any. */
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A role for Lambda functions that use the Data API: trusted by Lambda only, with one inline
 * policy and no managed policy attached.
 */
export class LambdaDataApiRole extends Construct {
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: LambdaDataApiRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "Role", {
      name: props.names.lambdaRoleName,
      description: `Lambda functions using the Data API of ${props.names.clusterIdentifier}`,
      assumeRolePolicy: lambdaTrustPolicy(),
      permissionsBoundary: props.permissionsBoundary,
      tags: { ...props.tags },
    });
    this.policy = new IamRolePolicy(this, "Policy", {
      name: props.names.lambdaPolicyName,
      role: this.role.name,
      policy: policyDocument([...props.dataApiStatements, ...props.parameterStatements, ...lambdaLogStatements(props.context, props.functionNamePrefix)]),
    });
  }
}
