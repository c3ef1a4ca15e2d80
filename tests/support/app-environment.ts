/**
 * The caller's environment without the app's inputs (`AURORA_…`, `TF_CLOUD_…`, `BOOTSTRAP_…`,
 * `PREVIEW_ID`), so that a synth run by a test does not depend on the shell it was started from.
 * (The tokens whose presence the bootstrap stack checks matter only with TF_CLOUD_ORGANIZATION or
 * BOOTSTRAP_GITHUB_REPOSITORY, which this removes.)
 */
export function withoutAppInputs(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^(AURORA_|TF_CLOUD_|BOOTSTRAP_|PREVIEW_ID$)/.test(name)));
}
