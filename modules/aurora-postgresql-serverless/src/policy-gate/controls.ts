/**
 * The security controls we hold a stack to (AWS Security Hub FSBP, with the matching checkov
 * ids), evaluated on the synthesized Terraform JSON like a scanner would: whatever created a
 * resource, and whatever overrides changed it, the JSON is what gets deployed.
 */

// Terraform JSON is untyped; controls read it like a document.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Block = Record<string, any>;

/** The synthesized configuration of one stack. */
export interface TerraformDocument {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Block>>>>;
}

export interface Control {
  /** Security Hub control id, or the checkov id where Security Hub has none. */
  readonly id: string;
  /** checkov ids that check the same thing. */
  readonly checkov: readonly string[];
  readonly title: string;
  /** One line per failing resource: what is wrong, on which resource. */
  readonly evaluate: (document: TerraformDocument) => string[];
}

interface Resource {
  readonly type: string;
  readonly name: string;
  readonly body: Block;
}

function resources(document: TerraformDocument, ...types: string[]): Resource[] {
  return types.flatMap((type) => Object.entries(document.resource?.[type] ?? {}).map(([name, body]) => ({ type, name, body })));
}

/** `aws_rds_cluster.Database_Cluster_X (alex-prod-aurora-cluster)` */
function describe({ type, name, body }: Resource): string {
  const label = [body.cluster_identifier, body.identifier, body.name].find((v) => typeof v === "string" && !v.includes("${"));
  return label ? `${type}.${name} (${label})` : `${type}.${name}`;
}

function refersTo(value: unknown, target: Resource): boolean {
  return typeof value === "string" && value.includes(`${target.type}.${target.name}.`);
}

function failing(items: Resource[], isOk: (resource: Resource) => boolean, problem: string): string[] {
  return items.filter((item) => !isOk(item)).map((item) => `${problem} on ${describe(item)}`);
}

const isSet = (value: unknown) => typeof value === "string" && value.length > 0;

/** A key given, and not an AWS managed one (`alias/aws/…`, literally or through a data.aws_kms_key). */
function isCustomerManagedKey(document: TerraformDocument & { data?: Record<string, Record<string, Block>> }, value: unknown): boolean {
  if (!isSet(value)) return false;
  const text = String(value);
  const lookup = /^\$\{data\.aws_kms_key\.([\w-]+)\.arn\}$/.exec(text);
  const keyId = lookup ? String(document.data?.aws_kms_key?.[lookup[1]!]?.key_id ?? "") : text;
  return !keyId.startsWith("alias/aws/");
}
const clusters = (d: TerraformDocument) => resources(d, "aws_rds_cluster");
const instances = (d: TerraformDocument) => resources(d, "aws_rds_cluster_instance");
const instancesOf = (d: TerraformDocument, cluster: Resource) =>
  instances(d).filter((i) => refersTo(i.body.cluster_identifier, cluster) || i.body.cluster_identifier === cluster.body.cluster_identifier);

const ANYWHERE = ["0.0.0.0/0", "::/0"];
const DEFAULT_ADMIN_NAMES = ["postgres", "admin"];

interface Rule {
  readonly direction: "ingress" | "egress";
  readonly cidrs: string[];
  readonly description: unknown;
  readonly owner: Resource;
}

/** Security group rules in all three Terraform forms: separate rule resources, legacy rules, inline blocks. */
function securityGroupRules(document: TerraformDocument): Rule[] {
  const separate = [
    ...resources(document, "aws_vpc_security_group_ingress_rule").map((r) => ({ r, direction: "ingress" as const })),
    ...resources(document, "aws_vpc_security_group_egress_rule").map((r) => ({ r, direction: "egress" as const })),
  ].map(({ r, direction }) => ({ direction, cidrs: [r.body.cidr_ipv4, r.body.cidr_ipv6].filter(isSet), description: r.body.description, owner: r }));
  const legacy = resources(document, "aws_security_group_rule").map((r) => ({
    direction: r.body.type === "egress" ? ("egress" as const) : ("ingress" as const),
    cidrs: [...(r.body.cidr_blocks ?? []), ...(r.body.ipv6_cidr_blocks ?? [])],
    description: r.body.description,
    owner: r,
  }));
  const inline = resources(document, "aws_security_group").flatMap((group) =>
    (["ingress", "egress"] as const).flatMap((direction) =>
      ((group.body[direction] ?? []) as Block[]).map((block) => ({
        direction,
        cidrs: [...(block.cidr_blocks ?? []), ...(block.ipv6_cidr_blocks ?? [])],
        description: block.description,
        owner: group,
      })),
    ),
  );
  return [...separate, ...legacy, ...inline];
}

