// Request and response schemas for bulletins: drafting a day's bulletin, editing it in versions, publishing it.

import { z } from 'zod';
import { isCalendarDate } from '../../../core/bulletins.js';
import { slugSchema } from '../../../core/schemas.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';

export const bulletinParams = z.strictObject({ slug: z.string().min(1).max(200).describe('Bulletin slug') });

const date = z
  .string()
  .refine(isCalendarDate, 'a calendar date, YYYY-MM-DD')
  .describe('The day reported on (Kyiv time), YYYY-MM-DD');

const version = z.number().int().min(1).max(1_000_000);
const notBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim() !== '', 'must not be blank');
const note = z.string().trim().max(2000).describe('What changed and why; kept with the version');

export const bulletinListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const bulletinQuery = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe("A version to show (the mission's staff); the public reads the published one"),
});

const draftShape = z.strictObject({
  date,
  slug: slugSchema.max(200).optional().describe('Defaults to `daily-YYYY-MM-DD`'),
});

const editShape = z.strictObject({
  version: version.describe('The version this edit was made on; refused (409) if a later one exists'),
  title: notBlank(300).optional(),
  summary: notBlank(1000)
    .optional()
    .describe('One or two sentences; the page description link previews show'),
  markdown: notBlank(200_000).optional().describe('The text, in Markdown; raw HTML is shown as text'),
  note: note.optional(),
});

const publishShape = z.strictObject({
  version: version.describe('The version to publish: it must be the latest, the one reviewed'),
  note: note.optional(),
});

const reasons = z
  .array(z.enum(['linked', 'same-day', 'links-here', 'shares-incident']))
  .describe('Why it is related: linked in the text, of the same day, linking here, or sharing an incident');

export const relatedShape = z.object({
  agreements: z.array(z.object({ slug: z.string(), title: z.string(), reasons })),
  incidents: z.array(z.object({ id: z.string(), title: z.string(), occurredAt: z.string(), reasons })),
  bulletins: z.array(z.object({ slug: z.string(), title: z.string(), date: z.string(), reasons })),
});

const status = z
  .enum(['draft', 'published', 'published-with-changes'])
  .describe('Never published; published as it stands; or published with a later version not yet published');

const editedBy = z
  .string()
  .nullable()
  .describe("Who made the version (a person id); only for the mission's staff");

const summaryFields = z.object({
  id: z.string(),
  slug: z.string(),
  date: z.string(),
  title: z.string(),
  summary: z.string(),
  status,
  version: z.number().int().describe('The latest version (the published one, to the public)'),
  publishedVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable().describe('When it was first published'),
  updatedAt: z.string(),
});

const bulletinShape = summaryFields.extend({
  shownVersion: z.number().int().describe('The version whose text this is'),
  markdown: z.string(),
  html: z.string().describe('The Markdown rendered; raw HTML in the text comes out escaped'),
  editedAt: z.string(),
  editedBy,
  note: z.string().nullable(),
  related: relatedShape,
});

const draftShapeOut = bulletinShape.extend({
  unpublishedLeftOut: z
    .number()
    .int()
    .describe('Incidents of the day left out of the draft because they are not published'),
});

const bulletinListShape = z.object({
  items: z.array(summaryFields),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const versionsShape = z.object({
  slug: z.string(),
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      title: z.string(),
      summary: z.string(),
      markdown: z.string(),
      note: z.string().nullable(),
      editedBy: z.string(),
      editedAt: z.string(),
    }),
  ),
});

// Examples: the demo's bulletin of 18 March 2025, the first day of the moratorium, in its second (edited) version.
const SUMMARY =
  'The first day of the energy moratorium, as the White House and the Kremlin date it: one Ukrainian claim of a drone strike on an energy facility in Sloviansk, contested because Ukraine dates the moratorium from 25 March.';
