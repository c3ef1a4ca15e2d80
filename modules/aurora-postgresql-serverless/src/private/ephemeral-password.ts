import { ref, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";

export interface EphemeralPasswordConfig {
  readonly length: number;
  readonly special: boolean;
  readonly overrideSpecial: string;
}

/**
 * An ephemeral `random_password` (Terraform 1.11+, random provider 3.7+): opened anew in every
 * plan and apply and never written to state or plan files, so it can only feed write-only
 * arguments. cdktf 0.21 has no class for ephemeral resources; this is the one place that writes
 * the block into the stack's JSON, named like a resource at this construct's path.
 */
export class EphemeralPassword extends Construct {
  /** `ephemeral.random_password.<name>.result`, for write-only arguments only. */
  public readonly result: string;

  constructor(scope: Construct, id: string, config: EphemeralPasswordConfig) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const name = stack.getLogicalId(this.node);
    stack.addOverride(`ephemeral.random_password.${name}`, {
      length: config.length,
      special: config.special,
      override_special: config.overrideSpecial,
    });
    this.result = Token.asString(ref(`ephemeral.random_password.${name}.result`, stack));
  }
}
