// Request and response schemas for expert groups, their members, meetings, decisions, issues and threads.

import { z } from 'zod';
import {
  decisionInputSchema,
  groupInputSchema,
  groupPatchSchema,
  issueInputSchema,
  issuePatchSchema,
  issueUpdateInputSchema,
  meetingInputSchema,
  memberInputSchema,
  memberPatchSchema,
} from '../../../core/expert-group-inputs.js';
import { GROUP_KINDS, GROUP_VISIBILITIES, ISSUE_STATUSES } from '../../../core/expert-groups.js';

export const slugParams = z.strictObject({ slug: z.string().min(1).describe('Group slug or id') });
export const memberParams = slugParams.extend({ member: z.string().min(1).describe('Member key') });
export const issueParams = slugParams.extend({ issue: z.string().min(1).describe('Issue key') });

export const groupBody = groupInputSchema;
export const groupPatchBody = groupPatchSchema;
export const memberBody = memberInputSchema;
export const memberPatchBody = memberPatchSchema;
export const meetingBody = meetingInputSchema;
export const decisionBody = decisionInputSchema;
export const issueBody = issueInputSchema;
export const issuePatchBody = issuePatchSchema;
export const updateBody = issueUpdateInputSchema;

const status = z.enum(ISSUE_STATUSES);

const groupFields = {
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(GROUP_KINDS),
  mandate: z.string(),
  parties: z.array(z.string()),
  formedOn: z.string().nullable(),
  source: z.string().nullable().describe('The key of the source announcing the group'),
  visibility: z.enum(GROUP_VISIBILITIES),
  createdAt: z.string(),
  updatedAt: z.string(),
};

const counts = z
  .object(
    Object.fromEntries(ISSUE_STATUSES.map((s) => [s, z.number().int()])) as Record<
      (typeof ISSUE_STATUSES)[number],
      z.ZodNumber
    >,
  )
  .describe('How many issues are in each status');

export const memberShape = z.object({
  key: z.string(),
  party: z.string(),
  name: z.string().nullable().describe('As publicly reported; null where only the role is recorded'),
  role: z.string(),
  account: z.boolean().describe('Whether a user account acts in this seat'),
  userId: z.string().nullable().describe('The account, shown only to those who manage the group'),
  source: z.string().nullable(),
  note: z.string().nullable(),
  leftOn: z.string().nullable(),
});

export const meetingShape = z.object({
  key: z.string(),
  heldAt: z.string(),
  place: z.string(),
  parties: z.array(z.string()),
  summary: z.string(),
  source: z.string().nullable(),
});

export const decisionShape = z.object({
  key: z.string(),
  text: z.string(),
  decidedAt: z.string(),
  meeting: z.string().nullable().describe('The key of the meeting that took it'),
  source: z.string().nullable(),
});

const memberRef = z.object({ key: z.string(), name: z.string().nullable(), role: z.string() });
const decisionRef = z.object({ key: z.string(), text: z.string() });

const linksShape = z
  .object({
    agreements: z.array(z.object({ slug: z.string(), title: z.string().nullable() })),
    provisions: z.array(
      z.object({
        agreement: z.string(),
        readout: z.string(),
        provision: z.string(),
        issuer: z.string().nullable(),
        quote: z.string().nullable(),
      }),
    ),
    conditions: z.array(
      z.object({
        agreement: z.string(),
        condition: z.string(),
        party: z.string().nullable(),
        text: z.string().nullable(),
        status: z.string().nullable(),
      }),
    ),
    incidents: z
      .array(
        z.object({ id: z.string(), ref: z.string().nullable(), title: z.string(), occurredAt: z.string() }),
      )
      .describe('Only the incidents the reader may see'),
  })
  .describe('What the issue is about; a reference that no longer resolves keeps its key with null details');

export const issueShape = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  status,
  waitingOn: z.string().nullable().describe('The party a waiting issue waits on'),
  owner: z
    .object({ party: z.string(), member: memberRef.nullable() })
    .nullable()
    .describe('The party (and member) that owns the issue'),
  raisedAt: z.string(),
  lastActivity: z.string().describe('UTC: the latest update, else when it was raised'),
  updates: z.number().int().describe('How many updates its thread has'),
  decision: decisionRef.nullable().describe('The decision its thread last cited'),
  source: z.string().nullable(),
  links: linksShape,
});

const boardShape = z.object({
  counts,
  columns: z
    .array(z.object({ status, issues: z.array(issueShape) }))
    .describe('One column per status, the most recently active issue first'),
  waitingOn: z
    .array(z.object({ party: z.string(), issues: z.array(z.string()).describe('Issue keys') }))
    .describe('The waiting issues by the party they wait on'),
});

const permissions = z
  .object({
    write: z.boolean().describe('May set up the group, seat members, record meetings and decisions'),
    contribute: z.boolean().describe('May raise issues and post updates'),
  })
  .describe('What the reader may do here');

export const groupListResponse = z.object({
  items: z.array(
    z.object({
      ...groupFields,
      counts,
      unresolved: z.number().int().describe('Issues open, in discussion or waiting'),
      waitingOn: z.array(
        z.object({ party: z.string(), issues: z.array(z.object({ key: z.string(), title: z.string() })) }),
      ),
      lastActivity: z.string().nullable(),
      seat: z.string().nullable().describe("The key of the reader's own seat on the group"),
    }),
  ),
});

export const groupResponse = z.object({
  ...groupFields,
  members: z.array(memberShape),
  meetings: z.array(meetingShape).describe('Oldest first'),
  decisions: z.array(decisionShape).describe('Oldest first'),
  board: boardShape,
  related: linksShape.describe("Everything the group's issues link to, once each"),
  permissions,
  seat: z.string().nullable(),
});

export const updateShape = z.object({
  seq: z.number().int(),
  at: z.string().describe('When it happened, as stated'),
  postedAt: z.string(),
  postedBy: z
    .string()
    .nullable()
    .describe('The person who posted it; shown only to those who manage the group'),
  member: memberRef.nullable().describe("The poster's seat on the group"),
  party: z.string().nullable().describe('The party whose position it states'),
  text: z.string(),
  from: z.object({ status, waitingOn: z.string().nullable() }).describe('The state it found'),
  to: z
    .object({ status, waitingOn: z.string().nullable() })
    .nullable()
    .describe('The state it left; null when the status did not change'),
  decision: decisionRef.nullable(),
  source: z.string().nullable(),
});

export const issueResponse = issueShape.extend({
  group: z.object({ slug: z.string(), name: z.string() }),
  thread: z.array(updateShape).describe('Oldest first; never edited'),
  permissions,
});
