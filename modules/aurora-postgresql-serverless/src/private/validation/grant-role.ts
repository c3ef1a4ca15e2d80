/**
 * The role a grant method (grantDataApiAccess, grantConnect, grantProxyConnect,
 * grantPerformanceInsightsRead, grantReadParameters) is given: an IamRole, or an object with a
 * role's name, which becomes the inline policy's `role`. A literal must be a role's name as IAM
 * allows it, never its ARN; a reference must come from this app, since Terraform cannot resolve a
 * reference to a resource of another CDKTF app.
 */
import { TerraformStack, Token, Tokenization } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import type { ValidationProblem } from "../../validation-error";

/** RoleName of CreateRole: 1–64 of `[\w+=,.@-]` (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

const ROLE_NAME_RULE = "an IAM role's name: 1 to 64 letters, digits and + = , . @ _ - (no path, no ARN)";

/** The app of each construct a reference in `text` points into, by the reference's stack. */
function referencedRoots(text: string): IConstruct[] {
  return Tokenization.reverseString(text).tokens.flatMap((token) => {
    // A resource's attribute is a reference that knows its stack (cdktf's Reference.originStack).
    const stack = (token as { originStack?: unknown }).originStack;
    return TerraformStack.isStack(stack) ? [stack.node.root] : [];
  });
}

/** What is wrong with a grant's `role`, if anything, for a grant made on `grantor`. */
export function grantRoleProblems(role: unknown, grantor: IConstruct): ValidationProblem[] {
  const name = typeof role === "object" && role !== null ? (role as { name?: unknown }).name : undefined;
  if (typeof name !== "string") return [{ property: "role", received: role, allowed: "an IamRole, or an object with the role's name" }];
  const otherApp = "a role of this construct's app: Terraform cannot resolve a reference to a resource of another CDKTF app";
  if (Construct.isConstruct(role) && role.node.root !== grantor.node.root) return [{ property: "role", received: role.node.path, allowed: otherApp }];
  if (Token.isUnresolved(name)) {
    return referencedRoots(name).some((root) => root !== grantor.node.root) ? [{ property: "role.name", received: name, allowed: otherApp }] : [];
  }
  if (name.startsWith("arn:")) {
    const last = name.slice(name.lastIndexOf("/") + 1);
    return [{ property: "role.name", received: name, allowed: `the role's name, not its ARN (here "${last}"): ${ROLE_NAME_RULE}` }];
  }
  return ROLE_NAME.test(name) ? [] : [{ property: "role.name", received: name, allowed: ROLE_NAME_RULE }];
}
