/**
 * The reader list's runtime type and rules, spread into the database's tables in `database.ts`.
 */
import type { ReaderOptions } from "../../props";
import { isTierOfPlacement, placementOf, PROMOTION_TIERS } from "../readers";
import type { ResolvedProps } from "../resolved-props";
import { BOOLEAN, fieldsOf, knownAtSynthOf, NUMBER, type Rule, type RuntimeType } from "./engine";

/** What a tier must be for a reader that scales (or not) with the writer, in words. */
export function allowedTiers(scaleWithWriter: boolean): string {
  return scaleWithWriter
    ? `0 or 1 while scaleWithWriter is true (tiers ${PROMOTION_TIERS.withWriter.min}–${PROMOTION_TIERS.withWriter.max} keep the writer's capacity); ` +
        "set scaleWithWriter: false for a reader that scales and pauses on its own in tiers 2–15"
    : `an integer from ${PROMOTION_TIERS.independent.min} to ${PROMOTION_TIERS.independent.max} while scaleWithWriter is false ` +
        "(a reader in tier 0 or 1 always scales and pauses with the writer)";
}

const READERS_ALLOWED = `a number of readers, or a list of reader options ({ scaleWithWriter?, promotionTier? })`;

/** One list entry; a tier or a switch decides what the reader is, so neither may be a token. */
const READER_OPTIONS = fieldsOf<ReaderOptions>(
  { scaleWithWriter: knownAtSynthOf(BOOLEAN), promotionTier: knownAtSynthOf(NUMBER) },
  [],
  "reader options: an object with scaleWithWriter (true or false) and promotionTier (a number), both optional (a plain object)",
);

/**
 * `readers`: a number (strings such as "1" get the number's hint), or a list of reader options.
 * A list token is refused by the prop's "known at synth" flag before this runs.
 */
export const READERS: RuntimeType<number | readonly ReaderOptions[]> = {
  allowed: READERS_ALLOWED,
  mismatches: (value) => {
    if (Array.isArray(value)) return value.flatMap((entry, i) => READER_OPTIONS.mismatches(entry).map((m) => ({ ...m, path: `[${i}]${m.path}` })));
    return NUMBER.mismatches(value).map((m) => (m.allowed === NUMBER.allowed ? { ...m, allowed: READERS_ALLOWED } : m));
  },
};

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
