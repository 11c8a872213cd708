// Bounds on what crosses Temporal's wire. A payload over Temporal's limit (2 MB per payload by
// default, https://docs.temporal.io/cloud/limits) fails its workflow task or activity, and a
// history over 51,200 events or 50 MB ends its workflow: so nothing in a payload may grow with
// user input. Files, results and findings stay in Postgres (blob IDs); texts that come from a user
// or an agent are clipped here. Plain functions: safe in workflow code and anywhere else.

/** Longest agent summary carried in a workflow result or an activity result (characters). */
export const MAX_SUMMARY_CHARS = 1_000;
/** Longest error message carried in a failure or an outcome (characters). */
export const MAX_MESSAGE_CHARS = 2_000;

/** `text` cut to at most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
