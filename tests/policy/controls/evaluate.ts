/**
 * Runs one control on a fixture beside its test: `<id>.failing.json` or `<id>.passing.json`,
 * minimal Terraform JSON documents without construct metadata (so findings name addresses).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CONTROLS, type Control, type TerraformDocument } from "cdktf-aurora-postgresql-serverless";

/** `RDS.7` → `rds-7`, `CKV_AWS_133` → `ckv-aws-133`: the file name of a control's source, test and fixtures. */
export const fileName = (controlId: string) => controlId.toLowerCase().replace(/[._]/g, "-");

export function control(id: string): Control {
  const found = CONTROLS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
}

export function fixture(controlId: string, kind: "failing" | "passing"): TerraformDocument {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, `${fileName(controlId)}.${kind}.json`), "utf8")) as TerraformDocument;
}

/** The messages of the control's findings on its failing or passing fixture. */
export function findingsOn(controlId: string, kind: "failing" | "passing"): string[] {
  return control(controlId).evaluate(fixture(controlId, kind)).map((finding) => finding.message);
}
