/**
 * Rules of the reader list, spread into the database's rule table in `database.ts`.
 */
import type { ResolvedProps } from "../resolved-props";
import type { Rule } from "./engine";
import { allowedTiers, isTierOfPlacement, placementOf } from "../readers";

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

export const READER_RULES: readonly Rule<ResolvedProps>[] = [READER_TIERS];