const NOTE = 'an editor’s note in front; summary rewritten';
const SLOVIANSK = '72d453f0-e0be-4f15-8c5c-ba5a004241c3';
const MARKDOWN = `**Editor’s note.** The White House and the Kremlin date the 30-day moratorium on strikes on energy infrastructure from 18 March 2025; Ukraine’s foreign ministry dates it from 25 March.

## Incidents

- **contested** — [Drone strike on an energy facility in Sloviansk](/incidents/${SLOVIANSK}): Sloviansk; alleged by UA against RU; occurrence alleged; ruling: unable to rule.
`;
const HTML = `<p><strong>Editor’s note.</strong> The White House and the Kremlin date the 30-day moratorium on strikes on energy infrastructure from 18 March 2025; Ukraine’s foreign ministry dates it from 25 March.</p>
<h2>Incidents</h2>
<ul>
<li><strong>contested</strong> — <a href="/incidents/${SLOVIANSK}">Drone strike on an energy facility in Sloviansk</a>: Sloviansk; alleged by UA against RU; occurrence alleged; ruling: unable to rule.</li>
</ul>
`;

const SUMMARY_EXAMPLE: z.output<typeof summaryFields> = {
  id: '5d8fc910-ca1f-46d8-ab5e-dcef6f10cefa',
  slug: 'daily-2025-03-18',
  date: '2025-03-18',
  title: 'Daily bulletin: 18 March 2025',
  summary: SUMMARY,
  status: 'published',
  version: 2,
  publishedVersion: 2,
  publishedAt: '2025-03-19T08:15:00.000Z',
  updatedAt: '2025-03-19T08:15:00.000Z',
};

const BULLETIN_EXAMPLE: z.output<typeof bulletinShape> = {
  ...SUMMARY_EXAMPLE,
  shownVersion: 2,
  markdown: MARKDOWN,
  html: HTML,
  editedAt: '2025-03-19T08:10:00.000Z',
  editedBy: null,
  note: NOTE,
  related: {
    agreements: [
      {
        slug: 'energy-moratorium-2025-03',
        title: '30-day moratorium on strikes on energy infrastructure',
        reasons: ['linked', 'same-day'],
      },
    ],
    incidents: [
      {
        id: SLOVIANSK,
        title: 'Drone strike on an energy facility in Sloviansk',
        occurredAt: '2025-03-18T20:50:00+02:00',
        reasons: ['linked', 'same-day'],
      },
    ],
    bulletins: [],
  },
};

export const draftBody = inputExampleOf(draftShape, { date: '2025-03-18' });
export const editBody = inputExampleOf(editShape, { version: 1, summary: SUMMARY, note: NOTE });
export const publishBody = inputExampleOf(publishShape, { version: 2, note: 'reviewed against the record' });

export const bulletinResponse = exampleOf(bulletinShape, BULLETIN_EXAMPLE);

/** A fresh draft: version 1, drafted from the published record of the day. */
export const draftResponse = exampleOf(draftShapeOut, {
  ...BULLETIN_EXAMPLE,
  summary:
    '1 incident on 18 March 2025 (screenings: contested 1); 0 findings published; 3 readout windows starting or lapsing.',
  status: 'draft',
  version: 1,
  publishedVersion: null,
  publishedAt: null,
  shownVersion: 1,
  markdown: MARKDOWN.slice(MARKDOWN.indexOf('## Incidents')),
  html: HTML.slice(HTML.indexOf('<h2>')),
  note: 'drafted from the data of the day',
  unpublishedLeftOut: 1,
});

export const bulletinListResponse = exampleOf(bulletinListShape, {
  items: [SUMMARY_EXAMPLE],
  total: 2,
  limit: 1,
  offset: 1,
});

export const versionsResponse = exampleOf(versionsShape, {
  slug: 'daily-2025-03-18',
  version: 2,
  publishedVersion: 2,
  versions: [
    {
      version: 1,
      title: 'Daily bulletin: 18 March 2025',
      summary:
        '1 incident on 18 March 2025 (screenings: contested 1); 0 findings published; 3 readout windows starting or lapsing.',
      markdown: MARKDOWN.slice(MARKDOWN.indexOf('## Incidents')),
      note: 'drafted from the data of the day',
      editedBy: 'system:demo',
      editedAt: '2025-03-19T08:00:00.000Z',
    },
    {
      version: 2,
      title: 'Daily bulletin: 18 March 2025',
      summary: SUMMARY,
      markdown: MARKDOWN,
      note: NOTE,
      editedBy: 'system:demo',
      editedAt: '2025-03-19T08:10:00.000Z',
    },
  ],
});
