/**
 * Test files share a synthesis only when their props are the same data: anything else is
 * synthesized again, so that no test reads another case's Terraform.
 */
import { describe, expect, it, vi } from "vitest";
import { dataKey, synthDatabase } from "../support/synth";

describe("dataKey: which props may share a synthesis", () => {
  it("tells apart every value that JSON would spell alike", () => {
    const keys = [
      {},
      { minCapacity: undefined },
      { minCapacity: null },
      { minCapacity: Number.NaN },
      { minCapacity: Infinity },
      { minCapacity: -0 },
      { minCapacity: 0 },
    ].map((props) => dataKey(props as never));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("refuses what is not plain data: functions, class instances, dates, bigints", () => {
    for (const value of [() => 1, new Date(0), new Map(), 10n, Symbol("x")])
      expect(dataKey({ tags: { value } } as never), String(typeof value)).toBeUndefined();
    expect(dataKey({ tags: { Team: "data" }, readers: 1 })).toBe('{"tags":{"Team":"data"},"readers":1}');
  });
});

describe("synthDatabase", () => {
  it("shares the synthesis of equal data, frozen, and synthesizes different data anew", () => {
    const first = synthDatabase({ readers: 1 });
    expect(synthDatabase({ readers: 1 })).toBe(first);
    expect(Object.isFrozen(first.json.resource)).toBe(true);
    expect(synthDatabase({ readers: 2 })).not.toBe(first);
    expect(synthDatabase(() => ({ readers: 1 }))).not.toBe(first);
  });

  it("shares nothing when mutation testing turns sharing off: each test then reaches the code it reads", async () => {
    vi.stubEnv("TEST_SHARE_SYNTHESES", "off");
    vi.resetModules();
    try {
      const unshared = await import("../support/synth");
      expect(unshared.synthDatabase({ readers: 1 })).not.toBe(unshared.synthDatabase({ readers: 1 }));
      expect(unshared.synthApp()).not.toBe(unshared.synthApp());
      let made = 0;
      const read = unshared.inHook(() => ++made);
      expect([read(), read()]).toEqual([1, 2]);
    } finally {
      // The apps of the modules loaded anew live in a scratch folder of their own.
      (await import("../support/app")).removeTestApps();
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
