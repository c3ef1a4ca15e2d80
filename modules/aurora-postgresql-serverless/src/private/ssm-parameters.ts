/**
 * The database's connection settings as SSM Parameter Store parameters under one path, so that
 * functions and tools read their configuration at run time instead of from deployment outputs.
 * They hold ARNs, host names, the port and the database name: nothing secret (the password stays
 * in the credentials secret), so they are plain `String` parameters in the free Standard tier.
 *
 * Names follow SSM's rules ("Understanding parameter name requirements and constraints",
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html,
 * and PutParameter's `Name`,
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html):
 * letters, digits and `_ . -` between the `/` of each level, at most 15 levels counting the
 * parameter's own name, no first level starting with `aws` or `ssm` in any case, and at most
 * 1011 characters counting the ARN before the name.
 */
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Construct } from "constructs";
import type { SsmParameterNames } from "../attributes";
import type { AccountContext } from "./account-context";

type ParameterKey = keyof SsmParameterNames;

/** The last level of each parameter's name. These are a contract with the readers: never change one. */
export const PARAMETER_LEAVES: { readonly [K in ParameterKey]: string } = {
  clusterArn: "cluster-arn",
  secretArn: "secret-arn",
  writerEndpoint: "writer-endpoint",
  readerEndpoint: "reader-endpoint",
  port: "port",
  databaseName: "database-name",
};

const LONGEST_LEAF = Math.max(...Object.values(PARAMETER_LEAVES).map((leaf) => leaf.length));

/** SSM's hierarchy limit, counting the parameter's own name as a level. */
const MAX_PARAMETER_LEVELS = 15;
/** The path's own levels: one is left for the parameter's name. */
export const MAX_PATH_LEVELS = MAX_PARAMETER_LEVELS - 1;

/** SSM's limit for a name, which counts the ARN that precedes it. */
const MAX_PARAMETER_NAME_LENGTH = 1011;
/**
 * Room kept for `arn:<partition>:ssm:<region>:<account>:parameter/` before the name: 45
 * characters in us-east-2 (SSM's own example), more in longer partitions and regions, which are
 * known only at apply.
 */
const ARN_BEFORE_NAME_RESERVE = 64;
/** The longest path whose longest parameter name fits SSM's limit in any partition and region. */
export const MAX_PATH_LENGTH = MAX_PARAMETER_NAME_LENGTH - ARN_BEFORE_NAME_RESERVE - "/".length - LONGEST_LEAF;

/** Letters, digits and `_ . - /`, the only characters SSM allows in a name. */
export function hasParameterNameCharacters(path: string): boolean {
  return /^[A-Za-z0-9_.\-/]*$/.test(path);
}

/** Starts with `/`, and every level between slashes has at least one character (no `//`, no trailing `/`). */
export function isParameterPathForm(path: string): boolean {
  return /^(\/[^/]+)+$/.test(path);
}

/** SSM refuses names whose first level starts with `aws` or `ssm`, in any case. */
export function hasReservedFirstLevel(path: string): boolean {
  return /^\/?(aws|ssm)/i.test(path);
}

/** The levels of a path (`/orders/dev` has 2). */
export function pathLevels(path: string): number {
  return path.split("/").filter((level) => level !== "").length;
}

/** The full name of every parameter under `path`. */
export function parameterNames(path: string): SsmParameterNames {
  const names = {} as Record<ParameterKey, string>;
  for (const key of Object.keys(PARAMETER_LEAVES) as ParameterKey[]) names[key] = `${path}/${PARAMETER_LEAVES[key]}`;
  return names;
}

/**
 * The ARN of every parameter (the database's own, or a list of names such as the custom endpoints'), as IAM matches it: the name without its leading slash after
 * `parameter/` (Service Authorization Reference, Systems Manager, resource type `parameter`,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html).
 */
export function parameterArns({ partition, region, accountId }: AccountContext, names: SsmParameterNames | readonly string[]): string[] {
  return Object.values(names).map((name) => `arn:${partition}:ssm:${region}:${accountId}:parameter/${name.slice(1)}`);
}

export interface DatabaseParametersProps {
  /** The validated path, e.g. `/orders/prod`. */
  readonly path: string;
  /** The cluster's identifier, for the descriptions. */
  readonly clusterIdentifier: string;
  /** What each parameter holds; references to the cluster and the secret. */
  readonly values: { readonly [K in ParameterKey]: string };
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One `String` parameter per connection setting. Each construct id comes from the parameter's
 * key, never a position, so its Terraform address never moves. The values are not secret, so
 * they go to `insecure_value`, which plans show; a new value (a new cluster) is an in-place
 * update, a new path replaces the parameters (their names force new ones).
 */
export class DatabaseParameters extends Construct {
  public readonly names: SsmParameterNames;
  public readonly parameters: { readonly [K in ParameterKey]: SsmParameter };

  constructor(scope: Construct, id: string, props: DatabaseParametersProps) {
    super(scope, id);
    this.names = parameterNames(props.path);
    const descriptions: { readonly [K in ParameterKey]: string } = {
      clusterArn: `ARN of the Aurora cluster ${props.clusterIdentifier}, the Data API's resourceArn`,
      secretArn: `ARN of the credentials secret of ${props.clusterIdentifier}, the Data API's secretArn (not its value)`,
      writerEndpoint: `Writer endpoint of ${props.clusterIdentifier}`,
      readerEndpoint: `Reader endpoint of ${props.clusterIdentifier} (the writer when there are no readers)`,
      port: `PostgreSQL port of ${props.clusterIdentifier}`,
      databaseName: `Name of the database in ${props.clusterIdentifier}`,
    };
    const parameters = {} as Record<ParameterKey, SsmParameter>;
    for (const key of Object.keys(PARAMETER_LEAVES) as ParameterKey[]) {
      parameters[key] = new SsmParameter(this, `${key.charAt(0).toUpperCase()}${key.slice(1)}`, {
        name: this.names[key],
        type: "String",
        tier: "Standard",
        insecureValue: props.values[key],
        description: descriptions[key],
        tags: { ...props.tags },
      });
    }
    this.parameters = parameters;
  }
}
