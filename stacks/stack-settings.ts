/**
 * What every stack of the app starts with: the Terraform version it requires, the AWS
 * provider for its region, and its backend.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { TerraformStack } from "cdktf";
import { type CloudSettings, configureBackend } from "./backend";
import { REQUIRED_TERRAFORM_VERSION } from "./terraform-version";

export interface StackSettings {
  readonly region: string;
  readonly cloud?: CloudSettings;
}

export function applyStackSettings(stack: TerraformStack, stackName: string, { region, cloud }: StackSettings): void {
  // cdktf has no property for it; Terraform refuses to run an older CLI with a clear message.
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  keepRequiredVersionInHcl(stack);
  new AwsProvider(stack, "aws", { region });
  configureBackend(stack, stackName, cloud);
}

/**
 * cdktf 0.21 (final) renders every terraform-block attribute other than `required_providers`,
 * `backend` and `cloud` as `<index> = "<name>"` in HCL: its renderTerraform passes the attribute
 * names where it means the attributes, so `cdktf synth --hcl` would write
 * `0 = "required_version"`, which Terraform refuses. This puts the attribute back in that one
 * rendering; once cdktf renders it correctly, there is nothing to replace.
 */
function keepRequiredVersionInHcl(stack: TerraformStack): void {
  const render = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => {
    const rendered = render();
    return { ...rendered, hcl: String(rendered.hcl).replace(/^\s*0 = "required_version"$/m, `required_version = ${JSON.stringify(REQUIRED_TERRAFORM_VERSION)}`) };
  };
}
