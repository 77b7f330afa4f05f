// Request and response schemas for bulletins: drafting a day's bulletin, editing it in versions, publishing it.

import { z } from 'zod';
import { isCalendarDate } from '../../../core/bulletins.js';
import { slugSchema } from '../../../core/schemas.js';

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

export const draftBody = z.strictObject({
  date,
  slug: slugSchema.max(200).optional().describe('Defaults to `daily-YYYY-MM-DD`'),
});

export const editBody = z.strictObject({
  version: version.describe('The version this edit was made on; refused (409) if a later one exists'),
  title: notBlank(300).optional(),
  summary: notBlank(1000)
    .optional()
    .describe('One or two sentences; the page description link previews show'),
  markdown: notBlank(200_000).optional().describe('The text, in Markdown; raw HTML is shown as text'),
  note: note.optional(),
});

export const publishBody = z.strictObject({
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

export const summaryShape = z.object({
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

export const bulletinResponse = summaryShape.extend({
  shownVersion: z.number().int().describe('The version whose text this is'),
  markdown: z.string(),
  html: z.string().describe('The Markdown rendered; raw HTML in the text comes out escaped'),
  editedAt: z.string(),
  editedBy,
  note: z.string().nullable(),
  related: relatedShape,
});

export const draftResponse = bulletinResponse.extend({
  unpublishedLeftOut: z
    .number()
    .int()
    .describe('Incidents of the day left out of the draft because they are not published'),
});

export const bulletinListResponse = z.object({
  items: z.array(summaryShape),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const versionsResponse = z.object({
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
