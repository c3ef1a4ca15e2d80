/**
 * The pipeline's own infrastructure as code, applied once by an administrator
 * (`npx cdktf deploy bootstrap`), never by the workflows: AWS (the scopes' permissions boundaries always;
 * Terraform Cloud's roles with TF_CLOUD_ORGANIZATION; the preview's Data API role with
 * BOOTSTRAP_GITHUB_REPOSITORY), Terraform Cloud (with TF_CLOUD_ORGANIZATION and a tfe token) and
 * GitHub (with BOOTSTRAP_GITHUB_REPOSITORY and GITHUB_TOKEN). A part without its settings or token
 * is left out, and the `skipped_parts` output says what to set for it.
 *
 * Its state stays local (terraform.bootstrap.tfstate in the project root), even with
 * TF_CLOUD_ORGANIZATION set: the workspaces it would keep state in are among what it creates.
 */
import { DataResource, Fn, Op, TerraformLocal, TerraformOutput, TerraformStack } from "cdktf";
import { PolicyGate } from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import { BOOTSTRAP_STACK_NAME, GITHUB_VARIABLES } from "../delivery";
import { environmentTags } from "../environments";
import { applyStackSettings } from "../stack-settings";
import { PipelineAwsAccess } from "./aws/pipeline-aws-access";
import type { ScopeDisasterRecoveryTypes, ScopeResourceTypes } from "./aws/resource-types";
import type { SettingsTable } from "./environment-stacks";
import { GitHubPipeline } from "./github";
import type { BootstrapInputs } from "./inputs";
import { bootstrapNotice, bootstrapParts, skippedPartsOutput, type BootstrapParts } from "./parts";
import { partsLeavingState, stateGuardMessage, type StateResource } from "./state";
import { pipelineTeams, TerraformCloudPipeline } from "./terraform-cloud";

export interface BootstrapStackProps {
  readonly inputs: BootstrapInputs;
  /** The region of the AWS provider: the region the environments deploy to. */
  readonly region: string;
  /** The settings table the parts are built from (stacks/environments.ts's ENVIRONMENTS). */
  readonly environments: SettingsTable;
  /**
   * Per scope (each environment, and `preview`), the Terraform types of its stacks, which the
   * scope's roles are derived from (stacks/app.ts's scopeResourceTypes).
   */
  readonly resourceTypes: ScopeResourceTypes;
  /**
   * Per environment with stacks in a disaster-recovery region, that region and those stacks' types
   * (stacks/app.ts's disasterRecoveryTypes): its roles hold their actions in that region too.
   * @default none
   */
  readonly disasterRecovery?: ScopeDisasterRecoveryTypes;
  /** Its local state's resources (readBootstrapState()), when the synth checks them; not checked when undefined. */
  readonly state?: readonly StateResource[];
}

export class BootstrapStack extends TerraformStack {
  public readonly aws: PipelineAwsAccess;
  public readonly terraformCloud?: TerraformCloudPipeline;
  public readonly github?: GitHubPipeline;
  public readonly parts: BootstrapParts;
  /** The Terraform types of each scope's stacks, which its roles hold the actions of. */
  public readonly resourceTypes: ScopeResourceTypes;
  /** The disaster-recovery region of each environment that has one, and its stacks' types there. */
  public readonly disasterRecovery: ScopeDisasterRecoveryTypes;
  /**
   * The line the app prints after synth: when a `BOOTSTRAP_…` variable is set and a part is
   * skipped, or when the state holds a part these settings leave out.
   */
  public readonly notice?: string;

  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, BOOTSTRAP_STACK_NAME);
    const { inputs, environments } = props;
    // No cloud settings: the local backend, whatever TF_CLOUD_ORGANIZATION says.
    applyStackSettings(this, BOOTSTRAP_STACK_NAME, { region: props.region });
    this.parts = bootstrapParts(inputs, environments);
    const leaving = props.state === undefined ? [] : partsLeavingState(inputs, this.parts, props.state, environments);
    this.notice =
      leaving.length > 0
        ? `bootstrap stack: its state holds parts these settings leave out (${leaving.map(({ property }) => property).join(", ")} unset); a deploy of it stops before deleting them`
        : bootstrapNotice(inputs, this.parts);
    if (leaving.length > 0) {
      // terraform_data needs no provider: its precondition fails the plan, so nothing is deleted.
      // Terraform takes no condition that refers to nothing, hence the local it reads.
      const leftOut = new TerraformLocal(
        this,
        "parts_left_out",
        leaving.map(({ property }) => property),
      );
      new DataResource(this, "StateGuard", {
        lifecycle: { precondition: [{ condition: Op.lt(Fn.lengthOf(leftOut.asList), 1), errorMessage: stateGuardMessage(leaving) }] },
      });
    }
    const repository = inputs.githubRepository === undefined ? undefined : `${inputs.githubRepository.owner}/${inputs.githubRepository.name}`;

    this.resourceTypes = props.resourceTypes;
    this.disasterRecovery = props.disasterRecovery ?? {};
    this.aws = new PipelineAwsAccess(this, "Aws", {
      resourceTypes: props.resourceTypes,
      disasterRecovery: this.disasterRecovery,
      environments,
      terraformCloud: inputs.cloud,
      githubRepository: repository,
      existingOidcProviderArns: inputs.existingOidcProviderArns,
      tags: environmentTags(BOOTSTRAP_STACK_NAME),
    });

    const roles = this.aws.terraformCloudRoles;
    if (this.parts.terraformCloud && inputs.cloud !== undefined && roles !== undefined) {
      this.terraformCloud = new TerraformCloudPipeline(this, "TerraformCloud", { cloud: inputs.cloud, roles, environments });
      new TerraformOutput(this, "team_tokens", {
        description:
          "The Terraform Cloud team tokens an organization owner creates (Organization settings > API tokens > Team tokens), and the GitHub secret each goes into",
        // A list: see skippedPartsOutput.
        value: pipelineTeams(environments).map(
          ({ name, secret, githubEnvironment }) =>
            `${name}: ${githubEnvironment === undefined ? "repository secret" : `secret of the GitHub environment ${githubEnvironment},`} ${secret}`,
        ),
      });
    }

    if (this.parts.github && inputs.githubRepository !== undefined) {
      const cloud = inputs.cloud;
      const variables: Record<string, string> = {};
      if (cloud !== undefined) {
        variables[GITHUB_VARIABLES.organization] = cloud.organization;
        variables[GITHUB_VARIABLES.workspacePrefix] = cloud.workspacePrefix;
        variables[GITHUB_VARIABLES.project] = cloud.project;
        variables[GITHUB_VARIABLES.previewProject] = cloud.previewProject;
      }
      if (this.aws.previewDataApiRoleArn !== undefined) variables[GITHUB_VARIABLES.previewDataApiRoleArn] = this.aws.previewDataApiRoleArn;
      this.github = new GitHubPipeline(this, "GitHub", { repository: inputs.githubRepository, reviewers: inputs.reviewers, variables, environments });
    }

    PolicyGate.apply(this, { exceptions: this.aws.policyExceptions });
    new TerraformOutput(this, "skipped_parts", {
      description: "The parts of the pipeline this stack left out, and what to set for each (empty when none was)",
      value: skippedPartsOutput(this.parts),
    });
  }
}
