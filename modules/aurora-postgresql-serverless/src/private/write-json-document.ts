/**
 * JSON documents inside resource arguments (policies, key policies, dashboard bodies) as
 * Terraform's `jsonencode` of an object: an expression that cdktf renders correctly in both JSON
 * and HCL synthesis, with the references inside it intact. A JSON string built around
 * interpolations renders as invalid HCL (`cdktf synth --hcl`).
 */
import { Fn } from "cdktf";

export function jsonDocument(value: object): string {
  refuseUnescapedCharacters(value, "");
  return Fn.jsonencode(value);
}

/**
 * cdktf writes the strings inside `Fn.jsonencode` without escaping `"` or `\\`: one would end
 * the string early and break the expression. No document of this module holds either (names,
 * ARNs and metric names never do); this keeps it so, loudly.
 */
function refuseUnescapedCharacters(value: unknown, path: string): void {
  if (typeof value === "string") {
    if (/["\\]/.test(value))
      throw new Error(`JSON document ${path || "value"}: ${JSON.stringify(value)} holds " or \\, which cdktf's jsonencode rendering does not escape`);
  } else if (Array.isArray(value)) value.forEach((item, index) => refuseUnescapedCharacters(item, `${path}[${index}]`));
  else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) refuseUnescapedCharacters(item, `${path}.${key}`);
}
