/**
 * Rules of the SSM parameters' path, spread into the database's rule table in `database.ts`.
 */
import type { ResolvedProps } from "../resolved-props";
import {
  hasParameterNameCharacters,
  hasReservedFirstLevel,
  isParameterPathForm,
  MAX_PATH_LENGTH,
  MAX_PATH_LEVELS,
  PARAMETER_LEAVES,
  pathLevels,
} from "../ssm-parameters";
import { rulesFor, type Rule } from "./engine";

const rule = rulesFor<ResolvedProps>();

const EXAMPLE_PATH = '"/orders/prod"';

export const SSM_PARAMETER_RULES: readonly Rule<ResolvedProps>[] = [
  rule("ssmParameters", {
    check: hasParameterNameCharacters,
    allowed: `a path of letters, digits and _ . - between slashes, such as ${EXAMPLE_PATH} (SSM parameter names allow no other characters, no spaces)`,
  }),
  rule("ssmParameters", {
    check: isParameterPathForm,
    allowed:
      `a path that starts with "/" and has no empty level: no "//" and no trailing "/", such as ${EXAMPLE_PATH} ` +
      `(the parameters are named <path>/${PARAMETER_LEAVES.clusterArn} and so on)`,
  }),
  rule("ssmParameters", {
    check: (path) => !hasReservedFirstLevel(path),
    allowed: 'a path whose first level does not start with "aws" or "ssm", in any case: SSM refuses such names',
  }),
  rule("ssmParameters", {
    check: (path) => pathLevels(path) <= MAX_PATH_LEVELS,
    allowed: `a path of at most ${MAX_PATH_LEVELS} levels: SSM allows 15 levels counting the parameter's own name`,
  }),
  rule("ssmParameters", {
    check: (path) => path.length <= MAX_PATH_LENGTH,
    allowed:
      `a path of at most ${MAX_PATH_LENGTH} characters: SSM allows 1011 characters for a name, counting the ARN before it, ` +
      `and the longest name here is <path>/${PARAMETER_LEAVES.readerEndpoint}`,
  }),
];
