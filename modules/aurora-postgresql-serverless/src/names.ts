/**
 * Limits of the names the construct takes.
 */
import {
  CLUSTER_SUFFIX,
  INSTANCE_SUFFIX,
  LAMBDA_ROLE_SUFFIX,
  MAX_IDENTIFIER_LENGTH,
  MAX_READERS,
  MAX_ROLE_NAME_LENGTH,
  MONITORING_ROLE_SUFFIX,
} from "./private/naming";

/**
 * Longest `name` whose derived names all fit: the last instance identifier and the Lambda
 * role name are the binding limits.
 */
export const MAX_NAME_LENGTH = Math.min(
  MAX_IDENTIFIER_LENGTH - `${INSTANCE_SUFFIX}${MAX_READERS + 1}`.length,
  MAX_ROLE_NAME_LENGTH - LAMBDA_ROLE_SUFFIX.length,
  MAX_ROLE_NAME_LENGTH - MONITORING_ROLE_SUFFIX.length,
  MAX_IDENTIFIER_LENGTH - CLUSTER_SUFFIX.length,
);
