// Table row types as stored: snake_case, JSON in text columns, times as ISO text. They never leave src/db.

import type { Generated } from 'kysely';

export interface PartiesTable {
  code: string;
  name: string;
  kind: string;
}

export interface SourcesTable {
  id: string;
  key: string;
  issuer: string;
  issuer_party: string | null;
  channel: string | null;
  published_at: string | null;
  url: string | null;
  title: string;
  language: string | null;
  original_text: string | null;
  translations_json: string;
  verified: number;
}

export interface AgreementsTable {
  id: string;
  slug: string;
  title: string;
  form: string;
  kind: string;
  summary: string;
  parties_json: string;
  mediators_json: string;
  links_json: string;
  lifecycle_json: string;
  conditions_json: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ReadoutsTable {
  id: string;
  agreement_id: string;
  key: string;
  position: number;
  issued_by: string;
  issuer: string;
  issued_at: string;
  source_key: string | null;
  scope: string;
  summary: string;
  window_json: string;
  /** The window as UTC ISO text, for finding the incidents a change of terms touches; null when open. */
  window_start_utc: string | null;
  window_end_utc: string | null;
}

export interface ProvisionsTable {
  id: string;
  readout_id: string;
  key: string;
  position: number;
  kind: string;
  acts_json: string;
  domains_json: string;
  targets_json: string;
  area_json: string;
  bound_json: string;
  quote: string | null;
}

/**
 * The most serious of an incident's screening verdicts (0 none, 1 not-covered … 4 covered), derived: the
 * repository that writes screenings keeps it, so it is no field of the incident itself.
 */
export interface VerdictRankColumn {
  verdict_rank: Generated<number>;
}

export interface IncidentsTable {
  id: string;
  ref: string | null;
  occurred_at: string;
  occurred_utc: string;
  time_precision: string;
  title: string;
  event_type: string | null;
  sub_event_type: string | null;
  actor1: string | null;
  actor2: string | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  location_name: string | null;
  lon: number | null;
  lat: number | null;
  geo_precision: number | null;
  source_text: string | null;
  source_scale: string | null;
  notes: string | null;
  fatalities: number | null;
  act: string | null;
  domain: string | null;
  target: string | null;
  weapon: string | null;
  perpetrator: string | null;
  counts_json: string;
  effects_json: string;
  observation: string | null;
  casualties_json: string;
  created_at: string;
  updated_at: string;
  geo_snapshot_date: string | null;
  geo_distance_km: number | null;
  geo_side: string | null;
  geo_sector: string | null;
  geo_admin1: string | null;
  /** The person who filed it (a user id, `token:<id>` or `system:<name>`). */
  reported_by: string | null;
  published_at: string | null;
  withhold_reporter: number;
  location_disclosure: string;
}

export interface AllegationsTable {
  id: string;
  incident_id: string;
  accuser: string;
  accused: string;
  made_at: string;
  source_key: string | null;
  summary: string;
  version: number;
  supersedes: string | null;
  filed_by: string | null;
  filed_at: string | null;
}

export interface AllegationRepliesTable {
  id: string;
  allegation_id: string;
  party: string;
  kind: string;
  text: string;
  source_key: string | null;
  made_at: string;
  version: number;
  supersedes: string | null;
  filed_by: string;
  filed_at: string;
}

export interface FindingsTable {
  incident_id: string;
  occurrence: string;
  attribution_json: string;
  rulings_json: string;
  grade: string;
  published: number;
  history_json: string;
  updated_at: string;
}

export interface EvidenceTable {
  id: string;
  incident_id: string;
  kind: string;
  sha256: string | null;
  media_type: string | null;
  size_bytes: number | null;
  filename: string | null;
  url: string | null;
  description: string;
  captured_at: string | null;
  collected_by: string;
  collected_at: string;
  public_sha256: string | null;
  public_media_type: string | null;
  public_size_bytes: number | null;
  redaction_note: string | null;
}

export interface CustodyEventsTable {
  id: string;
  evidence_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  note: string | null;
}

export interface ScreeningsTable {
  incident_id: string;
  agreement_id: string;
  verdict: string;
  readouts_json: string;
  computed_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  role: string;
  created_at: string;
  revoked_at: string | null;
  user_id: string | null;
  party: string | null;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  role: string;
  party: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before_digest: string | null;
  after_digest: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditCheckpointsTable {
  /** How many audit events (seq 1..tree_size) the tree covers. */
  tree_size: number;
  root_hash: string;
  created_at: string;
  /** Ed25519 signature (base64) of the checkpoint's signed text. */
  signature: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface FrontlineSnapshotsTable {
  id: string;
  /** YYYY-MM-DD: the first day the snapshot is in force. */
  valid_from: string;
  source: string;
  occupied_json: string;
  line_json: string;
  line_km: number;
  area_km2: number;
  report_json: string;
  created_at: string;
}

export interface SectorsTable {
  key: string;
  name: string;
  position: number;
  region_json: string;
  updated_at: string;
}

export interface BulletinsTable {
  id: string;
  slug: string;
  /** YYYY-MM-DD: the day reported on. */
  date: string;
  version: number;
  published_version: number | null;
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface BulletinVersionsTable {
  bulletin_id: string;
  version: number;
  title: string;
  summary: string;
  markdown: string;
  links_json: string;
  note: string | null;
  edited_by: string;
  edited_at: string;
}

export interface ExpertGroupsTable {
  id: string;
  slug: string;
  name: string;
  kind: string;
  mandate: string;
  parties_json: string;
  formed_on: string | null;
  source_key: string | null;
  visibility: string;
  created_at: string;
  updated_at: string;
}

export interface ExpertGroupMembersTable {
  id: string;
  group_id: string;
  key: string;
  party: string;
  name: string | null;
  role: string;
  user_id: string | null;
  source_key: string | null;
  note: string | null;
  left_on: string | null;
  created_at: string;
}

export interface ExpertGroupMeetingsTable {
  id: string;
  group_id: string;
  key: string;
  held_at: string;
  held_utc: string;
  place: string;
  parties_json: string;
  summary: string;
  source_key: string | null;
  created_at: string;
}

export interface ExpertGroupDecisionsTable {
  id: string;
  group_id: string;
  key: string;
  text: string;
  decided_at: string;
  decided_utc: string;
  meeting_id: string | null;
  source_key: string | null;
  created_at: string;
}

export interface ExpertGroupIssuesTable {
  id: string;
  group_id: string;
  key: string;
  title: string;
  description: string;
  status: string;
  waiting_on: string | null;
  owner_party: string | null;
  owner_member_id: string | null;
  decision_id: string | null;
  raised_at: string;
  raised_utc: string;
  raised_by: string;
  source_key: string | null;
  links_json: string;
  updated_at: string;
}

/** Append-only: each update keeps the state it found (`*_from`) and the one it left (`*_to`, null: unchanged). */
export interface ExpertGroupIssueUpdatesTable {
  id: string;
  issue_id: string;
  seq: number;
  /** When it happened, as stated, and as UTC ISO text; `posted_at` is when it was recorded. */
  at: string;
  at_utc: string;
  posted_at: string;
  posted_by: string;
  member_id: string | null;
  party: string | null;
  text: string;
  status_from: string;
  waiting_on_from: string | null;
  status_to: string | null;
  waiting_on_to: string | null;
  decision_id: string | null;
  source_key: string | null;
}

export interface CorrectionsTable {
  id: string;
  status: string;
  page_url: string;
  page_title: string | null;
  record_type: string | null;
  record_id: string | null;
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  suggestion: string;
  comment: string;
  contact: string | null;
  submitted_at: string;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  reply: string | null;
  applied_at: string | null;
  applied_by: string | null;
  applied_note: string | null;
}

export interface ExchangesTable {
  id: string;
  key: string;
  /** YYYY-MM-DD: the day the people were handed over. */
  occurred_on: string;
  side_a: string;
  side_b: string;
  mediator: string | null;
  agreement_id: string | null;
  agreement_relation: string | null;
  clause_json: string | null;
  summary: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ExchangeClaimsTable {
  id: string;
  exchange_id: string;
  /** 1, 2, 3, ... per exchange, in the order filed. */
  position: number;
  claimant: string;
  source_key: string;
  stage: string;
  counts_json: string;
  tally_sequence: number | null;
  tally_total: number | null;
  tally_basis: string | null;
  quote: string | null;
  note: string | null;
  filed_by: string;
  filed_at: string;
}

export interface ExchangeFiguresTable {
  exchange_id: string;
  /** 1, 2, 3, ... per exchange; the highest row per side and category is the current figure. */
  seq: number;
  from_party: string;
  category: string;
  headcount: number;
  reason: string;
  set_by: string;
  set_at: string;
}

export interface WebhooksTable {
  id: string;
  url: string;
  description: string;
  events_json: string;
  /** Kept to sign deliveries; shown once, when the webhook is created. */
  secret: string;
  active: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** The outbox: one row per event per subscribed webhook, with the exact body to send. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  created_at: string;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  delivered_at: string | null;
  last_status: number | null;
  last_error: string | null;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
  response_excerpt: string | null;
}

export interface Database {
  parties: PartiesTable;
  sources: SourcesTable;
  agreements: AgreementsTable;
  readouts: ReadoutsTable;
  provisions: ProvisionsTable;
  incidents: IncidentsTable & VerdictRankColumn;
  allegations: AllegationsTable;
  screenings: ScreeningsTable;
  api_tokens: ApiTokensTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  meta: MetaTable;
  frontline_snapshots: FrontlineSnapshotsTable;
  sectors: SectorsTable;
  allegation_replies: AllegationRepliesTable;
  findings: FindingsTable;
  evidence: EvidenceTable;
  custody_events: CustodyEventsTable;
  expert_groups: ExpertGroupsTable;
  expert_group_members: ExpertGroupMembersTable;
  expert_group_meetings: ExpertGroupMeetingsTable;
  expert_group_decisions: ExpertGroupDecisionsTable;
  expert_group_issues: ExpertGroupIssuesTable;
  expert_group_issue_updates: ExpertGroupIssueUpdatesTable;
  bulletins: BulletinsTable;
  bulletin_versions: BulletinVersionsTable;
  corrections: CorrectionsTable;
  exchanges: ExchangesTable;
  exchange_claims: ExchangeClaimsTable;
  exchange_figures: ExchangeFiguresTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}
