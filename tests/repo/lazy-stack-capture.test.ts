/**
 * scripts/lazy-stack-capture.mjs, cdktf's token stack capture in the app's bundle: the frames of
 * the caller and below, as cdktf's own gives them, formatted only when read.
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const { captureStackTraceLazily } = (await import(pathToFileURL(join(ROOT, "scripts/lazy-stack-capture.mjs")).href)) as {
  captureStackTraceLazily: (below?: (...args: never[]) => unknown) => string[];
};

/** The frames V8 gives below the caller, formatted at once (what cdktf's capture returns). */
function eager(): string[] {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
  Error.captureStackTrace(holder, eager);
  Error.stackTraceLimit = limit;
  return (holder.stack ?? "")
    .split("\n")
    .slice(1)
    .map((line) => line.replace(/^\s*at\s+/, ""));
}

const previousPrepare = Error.prepareStackTrace;
afterEach(() => {
  Error.prepareStackTrace = previousPrepare;
});

/** Both captures from one line, so that their frames read alike but for the column. */
function creator(): [string[], string[]] {
  return [captureStackTraceLazily(), eager()];
}

describe("the app's token stack capture", () => {
  it("gives the frames V8 gives, starting at its caller, as cdktf's own capture does", () => {
    const [lazy, original] = creator();
    const withoutColumns = (frames: string[]) => frames.map((frame) => frame.replace(/:\d+\)?$/, ""));
    expect(Array.isArray(lazy)).toBe(true);
    expect(lazy[0]).toMatch(/^creator \(.*lazy-stack-capture\.test\.ts:\d+:\d+\)$/);
    expect(lazy.length).toBe(original.length);
    expect(withoutColumns([...lazy])).toEqual(withoutColumns(original));
    expect(lazy.join("\n  at ")).toBe([...lazy].join("\n  at "));
  });

  it("hides the frames above `below`, as cdktf's does", () => {
    const outer = () => inner();
    const inner = () => captureStackTraceLazily(inner);
    expect(outer()[0]).toMatch(/^outer /);
  });

  it("formats the stack only when it is read, once", () => {
    let formatted = 0;
    Error.prepareStackTrace = (error, callSites) => {
      formatted++;
      return [String(error), ...callSites.map((site) => `    at ${String(site)}`)].join("\n");
    };
    const frames = captureStackTraceLazily();
    expect(formatted).toBe(0);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.join("\n")).toContain("lazy-stack-capture.test.ts");
    expect(formatted).toBe(1);
  });
});
