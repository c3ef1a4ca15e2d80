/**
 * When to send a Data API request again. Only two failures are retried, because only they prove
 * that the statement did not run: the cluster resuming from auto-pause, and throttling.
 * Anything else (a timeout, a 5xx, a dropped connection) may have executed the statement.
 */
import { errorName, isResuming, isThrottling } from "./errors.js";

/** How long to keep retrying, and how to wait. */
export interface RetryOptions {
  /**
   * Milliseconds from the first attempt after which a resuming or throttled call fails. A resume
   * from auto-pause takes about 15 seconds, sometimes longer.
   * @default 60_000
   */
  readonly deadlineMs?: number;
  /**
   * First wait in milliseconds; each wait doubles, up to `maxDelayMs`.
   * @default 250
   */
  readonly initialDelayMs?: number;
  /**
   * Longest single wait in milliseconds.
   * @default 5_000
   */
  readonly maxDelayMs?: number;
  /** Called before each wait: what failed, how long it has been, and how long it waits now. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** @internal Clock and timer, replaced in tests. */
  readonly clock?: { now(): number; sleep(ms: number): Promise<void> };
}

/** One retry about to happen. */
export interface RetryEvent {
  /** `DatabaseResumingException`, or the throttling error's name. */
  readonly reason: string;
  readonly attempt: number;
  readonly elapsedMs: number;
  readonly delayMs: number;
}

export const RETRY_DEFAULTS = { deadlineMs: 60_000, initialDelayMs: 250, maxDelayMs: 5_000 } as const;

const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((done) => setTimeout(done, ms)) };

/** The outcome of a call that succeeded, with how long it waited for a resume. */
export interface Retried<T> {
  readonly value: T;
  readonly attempts: number;
  /** Milliseconds spent waiting for the cluster to resume (0 when it was awake). */
  readonly resumeMs: number;
}

/** Thrown when the deadline passes while the call is still resuming or throttled. */
export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
  constructor(
    readonly last: unknown,
    readonly elapsedMs: number,
  ) {
    super(`still failing after ${Math.round(elapsedMs / 1000)} s`, { cause: last });
  }
}

/**
 * Calls `send` until it succeeds, retrying only resuming and throttling errors, with capped
 * exponential backoff (full jitter for throttling, as the AWS SDK does) until the deadline.
 */
export async function withRetries<T>(send: () => Promise<T>, options: RetryOptions = {}): Promise<Retried<T>> {
  const { deadlineMs, initialDelayMs, maxDelayMs } = { ...RETRY_DEFAULTS, ...options };
  const clock = options.clock ?? realClock;
  const start = clock.now();
  let resumingSince: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const attemptStart = clock.now();
    try {
      const value = await send();
      return { value, attempts: attempt, resumeMs: resumingSince === undefined ? 0 : clock.now() - resumingSince };
    } catch (error) {
      const resuming = isResuming(error);
      if (!resuming && !isThrottling(error)) throw error;
      if (resuming) resumingSince ??= attemptStart;
      const elapsedMs = clock.now() - start;
      const remainingMs = deadlineMs - elapsedMs;
      if (remainingMs <= 0) throw new DeadlineError(error, elapsedMs);
      const backoff = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
      const wait = resuming ? backoff : Math.max(1, Math.round(Math.random() * backoff));
      const delayMs = Math.min(wait, remainingMs);
      options.onRetry?.({ reason: errorName(error), attempt, elapsedMs, delayMs });
      await clock.sleep(delayMs);
    }
  }
}
