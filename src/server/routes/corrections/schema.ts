// Request and response schemas for readers' corrections. Every text a reader sends is size-limited, refused
// when it holds a control character, and has its markup stripped before anything else sees it; the quote and
// its context are kept exactly as selected (they must match the page), so they are only checked.

import { z } from 'zod';
import {
  CORRECTION_DECISIONS,
  CORRECTION_LIMITS,
  CORRECTION_STATUSES,
  forbiddenCharacter,
  isSingleLine,
  RECORD_TYPES,
  stripMarkup,
} from '../../../core/corrections.js';
import { QUEUE_VIEWS } from '../../../services/corrections.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';

/** A string of at most `max` characters without control characters (checked before anything is stripped). */
function checked(max: number) {
  return z
    .string()
    .max(max, `at most ${max.toLocaleString('en')} characters`)
    .superRefine((value, ctx) => {
      const bad = forbiddenCharacter(value);
      if (bad !== null) ctx.addIssue({ code: 'custom', message: `contains a control character (${bad})` });
    });
}

/** Reader's text: checked, then stripped of markup. */
function plainText(max: number) {
  return checked(max).transform(stripMarkup);
}

const recordShape = z.strictObject({
  type: z.enum(RECORD_TYPES).describe('What kind of record the page is about'),
  id: z
    .string()
    .max(CORRECTION_LIMITS.recordId)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits and . _ : - only')
    .describe("The record's id or slug"),
});

const selectorShape = z.strictObject({
  type: z.literal('TextQuoteSelector').default('TextQuoteSelector'),
  exact: checked(CORRECTION_LIMITS.exact).min(1, 'the selected text is empty').describe('The selected text'),
  prefix: checked(CORRECTION_LIMITS.context).default('').describe('The text just before the selection'),
  suffix: checked(CORRECTION_LIMITS.context).default('').describe('The text just after the selection'),
});

const submitCorrectionShape = z
  .strictObject({
    target: z
      .strictObject({
        source: checked(CORRECTION_LIMITS.source)
          .regex(/^\/(?!\/)\S*$/, 'a path of this site, starting with one /')
          .describe('The page: its path and query in the web app'),
        title: plainText(CORRECTION_LIMITS.title)
          .nullable()
          .default(null)
          .transform((t) => (t === '' ? null : t))
          .describe("The page's title as the reader saw it"),
        record: recordShape
          .nullable()
          .default(null)
          .describe('The record the page declares itself to be about (`data-record-type`, `data-record-id`)'),
        selector: selectorShape
          .nullable()
          .default(null)
          .describe('The selected text, as a W3C Web Annotation TextQuoteSelector; null without a selection'),
      })
      .describe('What the correction is about'),
    suggestion: plainText(CORRECTION_LIMITS.suggestion)
      .default('')
      .describe('The wording the reader suggests'),
    comment: plainText(CORRECTION_LIMITS.comment).default('').describe('Why, or anything else'),
    contact: checked(CORRECTION_LIMITS.contact)
      .refine(isSingleLine, 'must be one line')
      .transform(stripMarkup)
      .nullable()
      .default(null)
      .transform((c) => (c === '' ? null : c))
      .describe('How an editor may answer (email, phone…); never published'),
  })
  .superRefine((body, ctx) => {
    if (body.suggestion === '' && body.comment === '')
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'give a suggested wording or a comment' });
  });

const targetShape = z.object({
  source: z.string(),
  title: z.string().nullable(),
  record: z.object({ type: z.enum(RECORD_TYPES), id: z.string() }).nullable(),
  selector: z
    .object({
      type: z.literal('TextQuoteSelector'),
      exact: z.string(),
      prefix: z.string(),
      suffix: z.string(),
    })
    .nullable(),
});

const receiptFields = z.object({
  id: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  submittedAt: z.string(),
  target: targetShape,
  suggestion: z.string().describe('As stored: plain text, markup removed'),
  comment: z.string().describe('As stored: plain text, markup removed'),
  contactGiven: z.boolean().describe('Whether a contact was left (it is never shown back)'),
});

const correctionFields = z.object({
  id: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  target: targetShape,
  suggestion: z.string(),
  comment: z.string(),
  contact: z.string().nullable().describe("The reader's contact: for editors only"),
  submittedAt: z.string(),
  submittedBy: z
    .string()
    .nullable()
    .describe('A person id when the reader was signed in; null for the public'),
  review: z
    .object({ decision: z.enum(['accepted', 'rejected']), reply: z.string(), at: z.string(), by: z.string() })
    .nullable(),
  applied: z.object({ note: z.string(), at: z.string(), by: z.string() }).nullable(),
});

