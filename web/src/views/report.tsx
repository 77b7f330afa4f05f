// Filing an incident: when and where (a map picker, or coordinates typed), what (act, domain, the target from
// the taxonomy tree), who is alleged to have done it and who says so, and what the public copy will show. While
// the form is filled in, the draft is screened (POST /screen) so the reporter sees at once which agreements it
// would fall under; nothing is stored until it is filed.

import { lazy, Suspense, useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api.js';
import { describedBy, Field, SubmitError, useSubmission } from '../components/form.js';
import { ScreeningResults } from '../components/screening.js';
import { Await, Loading } from '../components/status.js';
import { TaxonomyTree } from '../components/taxonomy-tree.js';
import {
  draftLocation,
  EMPTY_DRAFT,
  incidentBody,
  LOCATION_DISCLOSURES,
  localNow,
  PRECISIONS,
  screenDraft,
  type AllegationDraft,
  type IncidentDraft,
} from '../draft.js';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';
import type { Incident, Party, Screening, Taxonomy, User } from '../types.js';
import { useApi } from '../use-api.js';

const LocationPicker = lazy(() =>
  import('../components/location-picker.js').then((m) => ({ default: m.LocationPicker })),
);

/** The roles that may file incidents (a liaison: as allegations of their own party). */
export function mayFile(user: User | null | undefined): boolean {
  return ['admin', 'editor', 'monitor', 'liaison'].includes(user?.role ?? '');
}

interface Choices {
  readonly taxonomy: Taxonomy;
  readonly parties: readonly Party[];
}

async function loadChoices(signal: AbortSignal): Promise<Choices> {
  const [taxonomy, parties] = await Promise.all([
    api.get<Taxonomy>('/taxonomy', undefined, signal),
    api.get<{ items: Party[] }>('/parties', undefined, signal),
  ]);
  return { taxonomy, parties: parties.items };
}

type Live =
  | { readonly state: 'idle' }
  | { readonly state: 'screening' }
  | { readonly state: 'done'; readonly results: readonly Screening[] }
  | { readonly state: 'error'; readonly message: string };

/** Screens the draft a moment after it stops changing; a newer draft cancels the older request. */
function useLiveScreening(draft: IncidentDraft): Live {
  const body = screenDraft(draft);
  const key = body === null ? '' : JSON.stringify(body);
  const [live, setLive] = useState<Live>({ state: 'idle' });
  useEffect(() => {
    if (key === '') {
      setLive({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setLive({ state: 'screening' });
    const timer = setTimeout(() => {
      // Sent like every write (a signed-in browser's POST carries the CSRF token), though it stores nothing.
      api.post<{ results: Screening[] }>('/screen', JSON.parse(key), controller.signal).then(
        ({ results }) => {
          setLive({ state: 'done', results });
        },
        (error: unknown) => {
          if (!controller.signal.aborted)
            setLive({ state: 'error', message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  return live;
}

function LiveScreening({ draft }: { readonly draft: IncidentDraft }) {
  const { t } = useTranslation();
  const live = useLiveScreening(draft);
  return (
    <section
      aria-labelledby="h-live"
      className="live-screening"
      data-testid="live-screening"
      data-state={live.state}
    >
      <h2 id="h-live">{t('report.screening')}</h2>
      <p className="muted small">{t('report.screeningHelp')}</p>
      <div aria-live="polite">
        {live.state === 'idle' && <p>{t('report.screeningIdle')}</p>}
        {live.state === 'screening' && <Loading />}
        {live.state === 'error' && (
          <p className="error" role="alert">
            {live.message}
          </p>
        )}
        {live.state === 'done' &&
          (live.results.length === 0 ? (
            <p data-testid="no-agreement">{t('report.noAgreement')}</p>
          ) : (
            <p data-testid="screening-summary">
              {live.results
                .map((r) => `${r.agreement.title ?? r.agreement.id}: ${t(`verdict.${r.verdict}`)}`)
                .join(' · ')}
            </p>
          ))}
      </div>
      {live.state === 'done' && <ScreeningResults screening={live.results} />}
    </section>
  );
}

function AllegationFields({
  index,
  allegation,
  parties,
  fixedAccuser,
  errors,
  onChange,
  onRemove,
}: {
  readonly index: number;
  readonly allegation: AllegationDraft;
  readonly parties: readonly Party[];
  readonly fixedAccuser: string | null;
  readonly errors: Record<string, string>;
  readonly onChange: (a: AllegationDraft) => void;
  readonly onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `allegation-${index}-${name}`;
  const error = (name: string) => errors[`allegations.${index}.${name}`];
  const partySelect = (name: 'accuser' | 'accused', disabled: boolean) => (
    <Field id={id(name)} label={t(`report.${name}`)} error={error(name)}>
      <select
        id={id(name)}
        value={allegation[name]}
        disabled={disabled}
        onChange={(e) => {
          onChange({ ...allegation, [name]: e.target.value });
        }}
      >
        {parties.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name} ({p.code})
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <fieldset className="allegation-fields">
      <legend>{t('report.allegationN', { n: index + 1 })}</legend>
      <div className="field-row">
        {partySelect('accuser', fixedAccuser !== null)}
        {partySelect('accused', false)}
        <Field id={id('made-at')} label={t('liaison.madeAt')} error={error('madeAt')}>
          <input
            id={id('made-at')}
            type="datetime-local"
            required
            value={allegation.madeAt}
            onChange={(e) => {
              onChange({ ...allegation, madeAt: e.target.value });
            }}
          />
        </Field>
      </div>
      <Field id={id('summary')} label={t('liaison.summary')} error={error('summary')}>
        <textarea
          id={id('summary')}
          required
          rows={2}
          value={allegation.summary}
          onChange={(e) => {
            onChange({ ...allegation, summary: e.target.value });
          }}
        />
      </Field>
      <Field
        id={id('source')}
        label={t('liaison.source')}
        hint={t('liaison.sourceHint')}
        error={error('source')}
      >
        <input
          id={id('source')}
          value={allegation.source}
          onChange={(e) => {
            onChange({ ...allegation, source: e.target.value });
          }}
        />
      </Field>
      <button type="button" onClick={onRemove}>
        {t('report.removeAllegation')}
      </button>
    </fieldset>
  );
}

function ReportForm({ choices, user }: { readonly choices: Choices; readonly user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const submission = useSubmission();
  const liaisonParty = user.role === 'liaison' ? user.party : null;
  const [draft, setDraft] = useState<IncidentDraft>(() => ({
    ...EMPTY_DRAFT,
    // A liaison files as their party's allegation: start the form with one.
    allegations: liaisonParty
      ? [{ accuser: liaisonParty, accused: '', madeAt: localNow(), summary: '', source: '' }]
      : [],
  }));
  const set = (patch: Partial<IncidentDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
  };
  const errors = submission.fields;
  const location = draftLocation(draft);
  const { parties, taxonomy } = choices;

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submission
      .run(() => api.post<Incident>('/incidents', incidentBody(draft)))
      .then((created) => {
        if (created !== undefined) void navigate(`/incidents/${created.id}`);
      });
  };

  const text = (
    name: keyof IncidentDraft,
    label: string,
    options: { required?: boolean; hint?: string } = {},
  ) => (
    <Field id={`incident-${name}`} label={label} hint={options.hint} error={errors[name]}>
      <input
        id={`incident-${name}`}
        required={options.required}
        value={draft[name] as string}
        aria-describedby={describedBy(`incident-${name}`, options.hint !== undefined, errors[name])}
        aria-invalid={errors[name] ? true : undefined}
        onChange={(e) => {
          set({ [name]: e.target.value });
        }}
      />
    </Field>
  );

  return (
    <div className="report">
      <form onSubmit={submit} className="report-form" aria-labelledby="h-report" noValidate={false}>
        <fieldset>
          <legend>{t('report.what')}</legend>
          {text('title', t('report.titleField'), { required: true, hint: t('report.titleHint') })}
          <div className="field-row">
            <Field id="incident-act" label={t('incident.act')} error={errors['act']}>
              <select
                id="incident-act"
                value={draft.act}
                onChange={(e) => {
                  set({ act: e.target.value });
                }}
              >
                <option value="">{t('report.notKnown')}</option>
                {taxonomy.acts.map((a) => (
                  <option key={a} value={a}>
                    {t(`report.acts.${a}`, { defaultValue: a })}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="incident-domain" label={t('report.domain')} error={errors['domain']}>
              <select
                id="incident-domain"
                value={draft.domain}
                onChange={(e) => {
                  set({ domain: e.target.value });
                }}
              >
                <option value="">{t('report.notKnown')}</option>
                {taxonomy.domains.map((d) => (
                  <option key={d} value={d}>
                    {t(`report.domains.${d}`, { defaultValue: d })}
                  </option>
                ))}
              </select>
            </Field>
            {text('weapon', t('incident.weapon'))}
          </div>
          <TaxonomyTree
            nodes={taxonomy.targets}
            value={draft.target}
            error={errors['target']}
            onChange={(target) => {
              set({ target });
            }}
          />
          <Field id="incident-perpetrator" label={t('incident.perpetrator')} error={errors['perpetrator']}>
            <select
              id="incident-perpetrator"
              value={draft.perpetrator}
              onChange={(e) => {
                set({ perpetrator: e.target.value });
              }}
            >
              <option value="">{t('report.notKnown')}</option>
              {parties.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name} ({p.code})
                </option>
              ))}
            </select>
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('report.when')}</legend>
          <div className="field-row">
            <Field
              id="incident-occurred-at"
              label={t('report.occurredAt')}
              hint={t('report.occurredAtHint')}
              error={errors['occurredAt']}
            >
              <input
                id="incident-occurred-at"
                type="datetime-local"
                required
                value={draft.occurredAt}
                aria-describedby={describedBy('incident-occurred-at', true, errors['occurredAt'])}
                onChange={(e) => {
                  set({ occurredAt: e.target.value });
                }}
              />
            </Field>
            <Field id="incident-precision" label={t('report.precision')} error={errors['timePrecision']}>
              <select
                id="incident-precision"
                value={draft.timePrecision}
                onChange={(e) => {
                  set({ timePrecision: e.target.value as IncidentDraft['timePrecision'] });
                }}
              >
                {PRECISIONS.map((p) => (
                  <option key={p} value={p}>
                    {t(`report.precisions.${p}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('report.where')}</legend>
          <p className="small muted">{t('report.pickHelp')}</p>
          <Suspense fallback={<Loading />}>
            <LocationPicker
              value={location}
              onPick={(point) => {
                set({ lon: String(point.lon), lat: String(point.lat) });
              }}
            />
          </Suspense>
          <div className="field-row">
            {text('lat', t('report.lat'))}
            {text('lon', t('report.lon'))}
            {text('locationName', t('report.placeName'))}
          </div>
          {errors['location'] && (
            <p className="error small" role="alert">
              {errors['location']}
            </p>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('report.allegations')}</legend>
          <p className="small muted">
            {liaisonParty
              ? t('report.allegationsLiaison', { party: liaisonParty })
              : t('report.allegationsHelp')}
          </p>
          {draft.allegations.map((a, i) => (
            <AllegationFields
              key={i}
              index={i}
              allegation={a}
              parties={parties}
              fixedAccuser={liaisonParty}
              errors={errors}
              onChange={(next) => {
                set({ allegations: draft.allegations.map((x, j) => (j === i ? next : x)) });
              }}
              onRemove={() => {
                set({ allegations: draft.allegations.filter((_, j) => j !== i) });
              }}
            />
          ))}
          <button
            type="button"
            onClick={() => {
              const accuser = liaisonParty ?? parties[0]?.code ?? '';
              const accused = parties.find((p) => p.code !== accuser)?.code ?? '';
              set({
                allegations: [
                  ...draft.allegations,
                  { accuser, accused, madeAt: localNow(), summary: '', source: '' },
                ],
              });
            }}
          >
            {t('report.addAllegation')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('report.sources')}</legend>
          {text('sourceText', t('incident.source'), { hint: t('report.sourcesHint') })}
          <Field id="incident-notes" label={t('incident.notes')} error={errors['notes']}>
            <textarea
              id="incident-notes"
              rows={3}
              value={draft.notes}
              onChange={(e) => {
                set({ notes: e.target.value });
              }}
            />
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('report.disclosure')}</legend>
          <p className="small muted">{t('report.disclosureHelp')}</p>
          <Field id="incident-reporter" label={t('report.reporter')}>
            <select
              id="incident-reporter"
              value={draft.reporter}
              onChange={(e) => {
                set({ reporter: e.target.value as IncidentDraft['reporter'] });
              }}
            >
              <option value="withheld">{t('report.reporterWithheld')}</option>
              <option value="shown">{t('report.reporterShown')}</option>
            </select>
          </Field>
          <Field id="incident-disclosure" label={t('report.locationShown')}>
            <select
              id="incident-disclosure"
              value={draft.location}
              onChange={(e) => {
                set({ location: e.target.value as IncidentDraft['location'] });
              }}
            >
              {LOCATION_DISCLOSURES.map((d) => (
                <option key={d} value={d}>
                  {t(`report.locations.${d}`)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>

        {Object.keys(errors).length > 0 && (
          <div className="error" role="alert" data-testid="form-errors">
            <p>{t('report.fix')}</p>
            <ul>
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>
                  <code>{field}</code>: {message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {Object.keys(errors).length === 0 && <SubmitError error={submission.error} />}
        <button type="submit" className="primary" disabled={submission.busy}>
          {t('report.submit')}
        </button>
      </form>
      <LiveScreening draft={draft} />
    </div>
  );
}

export function ReportView() {
  const { t } = useTranslation();
  const { user } = useSession();
  usePageTitle(t('report.title'));
  const choices = useApi('report-choices', loadChoices);
  if (user === undefined) return <Loading />;
  return (
    <>
      <h1 id="h-report">{t('report.title')}</h1>
      {!user ? (
        <p>
          <Link to="/sign-in?next=/incidents/new">{t('report.signInFirst')}</Link>
        </p>
      ) : !mayFile(user) ? (
        <p>{t('report.notAllowed', { role: t(`roles.${user.role}`) })}</p>
      ) : (
        <>
          <p className="lead">{t('report.intro')}</p>
          <Await loaded={choices}>{(c) => <ReportForm choices={c} user={user} />}</Await>
        </>
      )}
    </>
  );
}
