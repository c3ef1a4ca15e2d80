/**
 * Reader placement: `readers` as a count or as a list of reader options, normalized into one
 * list of placements, so that construction never needs to know which form was given.
 *
 * Aurora Serverless v2 readers in promotion tiers 0 and 1 keep at least the writer's capacity
 * and pause and resume with it, so that a failover lands on a warm instance; readers in tiers
 * 2–15 scale on their own load, down to the cluster's minimum, and pause on their own when that
 * minimum is 0 ACU. Sources: Aurora User Guide, "How Aurora Serverless v2 works" and "Choosing
 * the promotion tier for an Aurora Serverless v2 reader",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.how-it-works.html
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-administration.html#aurora-serverless-v2-choosing-promotion-tier
 */
import type { ReaderOptions } from "../props";
import { MAX_READERS } from "./naming";
import { BOOLEAN, NUMBER, type RuntimeType, fieldsOf, knownAtSynthOf } from "./validation/engine";
import { isInteger } from "./validation/formats";

/** The writer is created in the first tier, so that it stays the preferred writer. */
export const WRITER_PROMOTION_TIER = 0;

/** Tiers whose Serverless v2 readers follow the writer's capacity, and tiers whose readers scale on their own. */
export const PROMOTION_TIERS = {
  withWriter: { min: 0, max: 1, default: 1 },
  independent: { min: 2, max: 15, default: 2 },
} as const;

/** What an option left out means. */
export const READER_DEFAULTS = { scaleWithWriter: true } as const satisfies Partial<ReaderOptions>;

/** Where one reader stands: its promotion tier, and whether it scales and pauses with the writer. */
export interface ReaderPlacement {
  readonly promotionTier: number;
  readonly scaleWithWriter: boolean;
}

function tiersOf(scaleWithWriter: boolean) {
  return scaleWithWriter ? PROMOTION_TIERS.withWriter : PROMOTION_TIERS.independent;
}

/** The placement of one reader, defaults applied. */
export function placementOf(options: ReaderOptions): ReaderPlacement {
  const scaleWithWriter = options.scaleWithWriter ?? READER_DEFAULTS.scaleWithWriter;
  return { scaleWithWriter, promotionTier: options.promotionTier ?? tiersOf(scaleWithWriter).default };
}

/**
 * One placement per reader, in order. A count means readers that scale with the writer in
 * tier 1, as before the list form existed. A count out of range gives no readers: the rules
 * refuse it before anything is built.
 */
export function readerPlacement(readers: number | readonly ReaderOptions[]): ReaderPlacement[] {
  if (typeof readers !== "number") return readers.map(placementOf);
  return isInteger(readers, 0, MAX_READERS) ? Array.from({ length: readers }, () => placementOf({})) : [];
}

/** Whether a reader's tier agrees with how it scales (tiers 0–1 with the writer, 2–15 on its own). */
export function isTierOfPlacement({ promotionTier, scaleWithWriter }: ReaderPlacement): boolean {
  const { min, max } = tiersOf(scaleWithWriter);
  return isInteger(promotionTier, min, max);
}

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
