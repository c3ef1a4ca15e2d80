/**
 * Rules of the Data API switch, the SSM parameters' path and the reader list, spread into the
 * database's rule table in `validate-props.ts`.
 */
import type { ResolvedProps } from "./resolved-props";
import { type Rule, rulesFor } from "./prop-validation";
import { allowedTiers, isTierOfPlacement, placementOf } from "./readers";
import {
  MAX_PATH_LENGTH,
  MAX_PATH_LEVELS,
  PARAMETER_LEAVES,
  hasParameterNameCharacters,
  hasReservedFirstLevel,
  isParameterPathForm,
  pathLevels,
} from "./ssm-parameters";

const rule = rulesFor<ResolvedProps>();

/** Each listed reader's tier agrees with whether it scales with the writer; the problem names the tier given. */
const READER_TIERS: Rule<ResolvedProps> = {
  prop: "readers",
  involves: [],
  judgesTokens: false,
  findings: ({ readers }) =>
    typeof readers === "number"
      ? []
      : readers.flatMap((options, i) => {
          if (options.promotionTier === undefined) return [];
          const placement = placementOf(options);
          return isTierOfPlacement(placement)
            ? []
            : [{ path: `[${i}].promotionTier`, received: options.promotionTier, allowed: allowedTiers(placement.scaleWithWriter) }];
        }),
};

const EXAMPLE_PATH = '"/orders/prod"';

export const SWITCH_RULES: readonly Rule<ResolvedProps>[] = [
  rule("createLambdaRole", {
    involves: ["dataApi"],
    check: (create, p) => !create || p.dataApi,
    allowed:
      "false while dataApi is false: the Lambda role exists only for Data API access, " +
      "so set createLambdaRole: false when turning the Data API off (or keep dataApi: true)",
  }),

  READER_TIERS,

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
