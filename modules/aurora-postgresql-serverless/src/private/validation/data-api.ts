/**
 * Rules of the Data API switch, spread into the database's rule table in `database.ts`.
 */
import type { ResolvedProps } from "../resolved-props";
import { rulesFor, type Rule } from "./engine";

const rule = rulesFor<ResolvedProps>();

export const DATA_API_RULES: readonly Rule<ResolvedProps>[] = [
  rule("createLambdaRole", {
    involves: ["dataApi"],
    check: (create, p) => !create || p.dataApi,
    allowed:
      "false while dataApi is false: the Lambda role exists only for Data API access, " +
      "so set createLambdaRole: false when turning the Data API off (or keep dataApi: true)",
  }),
];
