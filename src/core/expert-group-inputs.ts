// Input schemas of expert groups, shared by the HTTP API and the demo loader. Shape is checked here; rules that
// need stored data (known parties, sources, agreements, incidents) are checked by the use cases.

import { z } from 'zod';
import { GROUP_KINDS, GROUP_VISIBILITIES, type IssueStatus, ISSUE_STATUSES } from './expert-groups.js';
import { instantSchema, partyCodeSchema, patchSchema, slugSchema } from './schemas.js';

const text = z.string().trim().min(1);
/** Long enough for a summary of a day's talks; short enough that a thread stays readable. */
const LONG_TEXT = 4000;

export const groupInputSchema = z.strictObject({
  slug: slugSchema,
  name: text.max(200),
  kind: z.enum(GROUP_KINDS).default('expert-group'),
  mandate: z.string().trim().max(LONG_TEXT).default('').describe('What the group was set up to work on'),
  parties: z.array(partyCodeSchema).min(1).describe('The parties taking part'),
  formedOn: instantSchema.nullable().default(null).describe('When the group was formed or first announced'),
  source: slugSchema.nullable().default(null).describe('The key of the source announcing it'),
  visibility: z
    .enum(GROUP_VISIBILITIES)
    .default('private')
    .describe('public: anyone reads it; private (the default): its members and the mission staff only'),
});
export type GroupInput = z.output<typeof groupInputSchema>;

export const groupPatchSchema = patchSchema(groupInputSchema.omit({ slug: true }));
export type GroupPatch = z.output<typeof groupPatchSchema>;

export const memberInputSchema = z.strictObject({
  key: slugSchema.describe('A short key, unique in the group (karasin, us-team)'),
  party: partyCodeSchema,
  name: text
    .max(200)
    .nullable()
    .default(null)
    .describe('The name as publicly reported, for officials acting in public office; null for a role only'),
  role: text.max(300).describe('What the member does in the group (head of delegation, adviser)'),
  user: z
    .string()
    .trim()
    .min(1)
    .nullable()
    .default(null)
    .describe('The id or email of the user account that acts as this member, if any'),
  source: slugSchema.nullable().default(null),
  note: z.string().trim().max(LONG_TEXT).nullable().default(null),
});
export type MemberInput = z.output<typeof memberInputSchema>;

export const memberPatchSchema = patchSchema(
  memberInputSchema.omit({ key: true, party: true }).extend({
    leftOn: instantSchema.nullable().default(null).describe('When the member left the group'),
  }),
);
export type MemberPatch = z.output<typeof memberPatchSchema>;

export const meetingInputSchema = z.strictObject({
  key: slugSchema,
  heldAt: instantSchema.describe('When (a date, or a date and time with its offset)'),
  place: text.max(200),
  parties: z.array(partyCodeSchema).min(1).describe('The parties whose delegations took part'),
  summary: z.string().trim().max(LONG_TEXT).default(''),
  source: slugSchema.nullable().default(null),
});
export type MeetingInput = z.output<typeof meetingInputSchema>;

export const decisionInputSchema = z.strictObject({
  key: slugSchema,
  text: text.max(LONG_TEXT),
  decidedAt: instantSchema,
  meeting: slugSchema.nullable().default(null).describe('The key of the meeting that took it'),
  source: slugSchema.nullable().default(null),
});
export type DecisionInput = z.output<typeof decisionInputSchema>;

const provisionRefSchema = z.strictObject({
  agreement: z.string().min(1).describe('Agreement slug or id'),
  readout: z.string().min(1).describe('Readout key'),
  provision: z.string().min(1).describe('Provision key'),
});

const conditionRefSchema = z.strictObject({
  agreement: z.string().min(1).describe('Agreement slug or id'),
  condition: z.string().min(1).describe('Condition key'),
});

/** What an issue is about, by reference; every reference must resolve when written. */
export const issueLinksSchema = z.strictObject({
  agreements: z.array(z.string().min(1)).max(50).default([]).describe('Agreement slugs or ids'),
  provisions: z.array(provisionRefSchema).max(50).default([]),
  conditions: z.array(conditionRefSchema).max(50).default([]),
  incidents: z.array(z.string().min(1)).max(200).default([]).describe('Incident ids or refs'),
});
export type IssueLinksInput = z.output<typeof issueLinksSchema>;

/** `waitingOn` is given exactly when the status is `waiting`. */
function checkWaiting(
  value: { status?: IssueStatus | undefined; waitingOn?: string | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.status === 'waiting' && !value.waitingOn)
    ctx.addIssue({
      code: 'custom',
      path: ['waitingOn'],
      message: 'a waiting issue names the party it waits on',
    });
  if (value.status !== 'waiting' && value.waitingOn)
    ctx.addIssue({ code: 'custom', path: ['waitingOn'], message: 'only a waiting issue waits on a party' });
}

export const issueInputSchema = z
  .strictObject({
    key: slugSchema,
    title: text.max(300),
    description: z.string().trim().max(LONG_TEXT).default(''),
    status: z.enum(ISSUE_STATUSES).default('open'),
    waitingOn: partyCodeSchema.nullable().default(null),
    ownerParty: partyCodeSchema.nullable().default(null).describe('The party that owns the issue'),
    ownerMember: slugSchema
      .nullable()
      .default(null)
      .describe('The key of the member who owns it (their party is the owner party)'),
    raisedAt: instantSchema.nullable().default(null).describe('When it was raised; now when left out'),
    source: slugSchema.nullable().default(null),
    links: issueLinksSchema.default({ agreements: [], provisions: [], conditions: [], incidents: [] }),
  })
  .superRefine(checkWaiting);
export type IssueInput = z.output<typeof issueInputSchema>;

/** A change to an issue's own fields; its status changes only by an update, so that the thread records it. */
export const issuePatchSchema = z.strictObject({
  title: text.max(300).optional(),
  description: z.string().trim().max(LONG_TEXT).optional(),
  ownerParty: partyCodeSchema.nullable().optional(),
  ownerMember: slugSchema.nullable().optional(),
  links: issueLinksSchema.optional(),
});
export type IssuePatch = z.output<typeof issuePatchSchema>;

export const issueUpdateInputSchema = z
  .strictObject({
    text: text.max(LONG_TEXT).describe('What happened, or why the status changes'),
    status: z.enum(ISSUE_STATUSES).optional().describe('The new status, if it changes'),
    waitingOn: partyCodeSchema.optional().describe('With status waiting: the party it now waits on'),
    party: partyCodeSchema
      .optional()
      .describe("The party whose position this is; a member's own party by default, and only that"),
    decision: slugSchema.optional().describe('The key of the decision of the group this update cites'),
    at: instantSchema.optional().describe('When it happened, if not now'),
    source: slugSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.status !== undefined) checkWaiting(value, ctx);
    else if (value.waitingOn !== undefined)
      ctx.addIssue({ code: 'custom', path: ['waitingOn'], message: 'give the status (waiting) with it' });
  });
export type IssueUpdateInput = z.output<typeof issueUpdateInputSchema>;

/** A whole group as the demo seeds it: the group, then its members, meetings, decisions and issues with threads. */
export const groupSeedSchema = z.strictObject({
  group: groupInputSchema,
  members: z.array(memberInputSchema).default([]),
  meetings: z.array(meetingInputSchema).default([]),
  decisions: z.array(decisionInputSchema).default([]),
  issues: z
    .array(z.strictObject({ issue: issueInputSchema, updates: z.array(issueUpdateInputSchema).default([]) }))
    .default([]),
});
export type GroupSeedInput = z.output<typeof groupSeedSchema>;
