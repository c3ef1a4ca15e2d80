/**
 * Retries: only a resuming cluster and throttling, with capped backoff, until the deadline.
 */
import { withRetries, type RetryEvent } from "aurora-data-api-toolkit";
import { describe, expect, it, vi } from "vitest";

function named(name: string, status?: number): Error {
  const error = new Error(`${name} happened`);
  error.name = name;
  if (status !== undefined) Object.assign(error, { $metadata: { httpStatusCode: status } });
  return error;
}

/** A clock that advances only when the code under test sleeps. */
function fakeClock(start = 0) {
  let now = start;
  const sleeps: number[] = [];
  return { sleeps, clock: { now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)) } };
}

/** A call that fails with these errors, in order, then returns "ok". */
function failing(...errors: Error[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    send: async () => {
      calls++;
      const error = errors.shift();
      if (error) throw error;
      return "ok";
    },
  };
}

describe("withRetries", () => {
  it("retries DatabaseResumingException with doubling waits capped at maxDelayMs, and reports the resume time", async () => {
    const { clock, sleeps } = fakeClock();
    const events: RetryEvent[] = [];
    const call = failing(...Array.from({ length: 6 }, () => named("DatabaseResumingException")));
    const result = await withRetries(call.send, { clock, initialDelayMs: 250, maxDelayMs: 2_000, onRetry: (event) => events.push(event) });
    expect(sleeps).toEqual([250, 500, 1_000, 2_000, 2_000, 2_000]);
    expect(result).toEqual({ value: "ok", attempts: 7, resumeMs: 7_750 });
    expect(events.map((event) => [event.reason, event.attempt, event.elapsedMs])).toEqual([
      ["DatabaseResumingException", 1, 0],
      ["DatabaseResumingException", 2, 250],
      ["DatabaseResumingException", 3, 750],
      ["DatabaseResumingException", 4, 1_750],
      ["DatabaseResumingException", 5, 3_750],
      ["DatabaseResumingException", 6, 5_750],
    ]);
  });

  it("gives up at the deadline, never waiting past it", async () => {
    const { clock, sleeps } = fakeClock();
    const call = failing(...Array.from({ length: 50 }, () => named("DatabaseResumingException")));
    await expect(withRetries(call.send, { clock, deadlineMs: 3_000, initialDelayMs: 1_000, maxDelayMs: 5_000 })).rejects.toMatchObject({
      name: "DeadlineError",
      elapsedMs: 3_000,
      last: { name: "DatabaseResumingException" },
    });
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it("retries throttling (by name or HTTP 429) with jittered waits no longer than the backoff", async () => {
    const { clock, sleeps } = fakeClock();
    const call = failing(named("ThrottlingException"), named("SomethingElse", 429), named("TooManyRequestsException"));
    expect((await withRetries(call.send, { clock, initialDelayMs: 100 })).value).toBe("ok");
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, index) => {
      expect(ms).toBeGreaterThanOrEqual(1);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** index);
    });
    // Full jitter: a random share of each backoff, at least 1 ms.
    const random = vi.spyOn(Math, "random").mockReturnValueOnce(0.5).mockReturnValueOnce(0.25).mockReturnValueOnce(0);
    try {
      const jittered = fakeClock();
      await withRetries(failing(named("ThrottlingException"), named("ThrottlingException"), named("ThrottlingException")).send, {
        clock: jittered.clock,
        initialDelayMs: 100,
      });
      expect(jittered.sleeps).toEqual([50, 50, 1]);
    } finally {
      random.mockRestore();
    }
  });

  it.each(["StatementTimeoutException", "InternalServerErrorException", "DatabaseErrorException", "BadRequestException", "TimeoutError", "ECONNRESET"])(
    "never retries %s: the statement may have run",
    async (name) => {
      const { clock } = fakeClock();
      const call = failing(named(name));
      await expect(withRetries(call.send, { clock })).rejects.toMatchObject({ name });
      expect(call.calls).toBe(1);
    },
  );

  // The SDK marks errors its own retry strategy would send again: `$retryable` on server faults
  // and transient errors, `$retryable.throttling` on throttling. Only throttling proves the
  // statement did not run; a retryable 500 or a timeout may have executed it.
  it.each([
    ["InternalServerErrorException", "server", {}, 500],
    ["InternalServerErrorException", "server", { throttling: false }, 500],
    ["ServiceUnavailableError", "server", {}, 503],
    ["StatementTimeoutException", "client", {}, 400],
    ["TimeoutError", "client", {}, undefined],
  ] as const)("never retries %s, a %s fault the SDK marks $retryable %j", async (name, fault, retryable, status) => {
    const { clock } = fakeClock();
    const error = Object.assign(named(name, status), { $fault: fault, $retryable: retryable });
    const call = failing(error);
    await expect(withRetries(call.send, { clock })).rejects.toBe(error);
    expect(call.calls).toBe(1);
  });

  it("counts the resume time from the first resuming attempt and the deadline from the first call, on a clock that does not start at zero", async () => {
    const start = 1_765_000_000_000;
    const { clock } = fakeClock(start);
    const events: RetryEvent[] = [];
    const call = failing(named("ThrottlingException"), named("DatabaseResumingException"), named("DatabaseResumingException"));
    const random = vi.spyOn(Math, "random").mockReturnValue(1);
    try {
      const result = await withRetries(call.send, { clock, initialDelayMs: 100, onRetry: (event) => events.push(event) });
      // Waits of 100 (throttled), then 200 and 400 (resuming): the resume began after the first wait.
      expect(result).toEqual({ value: "ok", attempts: 4, resumeMs: 600 });
      expect(events.map((event) => [event.reason, event.elapsedMs, event.delayMs])).toEqual([
        ["ThrottlingException", 0, 100],
        ["DatabaseResumingException", 100, 200],
        ["DatabaseResumingException", 300, 400],
      ]);
    } finally {
      random.mockRestore();
    }
  });

  it("says how long it kept trying when it gives up, with the last error as its cause", async () => {
    const { clock } = fakeClock(50_000);
    const last = named("DatabaseResumingException");
    const call = failing(named("DatabaseResumingException"), named("DatabaseResumingException"), last);
    const error = await withRetries(call.send, { clock, deadlineMs: 3_000, initialDelayMs: 1_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "DeadlineError", message: "still failing after 3 s", elapsedMs: 3_000, last, cause: last });
  });

  it("waits on the real clock when given none", async () => {
    const call = failing(named("DatabaseResumingException"));
    const before = performance.now();
    expect(await withRetries(call.send, { initialDelayMs: 30 })).toMatchObject({ value: "ok", attempts: 2 });
    // Timers may fire a millisecond early, never much earlier.
    expect(performance.now() - before).toBeGreaterThanOrEqual(25);
  });

  it("retries an error the SDK marks as throttling, whatever its name and status", async () => {
    const { clock, sleeps } = fakeClock();
    const events: RetryEvent[] = [];
    const throttled = Object.assign(named("SomeNewLimitException", 400), { $fault: "client", $retryable: { throttling: true } });
    const call = failing(throttled);
    const result = await withRetries(call.send, { clock, onRetry: (event) => events.push(event) });
    expect(result).toMatchObject({ value: "ok", attempts: 2, resumeMs: 0 });
    expect(sleeps).toHaveLength(1);
    expect(events.map((event) => event.reason)).toEqual(["SomeNewLimitException"]);
  });
});
