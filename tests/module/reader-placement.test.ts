/**
 * Reader placement: `readers` as a count keeps its resources and addresses; as a list, each
 * reader scales and pauses with the writer (promotion tiers 0–1) or on its own (tiers 2–15).
 */
import { TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, type ReaderOptions } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { databaseStack, inHook, MINIMAL_PROPS, resourcesOf, synthDatabase, synthesize, validationProblems, type Block } from "../support/synth";

/** Instances by Terraform name, as [identifier, promotion tier]. */
const instances = (json: Block) =>
  Object.fromEntries(Object.entries(resourcesOf(json, "aws_rds_cluster_instance")).map(([name, body]) => [name, [body.identifier, body.promotion_tier]]));

const WITH_WRITER =
  /^0 or 1 while scaleWithWriter is true \(tiers 0–1 keep the writer's capacity\); set scaleWithWriter: false for a reader that scales and pauses on its own in tiers 2–15$/;
const INDEPENDENT = /^an integer from 2 to 15 while scaleWithWriter is false \(a reader in tier 0 or 1 always scales and pauses with the writer\)$/;

describe("readers as a number", () => {
  const numbered = inHook(() => {
    const { json } = synthDatabase({ readers: 2 });
    return { json };
  });

  it("keeps the same resources and addresses: Instance2 onwards, every reader in tier 1 after the writer in tier 0", () => {
    expect(instances(numbered().json)).toEqual({
      Database_Instance1_844F58FD: ["test-aurora-instance-1", 0],
      Database_Instance2_AA380DEE: ["test-aurora-instance-2", 1],
      Database_Instance3_2FCBA185: ["test-aurora-instance-3", 1],
    });
  });

  it("synthesizes exactly what the list of default readers synthesizes", () => {
    expect(synthDatabase({ readers: [{}, { scaleWithWriter: true, promotionTier: 1 }] }).json).toEqual(numbered().json);
    expect(synthDatabase({ readers: [] }).json).toEqual(synthDatabase({ readers: 0 }).json);
  });
});

describe("readers as a list", () => {
  const listed = inHook(() => {
    const readers: ReaderOptions[] = [{ scaleWithWriter: false }, { promotionTier: 0 }, { scaleWithWriter: false, promotionTier: 15 }];
    const { stack, database } = databaseStack({ readers });
    const { json } = synthesize(stack);
    return { readers, stack, database, json };
  });

  it("gives each reader its tier, in order: 2 by default for an independent reader, the given tier otherwise", () => {
    expect(Object.values(instances(listed().json))).toEqual([
      ["test-aurora-instance-1", 0],
      ["test-aurora-instance-2", 2],
      ["test-aurora-instance-3", 0],
      ["test-aurora-instance-4", 15],
    ]);
    expect(listed().database.readers.map((reader) => reader.promotionTierInput)).toEqual([2, 0, 15]);
    expect(listed().database.writer.promotionTierInput).toBe(0);
  });

  it("creates every reader after the writer, spread over the zones like the count form", () => {
    const bodies = Object.values(resourcesOf(listed().json, "aws_rds_cluster_instance"));
    const writer = Object.keys(resourcesOf(listed().json, "aws_rds_cluster_instance"))[0]!;
    bodies.slice(1).forEach((body, i) => {
      expect(body.depends_on).toContain(`aws_rds_cluster_instance.${writer}`);
      expect(body.availability_zone).toMatch(new RegExp(`^\\$\\{element\\(.*, ${i + 1}\\)\\}$`));
      expect(body.lifecycle).toEqual({ ignore_changes: ["availability_zone"] });
    });
  });

  it("removes the last instance when an entry is removed, and changes the remaining tiers in place", () => {
    const before = instances(synthDatabase({ readers: [{ scaleWithWriter: false }, {}] }).json);
    const after = instances(synthDatabase({ readers: [{}] }).json);
    expect(Object.keys(after)).toEqual(Object.keys(before).slice(0, 2));
    expect(before.Database_Instance2_AA380DEE).toEqual(["test-aurora-instance-2", 2]);
    expect(after.Database_Instance2_AA380DEE).toEqual(["test-aurora-instance-2", 1]);
  });
});

describe("reader tiers", () => {
  it.each<[ReaderOptions, RegExp]>([
    [{ promotionTier: 2 }, WITH_WRITER],
    [{ scaleWithWriter: true, promotionTier: 15 }, WITH_WRITER],
    [{ promotionTier: -1 }, WITH_WRITER],
    [{ promotionTier: 0.5 }, WITH_WRITER],
    [{ scaleWithWriter: false, promotionTier: 1 }, INDEPENDENT],
    [{ scaleWithWriter: false, promotionTier: 0 }, INDEPENDENT],
    [{ scaleWithWriter: false, promotionTier: 16 }, INDEPENDENT],
    [{ scaleWithWriter: false, promotionTier: 2.5 }, INDEPENDENT],
  ])("refuse %j, naming the reader's tier and what its scaling allows", (options, allowed) => {
    expect(validationProblems(() => databaseStack({ readers: [{}, options] }))).toEqual([
      { property: "readers[1].promotionTier", received: options.promotionTier, allowed: expect.stringMatching(allowed) },
    ]);
  });

  it.each<ReaderOptions>([
    { promotionTier: 0 },
    { promotionTier: 1 },
    { scaleWithWriter: true, promotionTier: 0 },
    { scaleWithWriter: false },
    { scaleWithWriter: false, promotionTier: 2 },
    { scaleWithWriter: false, promotionTier: 15 },
  ])("accept %j", (options) => {
    expect(() => databaseStack({ readers: [options] })).not.toThrow();
  });

  it("report every reader's problem together", () => {
    const problems = validationProblems(() => databaseStack({ readers: [{ promotionTier: 3 }, {}, { scaleWithWriter: false, promotionTier: 1 }] }));
    expect(problems.map((problem) => problem.property)).toEqual(["readers[0].promotionTier", "readers[2].promotionTier"]);
  });
});

describe("the number of listed readers", () => {
  it("is at most 15, like the count", () => {
    const sixteen = Array.from({ length: 16 }, () => ({}));
    expect(validationProblems(() => databaseStack({ readers: sixteen }))).toEqual([
      { property: "readers", received: sixteen, allowed: "a list of at most 15 readers (Aurora's replica limit)" },
    ]);
    const { json } = synthDatabase({ readers: Array.from({ length: 15 }, () => ({ scaleWithWriter: false })) });
    expect(Object.keys(resourcesOf(json, "aws_rds_cluster_instance"))).toHaveLength(16);
  });

  it("keeps the count's own rule and message", () => {
    expect(validationProblems(() => databaseStack({ readers: 16 }))).toEqual([{ property: "readers", received: 16, allowed: "an integer from 0 to 15" }]);
  });
});

describe("reader options of the wrong type, from JavaScript or JSON", () => {
  const OPTIONS = "reader options: an object with scaleWithWriter (true or false) and promotionTier (a number), both optional (a plain object)";

  it.each<[unknown, string, unknown, string]>([
    [[{ scaleWithWriter: "false" }], "readers[0].scaleWithWriter", "false", 'a boolean (false, not the string "false")'],
    [[{ scaleWithWriter: false, promotionTier: "2" }], "readers[0].promotionTier", "2", 'a number (2, not the string "2")'],
    [[{}, { promotionTier: null }], "readers[1].promotionTier", null, "a number, known at synth (leave the field out; null is not a value)"],
    [[{ scaleWithwriter: false }], "readers[0].scaleWithwriter", false, "no such field; did you mean scaleWithWriter?"],
    [[null], "readers[0]", null, OPTIONS],
    [["reader"], "readers[0]", "reader", OPTIONS],
    [[[]], "readers[0]", [], OPTIONS],
    [[new Map()], "readers[0]", new Map(), OPTIONS],
    [{ count: 2 }, "readers", { count: 2 }, "a number of readers, or a list of reader options ({ scaleWithWriter?, promotionTier? })"],
    ["1", "readers", "1", 'a number (1, not the string "1")'],
  ])("refuse readers = %o, naming %s", (readers, property, received, allowed) => {
    expect(validationProblems(() => databaseStack({ readers: readers as never }))).toEqual([{ property, received, allowed }]);
  });

  it("refuse an option that is a token: a reader's tier and scaling are decided at synth", () => {
    const stack = new TerraformStack(testApp(), "test");
    const tier = new TerraformVariable(stack, "tier", { type: "number" }).numberValue;
    const scales = new TerraformVariable(stack, "scales", { type: "bool" }).booleanValue as unknown as boolean;
    const create = (readers: ReaderOptions[]) => () => new AuroraPostgresServerless(stack, `Database${readers.length}`, { ...MINIMAL_PROPS, readers });
    expect(validationProblems(create([{ promotionTier: tier }]))).toEqual([
      { property: "readers[0].promotionTier", received: tier, allowed: "a number, known at synth" },
    ]);
    expect(validationProblems(create([{}, { scaleWithWriter: scales }]))).toEqual([
      { property: "readers[1].scaleWithWriter", received: scales, allowed: "true or false, known at synth" },
    ]);
  });
});
