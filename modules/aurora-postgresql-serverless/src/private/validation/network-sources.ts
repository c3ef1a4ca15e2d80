/**
 * What the sources of security group rules must be: the cluster's `allowedCidrBlocks`,
 * `allowedSecurityGroupIds` and `egressCidrBlocks`, and the proxy's lists, judged alike.
 */
import type { EntryCheck } from "./engine";
import { isSecurityGroupId, parseNetworkCidr } from "./formats";

export const NETWORK_CIDR: EntryCheck = {
  check: (block) => parseNetworkCidr(block) !== undefined,
  allowed: 'an IPv4 or IPv6 CIDR block whose host bits are zero, such as "10.0.0.0/16" or "2001:db8::/32" (no zone id)',
};

/** A malformed block passes here: NETWORK_CIDR reports it. */
export const BOUNDED_CIDR: EntryCheck = {
  check: (block) => (parseNetworkCidr(block)?.prefix ?? 1) > 0,
  allowed: "a bounded network: a database is never open to the whole internet",
};

export const SECURITY_GROUP_ID: EntryCheck = {
  check: isSecurityGroupId,
  allowed: 'a security group id such as "sg-0123456789abcdef0"',
};

/** AWS refuses two equal rules in one security group; each entry becomes one. */
export const LISTED_ONCE = "an entry listed once: it repeats an earlier entry, and AWS refuses two equal security group rules";
