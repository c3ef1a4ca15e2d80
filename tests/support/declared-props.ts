/** The props an interface of the module's props.ts declares, read from the source as a reader sees them. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const PROPS_SOURCE = readFileSync(resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/src/props.ts"), "utf8");

export function declaredProps(interfaceName: string): string[] {
  const start = PROPS_SOURCE.indexOf(`export interface ${interfaceName} {`);
  if (start < 0) throw new Error(`props.ts declares no interface ${interfaceName}`);
  const body = PROPS_SOURCE.slice(start, PROPS_SOURCE.indexOf("\n}", start));
  return [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((match) => match[1]!);
}
