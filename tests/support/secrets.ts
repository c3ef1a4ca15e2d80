/** Finds places where a password, secret value or token is written as plain text. */
import type { Block } from "./synth";

const SECRET_KEY = /password|secret_string|token/i;

/** Paths of string values under secret-looking keys that are not pure Terraform references. */
export function plaintextSecretPaths(node: unknown, path = "$"): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => plaintextSecretPaths(item, `${path}[${i}]`));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node as Block).flatMap(([key, value]) => {
    const here = `${path}.${key}`;
    if (typeof value === "string" && SECRET_KEY.test(key) && !/^\$\{[^}]+\}$/.test(value) && !value.startsWith("${jsonencode(")) {
      return [here];
    }
    return plaintextSecretPaths(value, here);
  });
}

/** A reference to a `random_password` resource, whose result Terraform stores; ephemeral ones it never stores. */
const STORED_PASSWORD = /(?<!ephemeral\.)\brandom_password\./;

/** Every place a stored generated password is referenced, as `<resource type>.<attribute>`. */
export function passwordReferences(json: Block): string[] {
  const found: string[] = [];
  for (const [type, blocks] of Object.entries((json.resource ?? {}) as Record<string, Record<string, Block>>)) {
    for (const body of Object.values(blocks)) {
      for (const [attribute, value] of Object.entries(body)) {
        if (STORED_PASSWORD.test(JSON.stringify(value))) found.push(`${type}.${attribute}`);
      }
    }
  }
  for (const [name, output] of Object.entries((json.output ?? {}) as Record<string, Block>)) {
    if (STORED_PASSWORD.test(JSON.stringify(output))) found.push(`output.${name}`);
  }
  return found.sort();
}
