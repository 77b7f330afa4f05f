// The one error catalogue: every error Truceline reports has a stable code, an HTTP status and a message.
// docs/errors.md is generated from this table; the HTTP error handler is the only place that turns it into JSON.

export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be JSON.' },
  UNAUTHENTICATED: { status: 401, message: 'This request needs a valid session or API token.' },
  LOGIN_FAILED: { status: 401, message: 'The email or password is not right, or the account is disabled.' },
  FORBIDDEN: { status: 403, message: 'You may not do that.' },
  CSRF_FAILED: {
    status: 403,
    message: 'A write with a session cookie needs its CSRF token in x-csrf-token.',
  },
  NOT_FOUND: { status: 404, message: 'No such route.' },
  AGREEMENT_NOT_FOUND: { status: 404, message: 'No agreement has that id or slug.' },
  READOUT_NOT_FOUND: { status: 404, message: 'No readout has that id in this agreement.' },
  INCIDENT_NOT_FOUND: { status: 404, message: 'No incident has that id.' },
  SNAPSHOT_NOT_FOUND: { status: 404, message: 'No front-line snapshot is in force on that date.' },
  SECTOR_NOT_FOUND: { status: 404, message: 'No sector has that key.' },
  CHECKPOINT_NOT_FOUND: {
    status: 404,
    message: 'No audit checkpoint covers that event or has that tree size.',
  },
  USER_NOT_FOUND: { status: 404, message: 'No user has that id or email.' },
  CORRECTION_NOT_FOUND: { status: 404, message: 'No correction has that id.' },
  ALLEGATION_NOT_FOUND: { status: 404, message: 'No allegation has that id.' },
  REPLY_NOT_FOUND: { status: 404, message: 'No reply has that id.' },
  EVIDENCE_NOT_FOUND: { status: 404, message: 'No evidence has that id.' },
  TOKEN_NOT_FOUND: { status: 404, message: 'No live API token has that id.' },
  EXCHANGE_NOT_FOUND: { status: 404, message: 'No prisoner exchange has that id or key.' },
  GROUP_NOT_FOUND: { status: 404, message: 'No expert group has that slug or id.' },
  GROUP_MEMBER_NOT_FOUND: { status: 404, message: 'No member of this group has that key.' },
  GROUP_ISSUE_NOT_FOUND: { status: 404, message: 'No issue of this group has that key.' },
  BULLETIN_NOT_FOUND: { status: 404, message: 'No bulletin has that slug.' },
  WEBHOOK_NOT_FOUND: { status: 404, message: 'No webhook has that id.' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, message: 'This webhook has no delivery with that id.' },
  COLLECTION_NOT_FOUND: { status: 404, message: 'The OGC API serves no collection with that id.' },
  FEATURE_NOT_FOUND: { status: 404, message: 'No feature of this collection has that id.' },
  AGREEMENT_SLUG_TAKEN: { status: 409, message: 'Another agreement already has that slug.' },
  READOUT_KEY_TAKEN: { status: 409, message: 'This agreement already has a readout with that key.' },
  INCIDENT_REF_TAKEN: { status: 409, message: 'Another incident already has that reference.' },
  USER_EMAIL_TAKEN: { status: 409, message: 'Another user already has that email.' },
  EXCHANGE_KEY_TAKEN: { status: 409, message: 'Another exchange already has that key.' },
  EXCHANGE_CLAIM_EXISTS: {
    status: 409,
    message: 'This source’s claim about this exchange is already recorded.',
  },
  GROUP_SLUG_TAKEN: { status: 409, message: 'Another expert group already has that slug.' },
  GROUP_KEY_TAKEN: {
    status: 409,
    message: 'This group already has a member, meeting, decision or issue with that key.',
  },
  BULLETIN_SLUG_TAKEN: { status: 409, message: 'Another bulletin already has that slug.' },
  BULLETIN_VERSION_STALE: {
    status: 409,
    message: 'The bulletin has changed since that version: reload it and edit the current version.',
  },
  INVALID_TRANSITION: {
    status: 409,
    message: 'That change is not a legal transition from the current state.',
  },
  SECOND_REVIEW_REQUIRED: {
    status: 409,
    message: 'A violation ruling must be proposed by one verifier and confirmed by a second.',
  },
  SAME_REVIEWER: { status: 409, message: 'The verifier who proposed a violation may not confirm it.' },
  REPORTER_CANNOT_CONFIRM: { status: 409, message: "The incident's reporter may not confirm a violation." },
  FINDING_NOT_PUBLISHABLE: { status: 409, message: 'This finding is not ready to be published.' },
  REASON_REQUIRED: { status: 422, message: 'Every change to a finding needs a non-empty reason.' },
  VERSION_SUPERSEDED: {
    status: 409,
    message: 'That version has already been superseded: supersede the current version.',
  },
  REPLY_EXISTS: {
    status: 409,
    message: 'This allegation already has a reply: file a new version of that reply instead.',
  },
  SELF_ACCUSATION: { status: 422, message: 'The accused party must differ from the accuser.' },
  MEMBER_PARTY_MISMATCH: {
    status: 422,
    message: "A liaison's account can sit on a group only for the liaison's own party.",
  },
  PARTY_UNKNOWN: { status: 422, message: 'A party code is not known.' },
  EXCHANGE_SIDE_INVALID: {
    status: 422,
    message: 'A count names a party that is not a side of the exchange.',
  },
  TARGET_UNKNOWN: { status: 422, message: 'A target code is not in the taxonomy.' },
  ADMIN_AREA_UNKNOWN: { status: 422, message: 'An area names no known first-level administrative area.' },
  READOUT_WINDOW_INVALID: { status: 422, message: 'The time window ends before it starts.' },
  REFERENCE_UNKNOWN: { status: 422, message: 'A referenced record does not exist.' },
  FRONTLINE_INVALID: { status: 422, message: 'The front-line file holds no usable occupied area or line.' },
  CONFLICT: { status: 409, message: 'The change conflicts with stored data.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  FILE_TOO_LARGE: { status: 413, message: 'The uploaded file is larger than the limit.' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    message: 'The uploaded file is not of an accepted type, or its content does not match its declared type.',
  },
  RATE_LIMITED: { status: 429, message: 'Too many requests.' },
  EVIDENCE_FILE_MISSING: {
    status: 500,
    message:
      'The stored file of this evidence is missing: run `truceline audit verify` and restore it from backup.',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  BUSY: {
    status: 503,
    message: 'The database is busy with another write; nothing was changed. Send the request again shortly.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One problem with one field of the input, named by its path (`readouts.0.window.end`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export type ErrorDetails = Readonly<Record<string, unknown>> & { readonly issues?: readonly FieldIssue[] };

/** An error with a catalogue code; anything else that reaches the edge is reported as INTERNAL. */
export class TrucelineError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message?: string, details: ErrorDetails = {}) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'TrucelineError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = details;
  }
}

/** Builds the error for one bad field, with the path in both the message and the details. */
export function fieldError(code: ErrorCode, path: string, message: string): TrucelineError {
  return new TrucelineError(code, `${path}: ${message}`, { issues: [{ path, message }] });
}

/** Exhaustiveness guard for switches over string-literal unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
