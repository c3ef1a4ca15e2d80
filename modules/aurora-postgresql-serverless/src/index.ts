/**
 * Aurora PostgreSQL Serverless v2 with the RDS Data API, for CDK for Terraform.
 *
 * @packageDocumentation
 */
export { AuroraPostgresServerless, type RoleReference } from "./aurora-postgres-serverless";
export type { AuroraPostgresServerlessProps } from "./props";
export { ValidationError, type ValidationProblem } from "./validation-error";
export { DATA_API_ACTIONS } from "./policy-documents";
export { DEFAULT_ENGINE_VERSION } from "./engine-version";
