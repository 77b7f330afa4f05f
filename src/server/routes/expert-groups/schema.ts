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
import { exampleOf, inputExampleOf } from '../../openapi.js';

export const slugParams = z.strictObject({ slug: z.string().min(1).describe('Group slug or id') });
export const memberParams = slugParams.extend({ member: z.string().min(1).describe('Member key') });
export const issueParams = slugParams.extend({ issue: z.string().min(1).describe('Issue key') });

// Examples: the Russian and American expert groups announced after the Trump–Putin call of 18 March 2025, which
// met in Riyadh on 24 March, and the US–Ukraine groups of 23 and 25 March, as the demo records them.
const WASHINGTON_25_MARCH = '2025-03-25T12:00:00-04:00';

export const groupBody = inputExampleOf(groupInputSchema, {
  slug: 'ru-us-expert-groups-2025-03',
  name: 'Russian and American expert groups',
  kind: 'expert-group',
  mandate:
    'Announced after the Trump–Putin call of 18 March 2025 (“Russian and American expert groups are being created”). The White House readout of the same call said technical negotiations on a maritime ceasefire in the Black Sea, a full ceasefire and permanent peace would “begin immediately in the Middle East”. The groups met in Riyadh on 24 March, for about 12 hours.',
  parties: ['RU', 'US'],
  formedOn: '2025-03-18T20:00:00+03:00',
  source: 'rt-expert-groups-2025-03-18',
  visibility: 'public',
});
export const groupPatchBody = inputExampleOf(groupPatchSchema, { visibility: 'public' });
export const memberBody = inputExampleOf(memberInputSchema, {
  key: 'karasin',
  party: 'RU',
  name: 'Grigory Karasin',
  role: 'Member of the Russian delegation in Riyadh',
  source: 'riyadh-delegations-2025-03-24',
  note: 'Spoke of the talks lasting about 12 hours (source karasin-2025-03-24).',
});
export const memberPatchBody = inputExampleOf(memberPatchSchema, {
  note: 'Spoke of the talks lasting about 12 hours (source karasin-2025-03-24).',
});
export const meetingBody = inputExampleOf(meetingInputSchema, {
  key: 'riyadh-2025-03-24',
  heldAt: '2025-03-24T10:00:00+03:00',
  place: 'Riyadh (Ritz-Carlton hotel)',
  parties: ['RU', 'US'],
  summary:
    'About 12 hours of talks on the Black Sea and on how to implement the ban on strikes on energy facilities. The outcomes were published the next day by the White House and the Kremlin in statements that differ.',
  source: 'karasin-2025-03-24',
});
export const decisionBody = inputExampleOf(decisionInputSchema, {
  key: 'black-sea-navigation',
  text: 'The United States and Russia agreed to ensure safe navigation, eliminate the use of force, and prevent the use of commercial vessels for military purposes in the Black Sea.',
  decidedAt: WASHINGTON_25_MARCH,
  meeting: 'riyadh-2025-03-24',
  source: 'wh-statement-ru-2025-03-25',
});
export const issueBody = inputExampleOf(issueInputSchema, {
  key: 'black-sea-navigation',
  title: 'Safe navigation and no use of force in the Black Sea',
  description:
    'The navigation-safety initiative Putin “responded constructively” to on 18 March, negotiated in Riyadh on 24 March.',
  ownerParty: 'US',
  raisedAt: '2025-03-18T14:00:00-04:00',
  source: 'wh-readout-2025-03-18',
  links: {
    agreements: ['black-sea-2025-03'],
    provisions: [
      { agreement: 'black-sea-2025-03', readout: 'wh-ru-2025-03-25', provision: 'P1' },
      { agreement: 'black-sea-2025-03', readout: 'kremlin-2025-03-25', provision: 'P1' },
    ],
  },
});
export const issuePatchBody = inputExampleOf(issuePatchSchema, {
  title: 'Safe navigation and no use of force in the Black Sea',
});
export const updateBody = inputExampleOf(issueUpdateInputSchema, {
  text: 'Agreed, as the White House states it: safe navigation, no use of force, no military use of commercial vessels.',
  status: 'decided',
  decision: 'black-sea-navigation',
  at: WASHINGTON_25_MARCH,
  party: 'US',
  source: 'wh-statement-ru-2025-03-25',
});

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

