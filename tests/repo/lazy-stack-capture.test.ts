/**
 * scripts/lazy-stack-capture.mjs, cdktf's token stack capture in the app's bundle: the frames of
 * the caller and below, as cdktf's own gives them, formatted only when read.
 */
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const { captureStackTraceLazily } = (await import(pathToFileURL(join(ROOT, "scripts/lazy-stack-capture.mjs")).href)) as {
  captureStackTraceLazily: (below?: (...args: never[]) => unknown) => string[];
};

/**
 * cdktf's own capture, the one the bundle replaces, from a copy of its module loaded here: the
 * tests' setup (tests/setup.ts) swaps the function out of the copy every other test uses.
 */
const cdktfCapture = (() => {
  const require = createRequire(import.meta.url);
  const file = require.resolve("cdktf/lib/tokens/private/stack-trace.js");
  const shared = require.cache[file];
  delete require.cache[file];
  try {
    return (require(file) as { captureStackTrace: (below?: (...args: never[]) => unknown) => string[] }).captureStackTrace;
  } finally {
    require.cache[file] = shared;
  }
})();

const previousPrepare = Error.prepareStackTrace;
afterEach(() => {
  Error.prepareStackTrace = previousPrepare;
});

/** Both captures from one line, so that their frames read alike but for the column. */
function creator(): [string[], string[]] {
  return [captureStackTraceLazily(), cdktfCapture()];
}

describe("the app's token stack capture", () => {
  it("gives the frames V8 gives, starting at its caller, as cdktf's own capture does", () => {
    const [lazy, original] = creator();
    const withoutColumns = (frames: string[]) => frames.map((frame) => frame.replace(/:\d+\)?$/, ""));
    expect(Array.isArray(lazy)).toBe(true);
    expect(lazy[0]).toMatch(/^creator \(.*lazy-stack-capture\.test\.ts:\d+:\d+\)$/);
    expect(lazy.length).toBe(original.length);
    expect(withoutColumns([...lazy])).toEqual(withoutColumns(original));
    // cdktf prints a token's creation stack by joining it.
    expect(withoutColumns(lazy.join("\n  at ").split("\n  at "))).toEqual(withoutColumns(original));
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
