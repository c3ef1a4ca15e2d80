/**
 * The original stack's inputs (`aws_region`, `min_capacity`, `max_capacity`), read from the
 * environment at synth time so that a deployment can change them without editing code. A
 * stack-scoped variable (`AURORA_DEV_MIN_CAPACITY`) wins over the shared one
 * (`AURORA_MIN_CAPACITY`). Values are fixed into the synthesized configuration, so a plan
 * always matches the artifact that was reviewed.
 */
import { ValidationError, type ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import { PROJECT } from "./environments";

export type Environment = Readonly<Record<string, string | undefined>>;

export interface DeploymentInputs {
  readonly region: string;
  readonly minCapacity?: number;
  readonly maxCapacity?: number;
  /** The variable each given value came from, to name it in error messages. */
  readonly sources: Readonly<Partial<Record<"minCapacity" | "maxCapacity", string>>>;
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;

/** `dev` → `DEV`, `preview-12` → `PREVIEW_12`. */
export function variableScope(stackName: string): string {
  return stackName.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** The stack-scoped variable name if set, else the shared one. */
function lookup(env: Environment, stackName: string, input: string): { name: string; value: string } | undefined {
  for (const name of [`AURORA_${variableScope(stackName)}_${input}`, `AURORA_${input}`]) {
    const value = env[name];
    if (value !== undefined && value !== "") return { name, value };
  }
  return undefined;
}

/**
 * Reads the inputs of every stack. A shared variable is checked once, however many stacks it
 * feeds; all problems are reported together.
 */
export function readDeploymentInputs<Name extends string>(stackNames: readonly Name[], env: Environment): Record<Name, DeploymentInputs> {
  const problems = new Map<string, ValidationProblem>();
  const report = (problem: ValidationProblem) => problems.set(problem.property, problem);
  const inputs = Object.fromEntries(stackNames.map((stackName) => [stackName, readStackInputs(stackName, env, report)]));
  if (problems.size > 0) throw new ValidationError("Deployment inputs", [...problems.values()]);
  return inputs as Record<Name, DeploymentInputs>;
}

function readStackInputs(stackName: string, env: Environment, report: (problem: ValidationProblem) => void): DeploymentInputs {
  const sources: Partial<Record<"minCapacity" | "maxCapacity", string>> = {};

  const regionInput = lookup(env, stackName, "AWS_REGION");
  const region = regionInput?.value ?? PROJECT.defaultRegion;
  if (regionInput && !REGION_PATTERN.test(regionInput.value)) {
    report({ property: regionInput.name, received: regionInput.value, allowed: 'an AWS region code such as "us-east-1" or "eu-west-2"' });
  }

  const readCapacity = (key: "minCapacity" | "maxCapacity", input: string): number | undefined => {
    const found = lookup(env, stackName, input);
    if (!found) return undefined;
    sources[key] = found.name;
    if (!DECIMAL_PATTERN.test(found.value.trim())) {
      report({ property: found.name, received: found.value, allowed: "a number of ACUs such as 0, 0.5 or 4" });
      return undefined;
    }
    return Number(found.value);
  };
  const minCapacity = readCapacity("minCapacity", "MIN_CAPACITY");
  const maxCapacity = readCapacity("maxCapacity", "MAX_CAPACITY");
  return { region, minCapacity, maxCapacity, sources };
}
