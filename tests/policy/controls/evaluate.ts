/**
 * Runs one control on a fixture beside this file: `<file name>.<fixture>.json` (`rds-7.failing.json`),
 * a minimal Terraform JSON document without construct metadata (so findings name addresses).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CONTROLS, type Control, type TerraformDocument } from "cdktf-aurora-postgresql-serverless";

/** `RDS.7` → `rds-7`, `CKV_AWS_133` → `ckv-aws-133`: the file name of a control's source and fixtures. */
export const fileName = (controlId: string) => controlId.toLowerCase().replace(/[._]/g, "-");

export function control(id: string): Control {
  const found = CONTROLS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
}

export function fixture(controlId: string, name: string): TerraformDocument {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, `${fileName(controlId)}.${name}.json`), "utf8")) as TerraformDocument;
}

/** The messages of the control's findings on one of its fixtures. */
export function findingsOn(controlId: string, name: string): string[] {
  return control(controlId)
    .evaluate(fixture(controlId, name))
    .map((finding) => finding.message);
}
