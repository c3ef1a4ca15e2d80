/**
 * The AWS provider major the module is written for. Its policies and names read attributes that
 * changed between majors (`aws_region.region` was `name` in 5.x): under 5.x the synth succeeds
 * and the policies are broken (`secretsmanager.undefined.amazonaws.com`), so the construct
 * refuses another major instead.
 */

/** What cdktf's generated provider classes record of the provider they were generated for. */
interface GeneratedElement {
  readonly terraformGeneratorMetadata?: { readonly providerName: string; readonly providerVersion?: string };
}

const SUPPORTED_AWS_PROVIDER_MAJOR = 6;

/**
 * Throws when an AWS resource of this app was generated for another provider major. Bindings
 * that record no version (hand-written ones) are not judged.
 */
export function assertSupportedAwsProvider(element: GeneratedElement): void {
  const version = element.terraformGeneratorMetadata?.providerVersion;
  if (version === undefined) return;
  const major = Number(version.split(".")[0]);
  if (major === SUPPORTED_AWS_PROVIDER_MAJOR) return;
  throw new Error(
    `AuroraPostgresServerless needs the AWS provider ${SUPPORTED_AWS_PROVIDER_MAJOR}.x: @cdktf/provider-aws 21.x (or, on CDK Terrain, @cdktn/provider-aws 25.x). ` +
      `This app's @cdktf/provider-aws was generated for AWS provider ${version}, with which the module would synthesize broken policies. ` +
      "Install @cdktf/provider-aws@^21.",
  );
}
