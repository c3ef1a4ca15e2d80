/**
 * The props an interface of the module's props.ts declares, as the TypeScript compiler reads
 * them (its parser, not a pattern over the text): what a reader of the API sees.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";

const PROPS_FILE = resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/src/props.ts");
const source = ts.createSourceFile(PROPS_FILE, readFileSync(PROPS_FILE, "utf8"), ts.ScriptTarget.Latest, true);

function members(interfaceName: string): ts.PropertySignature[] {
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === interfaceName,
  );
  if (declaration === undefined) throw new Error(`props.ts declares no interface ${interfaceName}`);
  return declaration.members.filter(ts.isPropertySignature);
}

export function declaredProps(interfaceName: string): string[] {
  return members(interfaceName).map((member) => member.name.getText(source));
}

/** Each prop's documentation, as TypeDoc and editors read it: its TSDoc comment and tags. */
export function declaredPropDocs(interfaceName: string): { name: string; optional: boolean; comment: string; defaultTag: string | undefined }[] {
  return members(interfaceName).map((member) => {
    const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
    const comment = docs
      .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
      .join("\n")
      .trim();
    const defaultTag = docs.flatMap((doc) => doc.tags ?? []).find((tag) => tag.tagName.text === "default");
    return {
      name: member.name.getText(source),
      optional: member.questionToken !== undefined,
      comment,
      defaultTag: defaultTag === undefined ? undefined : (ts.getTextOfJSDocComment(defaultTag.comment) ?? ""),
    };
  });
}
