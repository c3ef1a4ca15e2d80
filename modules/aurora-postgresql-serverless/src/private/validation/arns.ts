/**
 * ARNs given to the construct: the patterns of the parts they share (every check of an ARN the
 * props give builds on them), their parts, and the forms IAM and Secrets Manager give the ones it
 * is handed (a permissions boundary, the secrets of a proxy's users). Each `…Problem` returns what
 * is wrong, in words, or nothing; the rules word the rest.
 */
import { partitionOfRegion } from "../../partitions";
import { PARTITION_BOUNDARY } from "../deployment-region";
import type { EntryCheck } from "./engine";

/** `arn:partition:service:region:account:resource` (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns). */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** `aws`, or `aws-` and the partition's name (`aws-cn`, `aws-us-gov`, `aws-iso-b`). */
const PARTITION_PATTERN = "aws(?:-[a-z]+)*";
/** A region's name: `us-east-1`, `us-gov-west-1`, `ap-southeast-5`. */
const REGION_PATTERN = "[a-z]{2,}(?:-[a-z]+)+-\\d+";
const ACCOUNT_ID_PATTERN = "\\d{12}";

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const PARTITION = whole(PARTITION_PATTERN);

/** Whether `name` has a partition's form (see PARTITION_PATTERN); not whether AWS has that partition. */
export const isPartitionName = (name: string): boolean => PARTITION.test(name);
const REGION = whole(REGION_PATTERN);
const ACCOUNT_ID = whole(ACCOUNT_ID_PATTERN);

/**
 * `arn:<partition>:<service>:<region>:<account>:`, the start of an ARN of a regional service's
 * resource in an account, as a pattern (no anchors) that the service's resource part follows.
 */
export function regionalArnPrefix(service: string): string {
  return `arn:${PARTITION_PATTERN}:${service}:${REGION_PATTERN}:${ACCOUNT_ID_PATTERN}:`;
}

/** The six parts of an ARN; undefined for text that is not one. */
export function parseArn(value: string): Arn | undefined {
  const parts = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.+)$/s.exec(value);
  if (!parts) return undefined;
  const [, partition, service, region, account, resource] = parts as unknown as [string, string, string, string, string, string];
  return { partition, service, region, account, resource };
}

/** White space, which no ARN holds: a pasted value's stray space or line break. */
function whiteSpaceProblem(value: string): string | undefined {
  return /\s/.test(value) ? "it holds white space, which no ARN does (a stray space, tab or line break)" : undefined;
}

/** What is wrong with the parts every ARN of `service` shares, if anything. */
function commonProblem(value: string, service: string): string | undefined {
  const spaced = whiteSpaceProblem(value);
  if (spaced !== undefined) return spaced;
  const arn = parseArn(value);
  if (arn === undefined) return "it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)";
  if (!PARTITION.test(arn.partition)) return `its partition "${arn.partition}" is none: aws, or aws- and the partition's name (aws-cn, aws-us-gov)`;
  if (arn.service !== service) return `it is an ARN of ${arn.service === "" ? "no service" : arn.service}, not of ${service}`;
  return undefined;
}

/**
 * IAM's rules for managed policies (CreatePolicy,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html): a name of 1–128
 * characters of `[\w+=,.@-]`; a path of segments of `[A-Za-z0-9.,+@=_-]`, each followed by `/`,
 * at most 512 characters with its slashes; and an ARN `arn:<partition>:iam::<account>:policy<path><name>`
 * with an empty region, the account's 12 digits or `aws` for an AWS managed policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
 * CreateRole takes the boundary as such an ARN of 20 to 2048 characters
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
 */
const POLICY = { name: /^[\w+=,.@-]{1,128}$/, pathSegment: /^[A-Za-z0-9.,+@=_-]+$/, maxPathLength: 512, maxArnLength: 2048 } as const;

/** What is wrong with an IAM managed policy's ARN, if anything. */
export function policyArnProblem(value: string): string | undefined {
  const common = commonProblem(value, "iam");
  if (common !== undefined) return common;
  const { region, account, resource } = parseArn(value)!;
  if (region !== "") return `its region is "${region}": IAM is global, and its ARNs have none (arn:aws:iam::…)`;
  if (!ACCOUNT_ID.test(account) && account !== "aws") return `its account is "${account}": 12 digits, or aws for an AWS managed policy`;
  const [type, ...rest] = resource.split("/");
  if (type !== "policy" || rest.length === 0) return `it names ${type === "" ? "no resource" : `a ${type}`}, not a managed policy (…:policy/<name>)`;
  const name = rest.pop()!;
  const path = `/${rest.map((segment) => `${segment}/`).join("")}`;
  if (!rest.every((segment) => POLICY.pathSegment.test(segment))) {
    return `its path "${path}" holds an empty segment or a character other than letters, digits and . , + @ = _ -`;
  }
  if (path.length > POLICY.maxPathLength) return `its path is ${path.length} characters long, more than IAM's ${POLICY.maxPathLength}`;
  if (!POLICY.name.test(name)) return `its policy name "${name}" is not 1 to 128 letters, digits and + = , . @ _ -`;
  if (value.length > POLICY.maxArnLength) return `it is ${value.length} characters long, more than IAM's ${POLICY.maxArnLength}`;
  return undefined;
}

/**
 * A secret's full ARN: Secrets Manager adds a hyphen and six random characters to the secret's
 * name, 1–512 ASCII letters, digits and `/_+=.@-`
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html). A
 * partial ARN (without the six characters) would not match the secret in an IAM policy.
 */
const SECRET = /^secret:([A-Za-z0-9/_+=.@-]{1,512})-[A-Za-z0-9]{6}$/;

/** What is wrong with a Secrets Manager secret's ARN, if anything. */
export function secretArnProblem(value: string): string | undefined {
  const common = commonProblem(value, "secretsmanager");
  if (common !== undefined) return common;
  const { partition, region, account, resource } = parseArn(value)!;
  if (!REGION.test(region)) return `its region "${region}" is not a region's name such as us-east-1`;
  if (!ACCOUNT_ID.test(account)) return `its account "${account}" is not 12 digits`;
  const regionPartition = partitionOfRegion(region);
  if (regionPartition !== undefined && regionPartition !== partition) {
    return `its region ${region} is in the ${regionPartition} partition, not in ${partition}`;
  }
  if (!SECRET.test(resource)) {
    return "it does not end in secret:<name>-<6 characters>: the full ARN, with the six characters Secrets Manager adds, of a name of letters, digits and /_+=.@-";
  }
  return undefined;
}

/**
 * That a literal ARN lies in the partition of the stack's region; undefined when the region's
 * partition is unknown. An ARN that `formProblem` finds wrong passes: its form rule reports it.
 */
export function inPartitionOf(region: string, what: string, formProblem: (value: string) => string | undefined): EntryCheck | undefined {
  const partition = partitionOfRegion(region);
  if (partition === undefined) return undefined;
  return {
    check: (value) => formProblem(value) !== undefined || parseArn(value)!.partition === partition,
    allowed:
      `${what} in the ${partition} partition, that of ${region}, the region of the stack's AWS provider: ` +
      `each partition has its own IAM, and nothing of one can use a resource of another (${PARTITION_BOUNDARY})`,
  };
}
