/**
 * JavaScript values to Data API parameters and fields back to values.
 */
import { date, decimal, json, uuid } from "aurora-data-api-toolkit";
import { describe, expect, it } from "vitest";
import { fromField, toRows, toSqlParameters } from "../../modules/aurora-data-api/src/values";

describe("toSqlParameters", () => {
  it("maps each JavaScript type to its field and type hint", () => {
    const bytes = new Uint8Array([1, 2]);
    expect(
      toSqlParameters({
        s: "text",
        i: 42,
        f: 2.5,
        b: false,
        n: null,
        u: undefined,
        big: 9007199254740993n,
        small: 7n,
        at: new Date(Date.UTC(2026, 11, 2, 9, 1, 0, 5)),
        bin: bytes,
        doc: json({ a: [1] }),
        id: uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        price: decimal("10.25"),
        day: date("2026-12-02"),
      }),
    ).toEqual([
      { name: "s", value: { stringValue: "text" } },
      { name: "i", value: { longValue: 42 } },
      { name: "f", value: { doubleValue: 2.5 } },
      { name: "b", value: { booleanValue: false } },
      { name: "n", value: { isNull: true } },
      { name: "u", value: { isNull: true } },
      { name: "big", value: { stringValue: "9007199254740993" }, typeHint: "DECIMAL" },
      { name: "small", value: { longValue: 7 } },
      { name: "at", value: { stringValue: "2026-12-02 09:01:00.005" }, typeHint: "TIMESTAMP" },
      { name: "bin", value: { blobValue: bytes } },
      { name: "doc", value: { stringValue: '{"a":[1]}' }, typeHint: "JSON" },
      { name: "id", value: { stringValue: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" }, typeHint: "UUID" },
      { name: "price", value: { stringValue: "10.25" }, typeHint: "DECIMAL" },
      { name: "day", value: { stringValue: "2026-12-02" }, typeHint: "DATE" },
    ]);
  });

  it("refuses names SQL cannot reference, arrays, plain objects and non-finite numbers, naming the parameter", () => {
    expect(() => toSqlParameters({ "1st": 1 })).toThrow('parameter name "1st" is not valid: use letters, digits and _, not starting with a digit');
    expect(() => toSqlParameters({ ids: [1, 2] as never })).toThrow("parameter ids: an array is not a Data API value");
    expect(() => toSqlParameters({ doc: { a: 1 } as never })).toThrow("parameter doc: an object is not a Data API value; pass a string");
    expect(() => toSqlParameters({ x: Number.NaN })).toThrow("parameter x: NaN is not a finite number");
    expect(toSqlParameters({ ok_1: 1 })).toEqual([{ name: "ok_1", value: { longValue: 1 } }]);
    // Past 2^53 a number is no exact integer: it is sent as the double it is.
    expect(toSqlParameters({ big: 1e21, edge: Number.MAX_SAFE_INTEGER })).toEqual([
      { name: "big", value: { doubleValue: 1e21 } },
      { name: "edge", value: { longValue: Number.MAX_SAFE_INTEGER } },
    ]);
  });
});

describe("fromField and toRows", () => {
  it("reads every field kind, arrays included", () => {
    expect(
      [
        { isNull: true },
        { stringValue: "a" },
        { longValue: 1 },
        { doubleValue: 1.5 },
        { booleanValue: true },
        { blobValue: new Uint8Array([1, 2]) },
        { arrayValue: { longValues: [1, 2] } },
        { arrayValue: { arrayValues: [{ stringValues: ["x"] }] } },
      ].map((field) => fromField(field as never)),
    ).toEqual([null, "a", 1, 1.5, true, new Uint8Array([1, 2]), [1, 2], [["x"]]]);
  });

  it("keys rows by column label", () => {
    expect(
      toRows(
        [[{ longValue: 1 }, { stringValue: "x" }]],
        [
          { name: "id", label: "id" },
          { name: "name", label: "alias" },
        ],
      ),
    ).toEqual([{ id: 1, alias: "x" }]);
  });
});
