/**
 * Reading the synthesized document: resources with their addresses and construct paths, data
 * sources, references between them, and the labels findings name resources by.
 */
import type { Block, TerraformDocument } from "../control";

/** One resource block of the document. */
export interface Resource {
  readonly type: string;
  readonly name: string;
  readonly body: Block;
  /** `type.name` */
  readonly address: string;
  /** Construct path relative to the stack; the address when the block has no construct metadata. */
  readonly path: string;
}

/** The resources of the given types, in document order. */
export function resources(document: TerraformDocument, ...types: string[]): Resource[] {
  return types.flatMap((type) =>
    Object.entries(document.resource?.[type] ?? {}).map(([name, body]) => {
      const address = `${type}.${name}`;
      return { type, name, body, address, path: constructPath(document, body) ?? address };
    }),
  );
}

/** Every resource of the document, whatever its type. */
export function allResources(document: TerraformDocument): Resource[] {
  return resources(document, ...Object.keys(document.resource ?? {}));
}

/** `dev/Database/Cluster` → `Database/Cluster`: paths relative to the stack fit every stack built alike. */
function constructPath(document: TerraformDocument, body: Block): string | undefined {
  const path: unknown = body["//"]?.metadata?.path;
  if (typeof path !== "string") return undefined;
  const segments = path.split("/");
  const stackName = document["//"]?.metadata?.stackName;
  const stackIndex = Math.max(stackName === undefined ? 0 : segments.indexOf(stackName), 0);
  return segments.slice(stackIndex + 1).join("/");
}

/** The body of a data source, by type and name. */
export function dataSource(document: TerraformDocument, type: string, name: string): Block | undefined {
  return document.data?.[type]?.[name];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether a value refers to an attribute of the target (`${aws_rds_cluster.X.arn}`), optionally a given one. */
export function refersTo(value: unknown, target: Resource, attribute = ""): boolean {
  // Not preceded by a name character or a dot, so `data.aws_kms_key.X` is no reference to `aws_kms_key.X`.
  const reference = new RegExp(`(?<![\\w.-])${escape(target.address)}\\.${escape(attribute)}`);
  return typeof value === "string" && reference.test(value);
}

/** Whether a value is a literal, non-empty string (no interpolation). */
export const isLiteral = (value: unknown): value is string => typeof value === "string" && value.length > 0 && !value.includes("${");

/** A string that is set: a literal or an interpolation, but not empty. */
export const isSet = (value: unknown): boolean => typeof value === "string" && value.length > 0;

/** A list attribute, or a single value, as a list. */
export const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** The resource's own name for people: `alex-prod-aurora-cluster`, or its address when it has none written out. */
export function label(resource: Resource): string {
  const { body } = resource;
  return [body.cluster_identifier, body.identifier, body.name, body.name_prefix, body.alarm_name].find(isLiteral) ?? resource.address;
}

/** `aws_rds_cluster.Database_Cluster_X (alex-prod-aurora-cluster) at Database/Cluster` */
export function describe(resource: Resource): string {
  const name = label(resource);
  const named = name === resource.address ? resource.address : `${resource.address} (${name})`;
  return resource.path === resource.address ? named : `${named} at ${resource.path}`;
}
