import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("PROXY.1: RDS proxies require TLS", () => {
  it("fails a proxy with TLS off, or left out (the provider's default is off)", () => {
    expect(findingsOn("PROXY.1", "failing")).toEqual([
      "PROXY.1 clients may connect without TLS on aws_db_proxy.tls_off (tls-off)",
      "PROXY.1 clients may connect without TLS on aws_db_proxy.tls_left_out (tls-left-out)",
    ]);
  });

  it("passes a proxy that requires TLS", () => {
    expect(findingsOn("PROXY.1", "passing")).toEqual([]);
  });
});
