// What a refused write means to the person who tried it. The two-person rule gets its own explanation, because
// it is a rule of the mission, not a mistake: the page says who else must act. Pure.

import { ApiError, type Issue } from './api.js';

/** The refusals of the two-person rule on violations (see docs/verification.md). */
export const TWO_PERSON_CODES = [
  'SAME_REVIEWER',
  'REPORTER_CANNOT_CONFIRM',
  'SECOND_REVIEW_REQUIRED',
] as const;
export type TwoPersonCode = (typeof TWO_PERSON_CODES)[number];

export function twoPersonRule(error: unknown): TwoPersonCode | null {
  if (!(error instanceof ApiError)) return null;
  return (TWO_PERSON_CODES as readonly string[]).includes(error.code) ? (error.code as TwoPersonCode) : null;
}

/**
 * The issues of a refusal by form field: `body.reason` and `reason` both under `reason`, the first message per
 * field. A blank reason (REASON_REQUIRED, which names no path) is put under `reason` too.
 */
export function issuesByField(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields: Record<string, string> = {};
  const add = (issue: Issue) => {
    const field = issue.path.replace(/^(body|query|params)\.?/, '') || 'form';
    fields[field] ??= issue.message;
  };
  error.issues.forEach(add);
  if (error.code === 'REASON_REQUIRED') fields['reason'] ??= error.message;
  return fields;
}
