import { Token } from "cdktf";

/** One invalid input: which property, what it received, what it allows. */
export interface ValidationProblem {
  readonly property: string;
  readonly received: unknown;
  readonly allowed: string;
}

/**
 * Thrown when a construct or an app is given invalid input. Construction stops, so nothing is
 * synthesized; every problem found is listed, not only the first.
 */
export class ValidationError extends Error {
  /** What was being validated, e.g. `AuroraPostgresServerless "dev/Database"`. */
  public readonly subject: string;
  public readonly problems: readonly ValidationProblem[];

  constructor(subject: string, problems: readonly ValidationProblem[]) {
    const lines = problems.map((p) => `  - ${p.property}: received ${formatValue(p.received)}; allowed: ${p.allowed}`);
    const count = problems.length === 1 ? "1 invalid input" : `${problems.length} invalid inputs`;
    super(`${subject} has ${count}:\n${lines.join("\n")}`);
    this.name = "ValidationError";
    this.subject = subject;
    this.problems = problems;
  }
}

/** Renders a received value the way it was written: strings quoted, arrays and objects as JSON. */
function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Collects problems, skipping values that are unresolved tokens (known only at apply time). */
export class ProblemCollector {
  private readonly problems: ValidationProblem[] = [];

  /** Records a problem when `isValid` is false and `received` is a concrete value. */
  public expect(isValid: boolean, property: string, received: unknown, allowed: string): void {
    if (!isValid && !isUnresolved(received)) this.problems.push({ property, received, allowed });
  }

  /** Runs `check` only when `value` is defined and concrete. */
  public whenConcrete<T>(value: T | undefined, check: (value: T) => void): void {
    if (value !== undefined && !isUnresolved(value)) check(value);
  }

  public throwIfAny(subject: string): void {
    if (this.problems.length > 0) throw new ValidationError(subject, this.problems);
  }
}

/** True for tokens and for lists or maps that contain one. */
export function isUnresolved(value: unknown): boolean {
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  return Token.isUnresolved(value);
}
