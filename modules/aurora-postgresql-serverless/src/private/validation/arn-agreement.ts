/**
 * ARNs of the database's props weighed against each other while the region of the stack's AWS
 * provider is unknown at synth (a variable, or the environment at plan time): the stack deploys to
 * one partition and one region, so every ARN given lies in one partition, and every ARN of a
 * resource the stack's region must hold (`stack-region.ts`) in one region. The first ARN in
 * the order below stands for the stack; each one that disagrees with it is refused, naming both.
 * With a literal region, the region rules of each prop judge the same, more exactly.
 */
import { Token } from "cdktf";
import { PARTITION_BOUNDARY } from "../deployment-region";
import type { ResolvedProps } from "../resolved-props";
import { isPartitionName, parseArn } from "./arns";
import { rulesFor, type Rule } from "./engine";

type ArnProp = "permissionsBoundary" | "encryptionKey" | "alarms" | "restore" | "proxy" | "s3Import" | "s3Export" | "logEncryptionKey";

interface ArnAt {
  readonly prop: ArnProp;
  readonly path: string;
  readonly arn: string;
  /** Whether AWS uses the resource only from the stack's own region. */
  readonly inStackRegion: boolean;
}

/** The literal ARNs one prop gives, at their paths below it, with whether each must be in the stack's region. */
function arnsOfProp(prop: ArnProp, value: unknown): ArnAt[] {
  const found: ArnAt[] = [];
  const add = (path: string, text: string | undefined, inStackRegion: boolean) => {
    if (typeof text !== "string" || Token.isUnresolved(text)) return;
    const arn = parseArn(text);
    if (arn !== undefined && isPartitionName(arn.partition)) found.push({ prop, path, arn: text, inStackRegion: inStackRegion && arn.region !== "" });
  };
  const p = { [prop]: value } as Partial<Pick<ResolvedProps, ArnProp>>;
  if (prop === "permissionsBoundary") add("", p.permissionsBoundary, false);
  if (prop === "encryptionKey" && typeof p.encryptionKey === "object") add(".existingKeyArn", p.encryptionKey.existingKeyArn, true);
  if (prop === "alarms") add(".topicArn", p.alarms?.topicArn, true);
  if (prop === "logEncryptionKey" && typeof p.logEncryptionKey === "object") add(".existingKeyArn", p.logEncryptionKey.existingKeyArn, true);
  if (prop === "restore") {
    const restore = p.restore as { fromSnapshot?: string; pointInTime?: { sourceClusterIdentifier?: string } } | undefined;
    add(".fromSnapshot", restore?.fromSnapshot, true);
    add(".pointInTime.sourceClusterIdentifier", restore?.pointInTime?.sourceClusterIdentifier, true);
  }
  if (prop === "proxy") {
    (p.proxy?.users ?? []).forEach((user, i) => {
      // A secret without a key of its own may be another region's; with one, the region rules hold it to the stack's.
      add(`.users[${i}].secretArn`, user.secretArn, false);
      add(`.users[${i}].kmsKeyArn`, user.kmsKeyArn, true);
    });
  }
  if (prop === "s3Import" || prop === "s3Export") {
    // Buckets and roles are global; a bucket's key may be another region's (only its partition counts).
    const role = p[prop] as { bucketArns?: readonly string[]; kmsKeyArns?: readonly string[]; existingRoleArn?: string } | undefined;
    (role?.bucketArns ?? []).forEach((arn, i) => add(`.bucketArns[${i}]`, arn, false));
    (role?.kmsKeyArns ?? []).forEach((arn, i) => add(`.kmsKeyArns[${i}]`, arn, false));
    add(".existingRoleArn", role?.existingRoleArn, false);
  }
  return found;
}

const PROPS: readonly ArnProp[] = ["permissionsBoundary", "encryptionKey", "alarms", "restore", "proxy", "s3Import", "s3Export", "logEncryptionKey"];

/** The first ARNs of each props object (the rules ask once per ARN they judge): any, and the first regional one. */
const firstArns = new WeakMap<object, readonly [ArnAt | undefined, ArnAt | undefined]>();

/** The first ARN, in the order of PROPS, that stands for the stack's partition (or region). */
function firstArn(p: Pick<ResolvedProps, ArnProp>, regional: boolean): ArnAt | undefined {
  let firsts = firstArns.get(p);
  if (firsts === undefined) {
    const all = PROPS.flatMap((prop) => arnsOfProp(prop, p[prop]));
    firsts = [all[0], all.find((at) => at.inStackRegion)];
    firstArns.set(p, firsts);
  }
  return firsts[regional ? 1 : 0];
}

const rule = rulesFor<ResolvedProps>();
const named = (at: ArnAt) => `${at.prop}${at.path} (${at.arn})`;

/** Each prop's ARNs against the first ARN of the props: its partition, and its region for a resource of the stack's region. */
export const ARN_AGREEMENT_RULES: readonly Rule<ResolvedProps>[] = PROPS.flatMap((prop) => {
  const involves = PROPS.filter((other) => other !== prop);
  const parts = (value: unknown, regional: boolean) =>
    arnsOfProp(prop, value)
      .filter((at) => !regional || at.inStackRegion)
      .map((at) => [at.path, at.arn] as const);
  return [
    rule<typeof prop, ArnProp, string>(prop, {
      involves,
      judgesTokens: true, // references are left out of the comparison
      parts: (value) => parts(value, false),
      check: (arn, p) => parseArn(arn)!.partition === parseArn(firstArn(p, false)!.arn)!.partition,
      allowed: (_, p) => {
        const first = firstArn(p, false)!;
        return (
          `an ARN of the ${parseArn(first.arn)!.partition} partition, as ${named(first)} is: the stack deploys to one partition, ` +
          `and nothing of one partition can use a resource of another (${PARTITION_BOUNDARY}); one of the two is wrong`
        );
      },
    }),
    rule<typeof prop, ArnProp, string>(prop, {
      involves,
      judgesTokens: true,
      parts: (value) => parts(value, true),
      check: (text, p) => {
        const first = firstArn(p, true)!;
        const [arn, ref] = [parseArn(text)!, parseArn(first.arn)!];
        // Another partition is reported by the rule above.
        return arn.partition !== ref.partition || arn.region === ref.region;
      },
      allowed: (_, p) => {
        const first = firstArn(p, true)!;
        return (
          `an ARN of ${parseArn(first.arn)!.region}, as ${named(first)} is: both must be in the region of the stack's AWS provider, ` +
          "which is one region (unknown at synth, so they are weighed against each other); one of the two is wrong"
        );
      },
    }),
  ];
});
