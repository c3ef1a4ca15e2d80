/**
 * Short-lived preview databases, one per pull request: a stack `preview-<slug>` with dev's
 * settings, synthesized only when a preview id is given (PREVIEW_ID, or the cdktf context key
 * `previewId`).
 *
 * Any id becomes a slug that is valid in every derived AWS name, and two different ids never
 * share one: an id already in canonical form (lowercase letters, digits, single hyphens, short
 * enough) is kept as it is; any other id is normalized, shortened and suffixed with a hash of
 * the exact id. Canonical ids that look like a hashed slug are hashed too, so the two forms
 * cannot meet.
 */
import { createHash } from "node:crypto";
import { MAX_NAME_LENGTH, ValidationError } from "cdktf-aurora-postgresql-serverless";
import { PROJECT } from "./environments";

export const PREVIEW_ID_VARIABLE = "PREVIEW_ID";
export const PREVIEW_CONTEXT_KEY = "previewId";
const MAX_ID_LENGTH = 128;
const HASH_LENGTH = 10;
const PREVIEW_NAME_PREFIX = `${PROJECT.name}-preview-`;
/** The longest slug whose resource names (`alex-preview-<slug>-…`) fit every AWS limit. */
export const MAX_SLUG_LENGTH = MAX_NAME_LENGTH - PREVIEW_NAME_PREFIX.length;

const CANONICAL = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HASHED = new RegExp(`-[0-9a-f]{${HASH_LENGTH}}$`);

/** The slug of a preview id: the id itself when canonical, else a normalized form plus a hash. */
export function previewSlug(id: string): string {
  if (CANONICAL.test(id) && id.length <= MAX_SLUG_LENGTH && !HASHED.test(id)) return id;
  const hash = createHash("sha256").update(id, "utf8").digest("hex").slice(0, HASH_LENGTH);
  const normalized = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const head = normalized.slice(0, MAX_SLUG_LENGTH - HASH_LENGTH - 1).replace(/-+$/, "");
  return `${head || "id"}-${hash}`;
}

const PREVIEW_STACK_PREFIX = "preview-";

export function previewStackName(id: string): string {
  return `${PREVIEW_STACK_PREFIX}${previewSlug(id)}`;
}

/** Whether a stack is a pull request's preview (`preview-<slug>`). */
export function isPreviewStack(stackName: string): boolean {
  return stackName.startsWith(PREVIEW_STACK_PREFIX);
}

/** The preview id from the environment or the cdktf context; undefined when none is given. */
export function readPreviewId(env: Readonly<Record<string, string | undefined>>, context: unknown): string | undefined {
  const raw = env[PREVIEW_ID_VARIABLE] ?? (context === undefined || context === null ? undefined : String(context));
  const id = raw?.trim();
  if (!id) return undefined;
  if (id.length > MAX_ID_LENGTH) {
    const source = env[PREVIEW_ID_VARIABLE] !== undefined ? PREVIEW_ID_VARIABLE : `context ${PREVIEW_CONTEXT_KEY}`;
    throw new ValidationError("Preview stack", [
      { property: source, received: id, allowed: `an id of 1 to ${MAX_ID_LENGTH} characters, such as a pull request number` },
    ]);
  }
  return id;
}
