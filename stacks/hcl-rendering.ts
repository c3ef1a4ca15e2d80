/**
 * cdktf 0.21 (final) renders some of the terraform block and of the meta-arguments into HCL in
 * forms Terraform refuses or warns about. `cdktf synth --hcl` is the way off CDKTF (README,
 * "Leaving CDKTF for plain Terraform"), so its rendering is corrected here; the JSON synthesis is
 * unchanged. Once cdktf renders them correctly, there is nothing left to replace.
 */
import type { TerraformStack } from "cdktf";

/** The meta-arguments whose entries are references, which cdktf writes as quoted strings. */
const REFERENCE_LISTS = /\b(depends_on|ignore_changes)(\s*=\s*\[)([^\]]*)\]/g;
/** A quoted address or attribute name: `"aws_iam_role.Role_1A2B"`, `"availability_zone"`. */
const QUOTED_REFERENCE = /"([A-Za-z_][A-Za-z0-9_.-]*)"/g;

/**
 * Writes the entries of `depends_on` and `ignore_changes` as references (`aws_x.y`,
 * `availability_zone`) where cdktf quotes them: Terraform takes quoted references but warns
 * "Quoted references are deprecated" on every plan, for every entry.
 */
export function unquoteReferences(hcl: string): string {
  return hcl
    .replace(REFERENCE_LISTS, (_, name: string, open: string, entries: string) => `${name}${open}${entries.replace(QUOTED_REFERENCE, "$1")}]`)
    .replace(/\bignore_changes(\s*=\s*)"all"/g, "ignore_changes$1all");
}

/**
 * cdktf renders every terraform-block attribute other than `required_providers`, `backend` and
 * `cloud` as `<index> = "<name>"`: its renderTerraform passes the attribute names where it means
 * the attributes, so `required_version` comes out as `0 = "required_version"`, which Terraform
 * refuses.
 */
export function restoreRequiredVersion(hcl: string, requiredVersion: string): string {
  return hcl.replace(/^\s*0 = "required_version"$/m, `required_version = ${JSON.stringify(requiredVersion)}`);
}

/** Applies both corrections to the stack's HCL rendering. */
export function correctHclRendering(stack: TerraformStack, requiredVersion: string): void {
  const render = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => {
    const rendered = render();
    return { ...rendered, hcl: unquoteReferences(restoreRequiredVersion(String(rendered.hcl), requiredVersion)) };
  };
}
