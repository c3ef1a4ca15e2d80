import { settingControl } from "../private/define-control";

/**
 * This project's control, since neither Security Hub nor checkov has one for it: a proxy that
 * accepts clients without TLS would carry database passwords in the clear inside the VPC.
 */
export const PROXY_1 = settingControl({
  id: "PROXY.1",
  checkov: [],
  title: "RDS proxies require TLS",
  resourceType: "aws_db_proxy",
  attribute: "require_tls",
  required: true,
  problem: "clients may connect without TLS",
});
