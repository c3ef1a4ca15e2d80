/**
 * The bootstrap stack's GitHub part (github provider 6.9): the deploy's GitHub environments of the
 * settings table, each deployable from main only, with required reviewers where the table says
 * approvalRequired; `deploy-plan`, main only and no reviewers; `npm`, the release tags only; and the
 * repository variables the workflows read. No secret: their values come from Terraform Cloud team
 * tokens, which an owner creates and sets by hand (the Terraform Cloud part's `team_tokens` output).
 *
 * The token is GITHUB_TOKEN, which the provider reads itself (github/provider.go: `token` defaults
 * to GITHUB_TOKEN); it needs, on the repository, Administration read and write (environments and
 * their deployment branch policies: "Create or update an environment", "Create a deployment branch
 * policy"), Actions read (reading environments back), Variables read and write (repository
 * variables), and for team reviewers read access to the organization's teams (fine-grained:
 * Members read; classic tokens: `repo`, and `read:org` for teams). GitHub's list of the permission
 * each endpoint needs: https://docs.github.com/en/rest/authentication/permissions-required-for-fine-grained-personal-access-tokens
 */
import { ActionsVariable } from "@cdktf/provider-github/lib/actions-variable";
import { DataGithubTeam } from "@cdktf/provider-github/lib/data-github-team";
import { DataGithubUser } from "@cdktf/provider-github/lib/data-github-user";
import { GithubProvider } from "@cdktf/provider-github/lib/provider";
import { RepositoryEnvironment } from "@cdktf/provider-github/lib/repository-environment";
import { RepositoryEnvironmentDeploymentPolicy } from "@cdktf/provider-github/lib/repository-environment-deployment-policy";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { DEPLOY_BRANCH, DEPLOY_PLAN_GITHUB_ENVIRONMENT, deployGithubEnvironments, RELEASE_GITHUB_ENVIRONMENT, RELEASE_TAG_PATTERNS } from "../delivery";
import type { SettingsTable } from "./environment-stacks";
import type { GitHubRepository, Reviewer } from "./inputs";

export interface GitHubPipelineProps {
  readonly repository: GitHubRepository;
  /** The required reviewers of the environments whose applies need approval. */
  readonly reviewers: readonly Reviewer[];
  /** The repository variables, by name (GITHUB_VARIABLES' names). */
  readonly variables: Readonly<Record<string, string>>;
  readonly environments: SettingsTable;
}

/** A GitHub environment this part creates, and who and what may deploy to it. */
export interface EnvironmentRules {
  readonly name: string;
  readonly approvalRequired: boolean;
  /** Name patterns of the branches, or of the tags, that may deploy. */
  readonly branches: readonly string[];
  readonly tags: readonly string[];
}

/** The GitHub environments of the pipeline: the deploy's, from the table, then `deploy-plan` and `npm`. */
export function environmentRules(table: SettingsTable): EnvironmentRules[] {
  return [
    ...deployGithubEnvironments(table).map(({ name, approvalRequired }) => ({ name, approvalRequired, branches: [DEPLOY_BRANCH], tags: [] })),
    { name: DEPLOY_PLAN_GITHUB_ENVIRONMENT, approvalRequired: false, branches: [DEPLOY_BRANCH], tags: [] },
    { name: RELEASE_GITHUB_ENVIRONMENT, approvalRequired: false, branches: [], tags: [...RELEASE_TAG_PATTERNS] },
  ];
}

export class GitHubPipeline extends Construct {
  /** The environments, by name. */
  public readonly environments: Readonly<Record<string, RepositoryEnvironment>>;

  constructor(scope: Construct, id: string, props: GitHubPipelineProps) {
    super(scope, id);
    const { repository, reviewers } = props;
    new GithubProvider(this, "Provider", { owner: repository.owner });

    // Reviewers are given by name; environments take ids, which these data sources look up.
    const users = reviewers.flatMap((reviewer) =>
      "user" in reviewer ? [new DataGithubUser(this, `Reviewer_${reviewer.user}`, { username: reviewer.user }).id] : [],
    );
    const teams = reviewers.flatMap((reviewer) =>
      "team" in reviewer ? [new DataGithubTeam(this, `Reviewer_${reviewer.team}`, { slug: reviewer.team, summaryOnly: true }).id] : [],
    );
    // One list expression, not a list of number tokens: cdktf's HCL rendering writes those
    // unquoted (`${data…id}`), which Terraform cannot parse; Terraform converts the ids to numbers.
    const ids = (list: string[]) => (list.length === 0 ? undefined : Token.asNumberList(Fn.tolist(list)));

    const environments: Record<string, RepositoryEnvironment> = {};
    for (const rules of environmentRules(props.environments)) {
      const environment = new RepositoryEnvironment(this, `Environment_${rules.name}`, {
        repository: repository.name,
        environment: rules.name,
        // "By default, administrators can bypass the protection rules": not here.
        // (https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments#allow-administrators-to-bypass-configured-protection-rules)
        canAdminsBypass: false,
        preventSelfReview: rules.approvalRequired,
        reviewers: rules.approvalRequired ? [{ users: ids(users), teams: ids(teams) }] : undefined,
        // Selected branches and tags only: those of the policies below.
        deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
      });
      const patterns = [...rules.branches.map((pattern) => ({ branchPattern: pattern })), ...rules.tags.map((pattern) => ({ tagPattern: pattern }))];
      for (const [index, pattern] of patterns.entries()) {
        new RepositoryEnvironmentDeploymentPolicy(this, `Policy_${rules.name}_${index}`, {
          repository: repository.name,
          environment: environment.environment,
          ...pattern,
        });
      }
      environments[rules.name] = environment;
    }
    this.environments = environments;

    for (const [name, value] of Object.entries(props.variables)) {
      new ActionsVariable(this, `Variable_${name}`, { repository: repository.name, variableName: name, value });
    }
  }
}