const memberFields = z.object({
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

const meetingFields = z.object({
  key: z.string(),
  heldAt: z.string(),
  place: z.string(),
  parties: z.array(z.string()),
  summary: z.string(),
  source: z.string().nullable(),
});

const decisionFields = z.object({
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

const groupListShape = z.object({
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

const groupShape = z.object({
  ...groupFields,
  members: z.array(memberFields),
  meetings: z.array(meetingFields).describe('Oldest first'),
  decisions: z.array(decisionFields).describe('Oldest first'),
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

const issueResponseShape = issueShape.extend({
  group: z.object({ slug: z.string(), name: z.string() }),
  thread: z.array(updateShape).describe('Oldest first; never edited'),
  permissions,
});

export const memberShape = exampleOf(memberFields, {
  key: 'karasin',
  party: 'RU',
  name: 'Grigory Karasin',
  role: 'Member of the Russian delegation in Riyadh',
  account: false,
  userId: null,
  source: 'riyadh-delegations-2025-03-24',
  note: 'Spoke of the talks lasting about 12 hours (source karasin-2025-03-24).',
  leftOn: null,
});
export const meetingShape = exampleOf(meetingFields, {
  key: 'riyadh-2025-03-24',
  heldAt: '2025-03-24T10:00:00+03:00',
  place: 'Riyadh (Ritz-Carlton hotel)',
  parties: ['RU', 'US'],
  summary:
    'About 12 hours of talks on the Black Sea and on how to implement the ban on strikes on energy facilities. The outcomes were published the next day by the White House and the Kremlin in statements that differ.',
  source: 'karasin-2025-03-24',
});
export const decisionShape = exampleOf(decisionFields, {
  key: 'black-sea-navigation',
  text: 'The United States and Russia agreed to ensure safe navigation, eliminate the use of force, and prevent the use of commercial vessels for military purposes in the Black Sea.',
  decidedAt: '2025-03-25T12:00:00-04:00',
  meeting: 'riyadh-2025-03-24',
  source: 'wh-statement-ru-2025-03-25',
});

/** Both groups of the demo, as the public lists them. */
export const groupListResponse = exampleOf(groupListShape, {
  items: [
    {
      id: '2bdbcaaa-601d-4881-b65a-d405eaac8ddf',
      slug: 'ru-us-expert-groups-2025-03',
      name: 'Russian and American expert groups',
      kind: 'expert-group',
      mandate:
        'Announced after the Trump–Putin call of 18 March 2025 (“Russian and American expert groups are being created”). The White House readout of the same call said technical negotiations on a maritime ceasefire in the Black Sea, a full ceasefire and permanent peace would “begin immediately in the Middle East”. The groups met in Riyadh on 24 March, for about 12 hours.',
      parties: ['RU', 'US'],
      formedOn: '2025-03-18T20:00:00+03:00',
      source: 'rt-expert-groups-2025-03-18',
      visibility: 'public',
      createdAt: '2025-03-26T09:00:00.000Z',
      updatedAt: '2025-03-26T09:00:00.000Z',
      counts: { open: 0, 'in-discussion': 1, waiting: 2, decided: 1, dropped: 1 },
      unresolved: 3,
      waitingOn: [
        {
          party: 'US',
          issues: [
            { key: 'moratorium-violations', title: 'Alleged violations of the energy moratorium' },
            { key: 'sanctions-conditions', title: 'Sanctions relief before the Black Sea terms take effect' },
          ],
        },
      ],
      lastActivity: '2025-04-18T09:00:00.000Z',
      seat: null,
    },
    {
      id: '49f0de25-37e3-4392-b328-0240f2315ea2',
      slug: 'us-ua-expert-groups-2025-03',
      name: 'United States and Ukraine expert groups (Riyadh)',
      kind: 'technical-talks',
      mandate:
        'The technical teams the Rubio–Waltz statement of 19 March said would meet in Saudi Arabia. They met in Riyadh on 23 and 25 March, before and after the US–Russia talks; the White House published the outcomes of the “United States and Ukraine Expert Groups on the Black Sea” on 25 March.',
      parties: ['UA', 'US'],
      formedOn: '2025-03-23',
      source: 'wh-statement-ua-2025-03-25',
      visibility: 'public',
      createdAt: '2025-03-26T09:00:00.000Z',
      updatedAt: '2025-03-26T09:00:00.000Z',
      counts: { open: 1, 'in-discussion': 1, waiting: 1, decided: 1, dropped: 0 },
      unresolved: 3,
      waitingOn: [
        {
          party: 'US',
          issues: [
            { key: 'moratorium-start', title: 'From when the energy moratorium runs: 18 or 25 March' },
          ],
        },
      ],
      lastActivity: '2025-04-16T09:00:00.000Z',
      seat: null,
    },
  ],
});

/** The US–Ukraine groups that met in Riyadh on 23 and 25 March 2025, as the public reads them. */
export const groupResponse = exampleOf(groupShape, {
  id: 'd02be873-62e5-42f2-876b-a6222d3596cb',
  slug: 'us-ua-expert-groups-2025-03',
  name: 'United States and Ukraine expert groups (Riyadh)',
  kind: 'technical-talks',
  mandate:
    'The technical teams the Rubio–Waltz statement of 19 March said would meet in Saudi Arabia. They met in Riyadh on 23 and 25 March, before and after the US–Russia talks; the White House published the outcomes of the “United States and Ukraine Expert Groups on the Black Sea” on 25 March.',
  parties: ['UA', 'US'],
  formedOn: '2025-03-23',
  source: 'wh-statement-ua-2025-03-25',
  visibility: 'public',
  createdAt: '2025-03-26T09:00:00.000Z',
  updatedAt: '2025-03-26T09:00:00.000Z',
  members: [
    {
      key: 'umerov',
      party: 'UA',
      name: 'Rustem Umerov',
      role: 'Minister of Defence of Ukraine, in the Ukrainian delegation in Riyadh',
      account: false,
      userId: null,
      source: 'riyadh-delegations-2025-03-24',
      note: null,
      leftOn: null,
    },
    {
      key: 'us-technical-team',
      party: 'US',
      name: null,
      role: 'The US technical team in Riyadh',
      account: false,
      userId: null,
      source: null,
      note: 'Its members are not named here: the research has their names only from a secondary summary.',
      leftOn: null,
    },
  ],
  meetings: [
    {
      key: 'riyadh-2025-03-23',
      heldAt: '2025-03-23',
      place: 'Riyadh',
      parties: ['UA', 'US'],
      summary: 'The first round, before the US–Russia talks of 24 March.',
      source: 'riyadh-delegations-2025-03-24',
    },
    {
      key: 'riyadh-2025-03-25',
      heldAt: '2025-03-25',
      place: 'Riyadh',
      parties: ['UA', 'US'],
      summary:
        'The second round, after the US–Russia talks. The White House published the outcomes the same day: the Black Sea terms, measures for the energy ban, and US help on prisoners, civilian detainees and children.',
      source: 'wh-statement-ua-2025-03-25',
    },
  ],
  decisions: [
    {
      key: 'black-sea-navigation',
      text: 'The United States and Ukraine agreed to ensure safe navigation, eliminate the use of force, and prevent the use of commercial vessels for military purposes in the Black Sea.',
      decidedAt: '2025-03-25T12:00:00-04:00',
      meeting: 'riyadh-2025-03-25',
      source: 'wh-statement-ua-2025-03-25',
    },
    {
      key: 'energy-measures',
      text: 'Develop measures for implementing the presidents’ agreement to ban strikes against energy facilities of Russia and Ukraine.',
      decidedAt: '2025-03-25T12:00:00-04:00',
      meeting: 'riyadh-2025-03-25',
      source: 'wh-statement-ua-2025-03-25',
    },
  ],
  board: {
    counts: { open: 1, 'in-discussion': 1, waiting: 1, decided: 1, dropped: 0 },
    columns: [
      {
        status: 'open',
        issues: [
          {
            key: 'humanitarian-commitments',
            title: 'Prisoners of war, civilian detainees and children',
            description:
              'The White House statement on the talks with Ukraine adds a US commitment on the exchange of prisoners of war, the release of civilian detainees and the return of children.',
            status: 'open',
            waitingOn: null,
            owner: { party: 'US', member: null },
            raisedAt: '2025-03-25T12:00:00-04:00',
            lastActivity: '2025-03-25T16:00:00.000Z',
            updates: 0,
            decision: null,
            source: 'wh-statement-ua-2025-03-25',
            links: { agreements: [], provisions: [], conditions: [], incidents: [] },
          },
        ],
      },
      {
        status: 'in-discussion',
        issues: [
          {
            key: 'warships-east',
            title: 'Russian warships beyond the eastern Black Sea',
            description:
              'Ukraine’s red line: Russian warships moving beyond the eastern part of the Black Sea would violate the agreement and be a threat, giving Ukraine the right to self-defence.',
            status: 'in-discussion',
            waitingOn: null,
            owner: {
              party: 'UA',
              member: {
                key: 'umerov',
                name: 'Rustem Umerov',
                role: 'Minister of Defence of Ukraine, in the Ukrainian delegation in Riyadh',
              },
            },
            raisedAt: '2025-03-25T12:00:00+02:00',
            lastActivity: '2025-03-25T10:00:00.000Z',
            updates: 1,
            decision: null,
            source: 'umerov-2025-03-25',
            links: {
              agreements: [
                {
                  slug: 'black-sea-2025-03',
                  title: 'Black Sea arrangement: safe navigation and no use of force',
                },
              ],
              provisions: [],
              conditions: [
                {
                  agreement: 'black-sea-2025-03',
                  condition: 'warships-east',
                  party: 'UA',
                  text: 'Russian warships must not move beyond the eastern part of the Black Sea; Ukraine would treat that as a violation and a threat, giving it the right to self-defence.',
                  status: 'open',
                },
              ],
              incidents: [],
            },
          },
        ],
      },
      {
        status: 'waiting',
        issues: [
          {
            key: 'moratorium-start',
            title: 'From when the energy moratorium runs: 18 or 25 March',
            description:
              'Russia counts the moratorium from 18 March; Ukraine from 25 March, when the Riyadh outcomes were published.',
            status: 'waiting',
            waitingOn: 'US',
            owner: { party: 'UA', member: null },
            raisedAt: '2025-03-25T18:00:00+02:00',
            lastActivity: '2025-04-16T09:00:00.000Z',
            updates: 1,
            decision: null,
            source: 'kremlin-statement-2025-03-25',
            links: {
              agreements: [
                {
                  slug: 'energy-moratorium-2025-03',
                  title: '30-day moratorium on strikes on energy infrastructure',
                },
              ],
              provisions: [
                {
                  agreement: 'energy-moratorium-2025-03',
                  readout: 'ua-2025-03-25',
                  provision: 'P1',
                  issuer: 'Ministry of Foreign Affairs of Ukraine',
                  quote: 'since the start of this energy ceasefire',
                },
                {
                  agreement: 'energy-moratorium-2025-03',
                  readout: 'kremlin-list-2025-03-25',
                  provision: 'P3',
                  issuer: 'The Kremlin',
                  quote:
                    'electricity generation and transmission infrastructure, including power plants, substations, transformers and distributors',
                },
              ],
              conditions: [],
              incidents: [],
            },
          },
        ],
      },
      {
        status: 'decided',
        issues: [
          {
            key: 'black-sea-navigation',
            title: 'Safe navigation and no use of force in the Black Sea',
            description: '',
            status: 'decided',
            waitingOn: null,
            owner: { party: 'US', member: null },
            raisedAt: '2025-03-23',
            lastActivity: '2025-03-25T16:00:00.000Z',
            updates: 1,
            decision: {
              key: 'black-sea-navigation',
              text: 'The United States and Ukraine agreed to ensure safe navigation, eliminate the use of force, and prevent the use of commercial vessels for military purposes in the Black Sea.',
            },
            source: 'wh-statement-ua-2025-03-25',
            links: {
              agreements: [
                {
                  slug: 'black-sea-2025-03',
                  title: 'Black Sea arrangement: safe navigation and no use of force',
                },
              ],
              provisions: [
                {
                  agreement: 'black-sea-2025-03',
                  readout: 'wh-ua-2025-03-25',
                  provision: 'P1',
                  issuer: 'The White House (statement on the US–Ukraine talks)',
                  quote: 'eliminate the use of force',
                },
              ],
              conditions: [],
              incidents: [],
            },
          },
        ],
      },
      { status: 'dropped', issues: [] },
    ],
    waitingOn: [{ party: 'US', issues: ['moratorium-start'] }],
  },
  related: {
    agreements: [
      { slug: 'black-sea-2025-03', title: 'Black Sea arrangement: safe navigation and no use of force' },
      { slug: 'energy-moratorium-2025-03', title: '30-day moratorium on strikes on energy infrastructure' },
    ],
    provisions: [
      {
        agreement: 'black-sea-2025-03',
        readout: 'wh-ua-2025-03-25',
        provision: 'P1',
        issuer: 'The White House (statement on the US–Ukraine talks)',
        quote: 'eliminate the use of force',
      },
      {
        agreement: 'energy-moratorium-2025-03',
        readout: 'ua-2025-03-25',
        provision: 'P1',
        issuer: 'Ministry of Foreign Affairs of Ukraine',
        quote: 'since the start of this energy ceasefire',
      },
      {
        agreement: 'energy-moratorium-2025-03',
        readout: 'kremlin-list-2025-03-25',
        provision: 'P3',
        issuer: 'The Kremlin',
        quote:
          'electricity generation and transmission infrastructure, including power plants, substations, transformers and distributors',
      },
    ],
    conditions: [
      {
        agreement: 'black-sea-2025-03',
        condition: 'warships-east',
        party: 'UA',
        text: 'Russian warships must not move beyond the eastern part of the Black Sea; Ukraine would treat that as a violation and a threat, giving it the right to self-defence.',
        status: 'open',
      },
    ],
    incidents: [],
  },
  permissions: { write: false, contribute: false },
  seat: null,
});

/** The Black Sea issue of the Russian and American groups: decided on 25 March, reopened the same day. */
export const issueResponse = exampleOf(issueResponseShape, {
  key: 'black-sea-navigation',
  title: 'Safe navigation and no use of force in the Black Sea',
  description:
    'The navigation-safety initiative Putin “responded constructively” to on 18 March, negotiated in Riyadh on 24 March.',
  status: 'in-discussion',
  waitingOn: null,
  owner: { party: 'US', member: null },
  raisedAt: '2025-03-18T14:00:00-04:00',
  lastActivity: '2025-03-25T17:00:00.000Z',
  updates: 3,
  decision: {
    key: 'black-sea-navigation',
    text: 'The United States and Russia agreed to ensure safe navigation, eliminate the use of force, and prevent the use of commercial vessels for military purposes in the Black Sea.',
  },
  source: 'wh-readout-2025-03-18',
  links: {
    agreements: [
      { slug: 'black-sea-2025-03', title: 'Black Sea arrangement: safe navigation and no use of force' },
    ],
    provisions: [
      {
        agreement: 'black-sea-2025-03',
        readout: 'wh-ru-2025-03-25',
        provision: 'P1',
        issuer: 'The White House (statement on the US–Russia talks)',
        quote: 'eliminate the use of force',
      },
      {
        agreement: 'black-sea-2025-03',
        readout: 'kremlin-2025-03-25',
        provision: 'P1',
        issuer: 'The Kremlin',
        quote: 'refraining from the use of force',
      },
    ],
    conditions: [],
    incidents: [],
  },
  group: { slug: 'ru-us-expert-groups-2025-03', name: 'Russian and American expert groups' },
  thread: [
    {
      seq: 1,
      at: '2025-03-24T22:00:00+03:00',
      postedAt: '2025-03-26T09:00:00.000Z',
      postedBy: null,
      member: null,
      party: 'RU',
      text: 'Discussed in Riyadh for about 12 hours.',
      from: { status: 'open', waitingOn: null },
      to: { status: 'in-discussion', waitingOn: null },
      decision: null,
      source: 'karasin-2025-03-24',
    },
    {
      seq: 2,
      at: '2025-03-25T12:00:00-04:00',
      postedAt: '2025-03-26T09:00:00.000Z',
      postedBy: null,
      member: null,
      party: 'US',
      text: 'Agreed, as the White House states it: safe navigation, no use of force, no military use of commercial vessels.',
      from: { status: 'in-discussion', waitingOn: null },
      to: { status: 'decided', waitingOn: null },
      decision: {
        key: 'black-sea-navigation',
        text: 'The United States and Russia agreed to ensure safe navigation, eliminate the use of force, and prevent the use of commercial vessels for military purposes in the Black Sea.',
      },
      source: 'wh-statement-ru-2025-03-25',
    },
    {
      seq: 3,
      at: '2025-03-25T20:00:00+03:00',
      postedAt: '2025-03-26T09:00:00.000Z',
      postedBy: null,
      member: null,
      party: 'RU',
      text: 'The Kremlin adds inspections of vessels and says the initiative enters into force only after the sanctions relief it lists (see the issue on sanctions conditions). Reopened: the two statements do not describe the same arrangement.',
      from: { status: 'decided', waitingOn: null },
      to: { status: 'in-discussion', waitingOn: null },
      decision: null,
      source: 'kremlin-black-sea-2025-03-25',
    },
  ],
  permissions: { write: false, contribute: false },
});
