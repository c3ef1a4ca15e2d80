/**
 * What every stack of the app starts with: the Terraform version it requires, the AWS
 * provider for its region, and its backend.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { TerraformStack } from "cdktf";
import { configureBackend, type CloudSettings } from "./backend";
import { correctHclRendering } from "./hcl-rendering";
import { REQUIRED_TERRAFORM_VERSION } from "./terraform-version";

export interface StackSettings {
  readonly region: string;
  readonly cloud?: CloudSettings;
}

export function applyStackSettings(stack: TerraformStack, stackName: string, { region, cloud }: StackSettings): void {
  // cdktf has no property for it; Terraform refuses to run an older CLI with a clear message.
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  correctHclRendering(stack, REQUIRED_TERRAFORM_VERSION);
  new AwsProvider(stack, "aws", { region });
  configureBackend(stack, stackName, cloud);
}
