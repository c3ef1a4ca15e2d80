/**
 * Rules of the Data API switch and the reader list, spread into the database's rule table in
 * `validate-props.ts`.
 */
import type { ResolvedProps } from "../props";
import { type Rule, rulesFor } from "./prop-validation";
import { allowedTiers, isTierOfPlacement, placementOf } from "./readers";

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

export const SWITCH_RULES: readonly Rule<ResolvedProps>[] = [
  rule("createLambdaRole", {
    involves: ["dataApi"],
    check: (create, p) => !create || p.dataApi,
    allowed:
      "false while dataApi is false: the Lambda role exists only for Data API access, " +
      "so set createLambdaRole: false when turning the Data API off (or keep dataApi: true)",
  }),

  READER_TIERS,
];
