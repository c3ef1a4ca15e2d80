/**
 * Features users ask for by name that Aurora Serverless v2 does not support, so the construct has
 * no prop for them: given anyway, the error says why and cites AWS, instead of only "no such
 * prop". Database Activity Streams are not supported for Aurora Serverless v2
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.DBActivityStreams.html),
 * and every instance this construct creates is `db.serverless`.
 */
import { ValidationError } from "../../validation-error";

const ACTIVITY_STREAMS =
  "nothing: AWS does not support Database Activity Streams on Aurora Serverless v2 (db.serverless) instances, the only kind this " +
  "construct creates (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.DBActivityStreams.html); " +
  "for an audit trail, export the PostgreSQL log (logExports) with pgAudit set through clusterParameters";

/** The names a user may try, with why each is refused. */
export const REFUSED_PROPS: Readonly<Record<string, string>> = {
  activityStream: ACTIVITY_STREAMS,
  activityStreams: ACTIVITY_STREAMS,
  databaseActivityStream: ACTIVITY_STREAMS,
  databaseActivityStreams: ACTIVITY_STREAMS,
};

/** The same error, with the refusal's reason in place of "no such prop" for a refused name. */
export function explainRefusedProps(error: unknown): unknown {
  if (!(error instanceof ValidationError)) return error;
  const problems = error.problems.map((problem) =>
    Object.hasOwn(REFUSED_PROPS, problem.property) ? { ...problem, allowed: REFUSED_PROPS[problem.property]! } : problem,
  );
  return new ValidationError(error.subject, problems);
}
