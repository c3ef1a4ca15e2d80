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