export const queueQuery = z.strictObject({
  view: z
    .enum(QUEUE_VIEWS)
    .default('open')
    .describe('`open`: submitted or accepted (what still needs an editor); or one status; or `all`'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const queueShape = z.object({
  items: z.array(correctionFields),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const idParams = z.strictObject({ id: z.string().min(1).max(100) });

const reviewShape = z.strictObject({
  decision: z.enum(CORRECTION_DECISIONS),
  reply: plainText(CORRECTION_LIMITS.reply)
    .refine((r) => r !== '', 'a reply is needed')
    .describe('The answer to the reader; kept with the correction, never published'),
});

const applyShape = z.strictObject({
  note: plainText(CORRECTION_LIMITS.note)
    .refine((n) => n !== '', 'say what changed on the page')
    .describe('What changed on the page; published in the corrections log'),
});

export const logQuery = z
  .strictObject({
    recordType: z.enum(RECORD_TYPES).optional(),
    recordId: z.string().min(1).max(CORRECTION_LIMITS.recordId).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .superRefine((q, ctx) => {
    if ((q.recordType === undefined) !== (q.recordId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [q.recordType === undefined ? 'recordType' : 'recordId'],
        message: 'recordType and recordId go together',
      });
  });

const logEntryShape = z.object({
  id: z.string(),
  appliedAt: z.string().describe('When the page was corrected'),
  note: z.string().describe('What changed, in the editors’ words'),
  target: targetShape.describe('The page, its record and the text that was corrected'),
});

const logShape = z.object({
  items: z.array(logEntryShape),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

// Examples: a reader's correction of the Easter truce's page, which gave its length without saying by which clock.
const TARGET = {
  source: '/agreements/easter-truce-2025-04',
  title: 'Easter truce (unilateral, Russia)',
  record: { type: 'agreement', id: 'easter-truce-2025-04' },
  selector: {
    type: 'TextQuoteSelector',
    exact: 'about 30 hours',
    prefix: 'to 00:00 on 21 April 2025, ',
    suffix: '. It binds Russia only.',
  },
} as const;
const SUGGESTION = 'about 30 hours (18:00 on 19 April to 00:00 on 21 April, Moscow time)';
const COMMENT = 'Say by which clock: the times are Moscow time.';
const REPLY = 'Thank you: the page now names Moscow time.';
const NOTE = 'The length of the truce now says it is counted in Moscow time.';
const EDITOR = 'user:2f9c7b1e-4d3a-4b8f-a6e5-9c0d1e2f3a4b';

export const submitCorrectionBody = inputExampleOf(submitCorrectionShape, {
  target: TARGET,
  suggestion: SUGGESTION,
  comment: COMMENT,
  contact: 'reader@example.org',
});

const CORRECTION = {
  id: 'a49f44ae-a756-4e60-b0e3-7a1a92c79c31',
  status: 'submitted',
  target: TARGET,
  suggestion: SUGGESTION,
  comment: COMMENT,
  contact: 'reader@example.org',
  submittedAt: '2025-04-22T07:41:00.000Z',
  submittedBy: null,
  review: null,
  applied: null,
} as const satisfies z.output<typeof correctionFields>;
const ACCEPTED = {
  ...CORRECTION,
  status: 'accepted',
  review: { decision: 'accepted', reply: REPLY, at: '2025-04-22T09:05:00.000Z', by: EDITOR },
} as const satisfies z.output<typeof correctionFields>;
const APPLIED = {
  ...ACCEPTED,
  status: 'applied',
  applied: { note: NOTE, at: '2025-04-22T09:20:00.000Z', by: EDITOR },
} as const satisfies z.output<typeof correctionFields>;

/** What the reader gets back: never the contact they left. */
export const receiptShape = exampleOf(receiptFields, {
  id: CORRECTION.id,
  status: 'submitted',
  submittedAt: CORRECTION.submittedAt,
  target: TARGET,
  suggestion: SUGGESTION,
  comment: COMMENT,
  contactGiven: true,
});

export const correctionShape = exampleOf(correctionFields, CORRECTION);
export const reviewedCorrection = exampleOf(correctionFields, ACCEPTED);
export const appliedCorrection = exampleOf(correctionFields, APPLIED);
export const queueResponse = exampleOf(queueShape, { items: [CORRECTION], total: 1, limit: 50, offset: 0 });
export const reviewBody = inputExampleOf(reviewShape, { decision: 'accept', reply: REPLY });
export const applyBody = inputExampleOf(applyShape, { note: NOTE });
export const logResponse = exampleOf(logShape, {
  items: [{ id: CORRECTION.id, appliedAt: APPLIED.applied.at, note: NOTE, target: TARGET }],
  total: 1,
  limit: 50,
  offset: 0,
});
