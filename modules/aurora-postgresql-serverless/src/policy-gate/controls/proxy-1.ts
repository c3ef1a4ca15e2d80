import { settingControl } from "../private/define-control";

/**
 * This project's control, since neither Security Hub nor checkov has one for it: a proxy that
 * accepts clients without TLS would carry database passwords in the clear inside the VPC.
 */
export const PROXY_1 = settingControl({
  id: "PROXY.1",
  checkov: [],
  title: "RDS proxies require TLS",
  checks: "every `aws_db_proxy` has `require_tls` true (the provider's default is false); this project's control, which neither Security Hub nor checkov has",
  sources: [],
  resourceType: "aws_db_proxy",
  attribute: "require_tls",
  required: true,
  problem: "clients may connect without TLS",
});