/** Statements of every identity policy; a policy that is not literal JSON cannot be verified. */
function identityPolicies(document: TerraformDocument): { resource: Resource; statements?: Block[] }[] {
  return resources(document, "aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy").map((resource) => {
    try {
      const parsed = JSON.parse(resource.body.policy as string) as Block;
      const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
      return { resource, statements };
    } catch {
      return { resource };
    }
  });
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const CONTROLS: readonly Control[] = [
  {
    id: "RDS.7",
    checkov: ["CKV_AWS_139"],
    title: "clusters have deletion protection",
    evaluate: (d) => failing(clusters(d), (c) => c.body.deletion_protection === true, "RDS.7 deletion protection is off"),
  },
  {
    id: "RDS.12",
    checkov: ["CKV_AWS_162"],
    title: "clusters allow IAM database authentication",
    evaluate: (d) => failing(clusters(d), (c) => c.body.iam_database_authentication_enabled === true, "RDS.12 IAM authentication is off"),
  },
  {
    id: "RDS.15",
    checkov: [],
    title: "clusters have instances in more than one availability zone",
    evaluate: (d) =>
      failing(
        clusters(d),
        (c) => {
          const members = instancesOf(d, c);
          const zones = new Set(members.map((i) => i.body.availability_zone));
          return members.length >= 2 && members.every((i) => isSet(i.body.availability_zone)) && zones.size === members.length;
        },
        "RDS.15 the cluster is not spread over several availability zones (one instance, or instances without distinct zones)",
      ),
  },
  {
    id: "RDS.16",
    checkov: ["CKV_AWS_313"],
    title: "clusters copy tags to snapshots",
    evaluate: (d) => failing(clusters(d), (c) => c.body.copy_tags_to_snapshot === true, "RDS.16 tags are not copied to snapshots"),
  },
  {
    id: "RDS.24",
    checkov: [],
    title: "clusters use a custom administrator name",
    evaluate: (d) =>
      failing(
        clusters(d),
        (c) => isSet(c.body.master_username) && !DEFAULT_ADMIN_NAMES.includes(String(c.body.master_username).toLowerCase()),
        "RDS.24 the master username is a default name",
      ),
  },
  {
    id: "RDS.27",
    checkov: ["CKV_AWS_96"],
    title: "clusters are encrypted at rest",
    evaluate: (d) => failing(clusters(d), (c) => c.body.storage_encrypted === true, "RDS.27 storage is not encrypted"),
  },
  {
    id: "RDS.35",
    checkov: [],
    title: "clusters upgrade minor versions automatically",
    evaluate: (d) =>
      failing(
        clusters(d),
        (c) => instancesOf(d, c).every((i) => i.body.auto_minor_version_upgrade === true),
        "RDS.35 automatic minor version upgrade is off for an instance",
      ),
  },
  {
    id: "RDS.37",
    checkov: ["CKV_AWS_324"],
    title: "Aurora PostgreSQL clusters publish logs to CloudWatch Logs",
    evaluate: (d) =>
      failing(
        clusters(d),
        (c) => asList(c.body.enabled_cloudwatch_logs_exports).includes("postgresql"),
        "RDS.37 the PostgreSQL log is not exported to CloudWatch Logs",
      ),
  },
  {
    id: "CKV_AWS_133",
    checkov: ["CKV_AWS_133"],
    title: "clusters keep backups for at least 7 days",
    evaluate: (d) =>
      failing(clusters(d), (c) => Number(c.body.backup_retention_period) >= 7, "CKV_AWS_133 backups are kept for fewer than 7 days"),
  },
  {
    id: "CKV_AWS_327",
    checkov: ["CKV_AWS_327"],
    title: "clusters are encrypted with a customer-managed key",
    evaluate: (d) =>
      failing(clusters(d), (c) => isCustomerManagedKey(d, c.body.kms_key_id), "CKV_AWS_327 storage is not encrypted with a customer-managed key"),
  },
  {
    id: "RDS.6",
    checkov: ["CKV_AWS_118"],
    title: "instances have Enhanced Monitoring",
    evaluate: (d) =>
      failing(
        instances(d),
        (i) => Number(i.body.monitoring_interval) > 0 && isSet(i.body.monitoring_role_arn),
        "RDS.6 Enhanced Monitoring is off",
      ),
  },
  {
    id: "RDS.13",
    checkov: ["CKV_AWS_226"],
    title: "instances upgrade minor versions automatically",
    evaluate: (d) =>
      failing(instances(d), (i) => i.body.auto_minor_version_upgrade === true, "RDS.13 automatic minor version upgrade is off"),
  },
  {
    id: "CKV_AWS_17",
    checkov: ["CKV_AWS_17"],
    title: "instances are not publicly accessible",
    evaluate: (d) => failing(instances(d), (i) => i.body.publicly_accessible === false, "CKV_AWS_17 the instance is not explicitly private"),
  },
  {
    id: "CKV_AWS_353",
    checkov: ["CKV_AWS_353"],
    title: "instances have Performance Insights",
    evaluate: (d) =>
      failing(instances(d), (i) => i.body.performance_insights_enabled === true, "CKV_AWS_353 Performance Insights is off"),
  },
  {
    id: "CKV_AWS_354",
    checkov: ["CKV_AWS_354"],
    title: "Performance Insights is encrypted with a customer-managed key",
    evaluate: (d) =>
      failing(
        instances(d),
        (i) => isCustomerManagedKey(d, i.body.performance_insights_kms_key_id),
        "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key",
      ),
  },
  {
    id: "SecretsManager.1",
    checkov: ["CKV2_AWS_57"],
    title: "secrets rotate automatically",
    evaluate: (d) => {
      const rotations = resources(d, "aws_secretsmanager_secret_rotation");
      return failing(
        resources(d, "aws_secretsmanager_secret"),
        (s) => rotations.some((r) => refersTo(r.body.secret_id, s)),
        "SecretsManager.1 the secret does not rotate",
      );
    },
  },
  {
    id: "SecretsManager.4",
    checkov: [],
    title: "secrets rotate within 90 days",
    evaluate: (d) => {
      const rotations = resources(d, "aws_secretsmanager_secret_rotation");
      return failing(
        resources(d, "aws_secretsmanager_secret"),
        (s) =>
          rotations.some((r) => {
            const days = asList(r.body.rotation_rules)[0] as Block | undefined;
            return refersTo(r.body.secret_id, s) && Number(days?.automatically_after_days) <= 90;
          }),
        "SecretsManager.4 the secret is not rotated within 90 days",
      );
    },
  },
  {
    id: "CKV_AWS_149",
    checkov: ["CKV_AWS_149"],
    title: "credentials secrets are encrypted with a customer-managed key",
    evaluate: (d) => [
      ...failing(resources(d, "aws_secretsmanager_secret"), (s) => isSet(s.body.kms_key_id), "CKV_AWS_149 the secret uses the AWS managed key"),
      ...failing(
        clusters(d).filter((c) => c.body.manage_master_user_password === true),
        (c) => isSet(c.body.master_user_secret_kms_key_id),
        "CKV_AWS_149 the RDS-managed secret uses the AWS managed key",
      ),
    ],
  },
  {
    id: "KMS.4",
    checkov: ["CKV_AWS_7"],
    title: "customer-managed keys rotate",
    evaluate: (d) => failing(resources(d, "aws_kms_key"), (k) => k.body.enable_key_rotation === true, "KMS.4 key rotation is off"),
  },
  {
    id: "IAM.21",
    checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_355", "CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289", "CKV_AWS_290"],
    title: "identity policies name actions and resources without wildcards",
    evaluate: (d) =>
      identityPolicies(d).flatMap(({ resource, statements }) => {
        if (!statements) return [`IAM.21 the policy is not literal JSON and cannot be verified on ${describe(resource)}`];
        const problems: string[] = [];
        for (const statement of statements) {
          const actions = asList(statement.Action).map(String);
          if (statement.NotAction !== undefined || actions.some((a) => a.includes("*"))) {
            problems.push(`IAM.21 statement ${statement.Sid ?? "(no Sid)"} allows wildcard actions on ${describe(resource)}`);
          }
          if (statement.NotResource !== undefined || asList(statement.Resource).includes("*")) {
            problems.push(`IAM.21 statement ${statement.Sid ?? "(no Sid)"} applies to every resource on ${describe(resource)}`);
          }
        }
        return problems;
      }),
  },
  {
    id: "EC2.18",
    checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
    title: "security groups admit no traffic from anywhere",
    evaluate: (d) =>
      securityGroupRules(d)
        .filter((rule) => rule.direction === "ingress" && rule.cidrs.some((cidr) => ANYWHERE.includes(cidr)))
        .map((rule) => `EC2.18 ingress from anywhere on ${describe(rule.owner)}`),
  },
  {
    id: "CKV_AWS_382",
    checkov: ["CKV_AWS_382"],
    title: "security groups send no traffic to anywhere",
    evaluate: (d) =>
      securityGroupRules(d)
        .filter((rule) => rule.direction === "egress" && rule.cidrs.some((cidr) => ANYWHERE.includes(cidr)))
        .map((rule) => `CKV_AWS_382 egress to anywhere on ${describe(rule.owner)}`),
  },
  {
    id: "CKV_AWS_23",
    checkov: ["CKV_AWS_23"],
    title: "security groups and their rules are described",
    evaluate: (d) => [
      ...failing(resources(d, "aws_security_group"), (g) => isSet(g.body.description), "CKV_AWS_23 the security group has no description"),
      ...securityGroupRules(d)
        .filter((rule) => !isSet(rule.description))
        .map((rule) => `CKV_AWS_23 an ${rule.direction} rule has no description on ${describe(rule.owner)}`),
    ],
  },
];
