/**
 * The identity policies of a document and their statements: policy resources, a role's
 * `inline_policy` blocks, and the `aws_iam_policy_document` data sources they refer to.
 */
import type { Block, TerraformDocument } from "../control";
import { asList, dataSource, resources, type Resource } from "./document";
import { readJsonDocument } from "./read-json-document";

/** A policy statement as IAM reads it, from policy JSON or from an `aws_iam_policy_document` block. */
export interface Statement {
  readonly sid?: string;
  /** `Allow` unless written otherwise (the data source's default; policy JSON always writes one). */
  readonly effect: string;
  readonly actions: readonly string[];
  /** The statement names the actions it does not allow (`NotAction`): every other action. */
  readonly exceptActions: boolean;
  readonly resources: readonly string[];
  /** The statement names the resources it does not apply to (`NotResource`): every other resource. */
  readonly exceptResources: boolean;
}

/** One identity policy: the resource holding it, and its statements when they can be read at synth. */
export interface IdentityPolicy {
  readonly owner: Resource;
  /** The name of a role's inline policy block; undefined for a policy resource. */
  readonly inlineName?: string;
  readonly statements?: readonly Statement[];
}

const POLICY_RESOURCES = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"];
const POLICY_DOCUMENT_REFERENCE = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.(?:json|minified_json)\}$/;
/** Arguments that merge other documents or generate statements: the result is only known at plan. */
const MERGING_ARGUMENTS = ["source_policy_documents", "override_policy_documents", "dynamic"];

const isBlock = (value: unknown): value is Block => typeof value === "object" && value !== null && !Array.isArray(value);
const strings = (value: unknown) => asList(value).map(String);

export function identityPolicies(document: TerraformDocument): IdentityPolicy[] {
  const standalone = resources(document, ...POLICY_RESOURCES).map((owner) => ({ owner, statements: statementsOf(document, owner.body.policy) }));
  const inline = resources(document, "aws_iam_role").flatMap((owner) =>
    asList(owner.body.inline_policy)
      .filter((block): block is Block => isBlock(block) && block.policy !== undefined)
      .map((block) => ({ owner, inlineName: String(block.name ?? "(unnamed)"), statements: statementsOf(document, block.policy) })),
  );
  return [...standalone, ...inline];
}

/** Statements of literal policy JSON or `jsonencode` of it, or of the policy document data source the policy is exactly a reference to. */
function statementsOf(document: TerraformDocument, policy: unknown): Statement[] | undefined {
  if (typeof policy !== "string") return undefined;
  const reference = POLICY_DOCUMENT_REFERENCE.exec(policy);
  if (reference) return documentStatements(dataSource(document, "aws_iam_policy_document", reference[1]!));
  const parsed = readJsonDocument(policy);
  const blocks = isBlock(parsed) ? asList(parsed.Statement) : [];
  if (blocks.length === 0) return undefined;
  return readStatements(blocks, POLICY_JSON);
}

function documentStatements(source: Block | undefined): Statement[] | undefined {
  if (!source || MERGING_ARGUMENTS.some((argument) => source[argument] !== undefined)) return undefined;
  return readStatements(asList(source.statement), POLICY_DOCUMENT);
}

/** How a statement spells its parts: in policy JSON, and in an `aws_iam_policy_document` block. */
interface Spelling {
  readonly sid: string;
  readonly effect: string;
  readonly actions: string;
  readonly notActions: string;
  readonly resources: string;
  readonly notResources: string;
}
const POLICY_JSON: Spelling = { sid: "Sid", effect: "Effect", actions: "Action", notActions: "NotAction", resources: "Resource", notResources: "NotResource" };
const POLICY_DOCUMENT: Spelling = {
  sid: "sid",
  effect: "effect",
  actions: "actions",
  notActions: "not_actions",
  resources: "resources",
  notResources: "not_resources",
};

function readStatements(blocks: readonly unknown[], spelling: Spelling): Statement[] | undefined {
  if (!blocks.every(isBlock)) return undefined;
  return blocks.map((statement) => ({
    sid: statement[spelling.sid],
    effect: statement[spelling.effect] ?? "Allow",
    actions: strings(statement[spelling.actions]),
    exceptActions: statement[spelling.notActions] !== undefined,
    resources: strings(statement[spelling.resources]),
    exceptResources: statement[spelling.notResources] !== undefined,
  }));
}
