/**
 * The bootstrap stack's Terraform Cloud part (tfe provider 0.71): the environments' project and the
 * preview project, one API-driven workspace per environment stack, the AWS dynamic credentials of
 * each environment and of the previews through variable sets, and the teams whose tokens the
 * workflows hold, each with the access stacks/delivery.ts describes and nothing more.
 *
 * Team tokens are not created here: a token in state is a secret in state. An organization owner
 * creates each team's token and sets it as the GitHub secret the `team_tokens` output names.
 * Teams need HCP Terraform Essentials, Plus or Premium: "Team management is available in HCP
 * Terraform Essentials, Plus, and Premium editions"
 * (https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/teams).
 */
import { Project } from "@cdktf/provider-tfe/lib/project";
import { ProjectVariableSet } from "@cdktf/provider-tfe/lib/project-variable-set";
import { TfeProvider } from "@cdktf/provider-tfe/lib/provider";
import { Team } from "@cdktf/provider-tfe/lib/team";
import { TeamAccess } from "@cdktf/provider-tfe/lib/team-access";
import { TeamProjectAccess } from "@cdktf/provider-tfe/lib/team-project-access";
import { Variable } from "@cdktf/provider-tfe/lib/variable";
import { VariableSet } from "@cdktf/provider-tfe/lib/variable-set";
import { Workspace } from "@cdktf/provider-tfe/lib/workspace";
import { WorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";
import { WorkspaceVariableSet } from "@cdktf/provider-tfe/lib/workspace-variable-set";
import { Construct } from "constructs";
import { workspaceName, type CloudSettings } from "../backend";
import { DEPLOY_PLAN_GITHUB_ENVIRONMENT, deployGithubEnvironments, GITHUB_SECRETS, TERRAFORM_CLOUD_TEAMS } from "../delivery";
import { PROJECT } from "../environments";
import { TERRAFORM_VERSION } from "../terraform-version";
import { TERRAFORM_CLOUD_HOST } from "./aws/pipeline-aws-access";
import { environmentStacks, type SettingsTable } from "./environment-stacks";

/** The AWS roles Terraform Cloud's runs assume, by run phase: ARNs, as the AWS part makes them. */
export interface TerraformCloudRoleArns {
  /** Each environment's read-only plan role, by environment name (a row of the settings table). */
  readonly plan: Readonly<Record<string, string>>;
  /** Each environment's apply role, by environment name. */
  readonly apply: Readonly<Record<string, string>>;
  readonly previewPlan: string;
  readonly previewApply: string;
}

export interface TerraformCloudPipelineProps {
  readonly cloud: CloudSettings;
  readonly roles: TerraformCloudRoleArns;
  readonly environments: SettingsTable;
}

/** A team's permission on the runs of one workspace. */
export interface WorkspaceGrant {
  /** The team's key (PipelineTeam's). */
  readonly team: string;
  readonly stack: string;
  readonly runs: "plan" | "apply";
}

/** A team, and the GitHub secret that holds its token. */
export interface PipelineTeam {
  /** Its part of the team's Terraform address, which a renamed project keeps. */
  readonly key: string;
  readonly name: string;
  readonly secret: string;
  /** Where the secret lives: the repository, or a GitHub environment. */
  readonly githubEnvironment?: string;
}

const PULL_REQUEST_PLANS = "pull-request-plans";
const DEPLOY_PLANS = "deploy-plans";
const PREVIEWS = "previews";
const applyKey = (githubEnvironment: string) => `apply-${githubEnvironment}`;

/** The teams of TERRAFORM_CLOUD_TEAMS for this table, each with the secret its token goes into. */
export function pipelineTeams(table: SettingsTable): PipelineTeam[] {
  return [
    { key: PULL_REQUEST_PLANS, name: TERRAFORM_CLOUD_TEAMS.pullRequestPlans, secret: GITHUB_SECRETS.pullRequestPlanToken },
    { key: DEPLOY_PLANS, name: TERRAFORM_CLOUD_TEAMS.deployPlans, secret: GITHUB_SECRETS.deployPlanToken, githubEnvironment: DEPLOY_PLAN_GITHUB_ENVIRONMENT },
    ...deployGithubEnvironments(table).map(({ name }) => ({
      key: applyKey(name),
      name: TERRAFORM_CLOUD_TEAMS.apply(name),
      secret: GITHUB_SECRETS.applyToken,
      githubEnvironment: name,
    })),
    { key: PREVIEWS, name: TERRAFORM_CLOUD_TEAMS.previews, secret: GITHUB_SECRETS.previewToken },
  ];
}

/**
 * Who may queue what on the environments' workspaces, from the settings table: the pull-request
 * team plans the stacks of environments with pullRequestPlans; the deploy's plan team plans every
 * stack; each GitHub environment's apply team applies its own environments' stacks, and no other.
 */
export function workspaceGrants(table: SettingsTable): WorkspaceGrant[] {
  const environments = environmentStacks(table);
  const grant = (team: string, runs: WorkspaceGrant["runs"]) => (stack: string) => ({ team, stack, runs });
  return [
    ...environments.filter(({ settings }) => settings.pullRequestPlans).flatMap(({ stacks }) => stacks.map(grant(PULL_REQUEST_PLANS, "plan"))),
    ...environments.flatMap(({ stacks }) => stacks.map(grant(DEPLOY_PLANS, "plan"))),
    ...environments.flatMap(({ stacks, settings }) => stacks.map(grant(applyKey(settings.githubEnvironment), "apply"))),
  ];
}

/** The variable set of each environment and of the previews: `alex-aws-dev`, …, `alex-aws-previews`. */
export function awsVariableSetName(scope: string): string {
  return `${PROJECT.name}-aws-${scope}`;
}

export class TerraformCloudPipeline extends Construct {
  public readonly project: Project;
  public readonly previewProject: Project;
  /** The environments' workspaces, by stack name. */
  public readonly workspaces: Readonly<Record<string, Workspace>>;
  /** The teams, by key (PipelineTeam's). */
  public readonly teams: Readonly<Record<string, Team>>;

  constructor(scope: Construct, id: string, props: TerraformCloudPipelineProps) {
    super(scope, id);
    const { cloud, roles, environments: table } = props;
    const organization = cloud.organization;
    // Set, not left to TFE_HOSTNAME: the stacks' cloud blocks and these resources must meet on one host.
    new TfeProvider(this, "Provider", { hostname: cloud.hostname ?? TERRAFORM_CLOUD_HOST });

    // Workspaces that hold state must outlive a destroy of this stack: prevent_destroy refuses any
    // plan that would delete one (Terraform's lifecycle), and force_delete stays false, so even a
    // deletion outside that guard is a safe delete, which Terraform Cloud refuses while the
    // workspace manages resources (tfe 0.71 resource_tfe_workspace.go: safe delete unless
    // force_delete). The projects hold them, and the previews' workspaces too.
    const lifecycle = { preventDestroy: true };
    this.project = new Project(this, "Project", {
      organization,
      name: cloud.project,
      description: `The environments' workspaces of ${PROJECT.name}, one per stack, created by the bootstrap stack`,
      lifecycle,
    });
    this.previewProject = new Project(this, "PreviewProject", {
      organization,
      name: cloud.previewProject,
      description: `The pull requests' preview workspaces of ${PROJECT.name}, created and deleted by the preview workflow`,
      lifecycle,
    });

    const workspaces: Record<string, Workspace> = {};
    for (const { environment, settings, stacks } of environmentStacks(table)) {
      for (const stack of stacks) {
        const workspace = new Workspace(this, `Workspace_${stack}`, {
          organization,
          name: workspaceName(cloud.workspacePrefix, stack),
          projectId: this.project.id,
          description: `Stack ${stack} (environment ${environment}), deployed from main through the GitHub environment ${settings.githubEnvironment}`,
          // API-driven: no vcs_repo; the workflows upload each configuration they synthesized.
          terraformVersion: TERRAFORM_VERSION,
          autoApply: false,
          autoApplyRunTrigger: false,
          queueAllRuns: false,
          speculativeEnabled: true,
          // The plan summary reads the plan's JSON log lines, which this writes (README, "How a plan shows a destroy").
          structuredRunOutputEnabled: true,
          fileTriggersEnabled: false,
          forceDelete: false,
          lifecycle,
        });
        new WorkspaceSettings(this, `WorkspaceSettings_${stack}`, { workspaceId: workspace.id, executionMode: "remote", globalRemoteState: false });
        workspaces[stack] = workspace;
      }
      const variableSet = this.awsCredentials(environment, organization, roles.plan[environment], roles.apply[environment]);
      for (const stack of stacks)
        new WorkspaceVariableSet(this, `AwsCredentials_${stack}`, { workspaceId: workspaces[stack]!.id, variableSetId: variableSet.id });
    }
    this.workspaces = workspaces;
    // A project's variable set reaches every workspace in it, those the preview workflow creates later too.
    const previewCredentials = this.awsCredentials("previews", organization, roles.previewPlan, roles.previewApply);
    new ProjectVariableSet(this, "AwsCredentials_previews", { projectId: this.previewProject.id, variableSetId: previewCredentials.id });

    const teams: Record<string, Team> = {};
    for (const { key, name } of pipelineTeams(table)) {
      teams[key] = new Team(this, `Team_${key}`, {
        organization,
        name,
        visibility: "secret",
        // Owners create the team's token; the team has no members to manage it.
        allowMemberTokenManagement: false,
        organizationAccess: NO_ORGANIZATION_ACCESS,
      });
    }
    this.teams = teams;
    for (const { team, stack, runs } of workspaceGrants(table)) {
      new TeamAccess(this, `Access_${team}_${stack}`, {
        teamId: teams[team]!.id,
        workspaceId: workspaces[stack]!.id,
        permissions: [{ runs, variables: "none", stateVersions: "none", sentinelMocks: "none", workspaceLocking: false, runTasks: false }],
      });
    }
    // The preview workflow creates a workspace per pull request (through the API), applies and
    // destroys it, reads its outputs, and deletes it: custom project access, argument names of tfe
    // 0.71's tfe_team_project_access (project_access, workspace_access).
    new TeamProjectAccess(this, `Access_${PREVIEWS}`, {
      teamId: teams[PREVIEWS]!.id,
      projectId: this.previewProject.id,
      access: "custom",
      projectAccess: [{ settings: "read", teams: "none", variableSets: "none" }],
      workspaceAccess: [
        {
          create: true,
          delete: true,
          runs: "apply",
          stateVersions: "read-outputs",
          variables: "none",
          sentinelMocks: "none",
          locking: false,
          move: false,
          runTasks: false,
        },
      ],
    });
  }

  /**
   * The variables of AWS dynamic provider credentials, with a role per run phase
   * (https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration):
   * TFC_AWS_PROVIDER_AUTH "must be present and set to true", TFC_AWS_PLAN_ROLE_ARN and
   * TFC_AWS_APPLY_ROLE_ARN (so TFC_AWS_RUN_ROLE_ARN is optional). TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE
   * is left to its default, aws.workload.identity, the audience the AWS part's provider trusts.
   */
  private awsCredentials(scope: string, organization: string, planRoleArn: string | undefined, applyRoleArn: string | undefined): VariableSet {
    if (planRoleArn === undefined || applyRoleArn === undefined) throw new Error(`no AWS plan and apply roles were given for ${scope}`);
    const variableSet = new VariableSet(this, `VariableSet_${scope}`, {
      organization,
      name: awsVariableSetName(scope),
      description: `AWS dynamic credentials of ${scope}'s runs: the plan phase assumes the read-only role, the apply phase the apply role`,
      global: false,
      priority: false,
    });
    const variables = { TFC_AWS_PROVIDER_AUTH: "true", TFC_AWS_PLAN_ROLE_ARN: planRoleArn, TFC_AWS_APPLY_ROLE_ARN: applyRoleArn };
    for (const [key, value] of Object.entries(variables)) {
      new Variable(this, `Variable_${scope}_${key}`, { variableSetId: variableSet.id, key, value, category: "env", hcl: false, sensitive: false });
    }
    return variableSet;
  }
}

/** What a pipeline team may do across the organization: nothing (tfe_team's organization_access, every flag). */
const NO_ORGANIZATION_ACCESS = {
  readWorkspaces: false,
  readProjects: false,
  managePolicies: false,
  managePolicyOverrides: false,
  manageWorkspaces: false,
  manageVcsSettings: false,
  manageProviders: false,
  manageModules: false,
  manageRunTasks: false,
  manageProjects: false,
  manageMembership: false,
  manageTeams: false,
  manageOrganizationAccess: false,
  accessSecretTeams: false,
  manageAgentPools: false,
} as const;
