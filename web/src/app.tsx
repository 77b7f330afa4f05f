// The layout (header, navigation, language switch, sign-in state) and the routes. Every view has its own
// address; filters and the map's position live in the query string.

import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Loading } from './components/status.js';
import { CorrectionsFooter } from './corrections/footer.js';
import { CorrectionsLog } from './corrections/log.js';
import { CorrectionsQueue } from './corrections/queue.js';
import { chooseLanguage, LANGUAGES, type Language } from './i18n/index.js';
import { useSession } from './session.js';
import { AgreementView } from './views/agreement.js';
import { AllegationsView } from './views/allegations.js';
import { BulletinsView, BulletinView } from './views/bulletins.js';
import { ExchangesView } from './views/exchanges.js';
import { ExpertGroupView } from './views/expert-group.js';
import { ExpertGroupsView } from './views/expert-groups.js';
import { IncidentView } from './views/incident.js';
import { IncidentsView } from './views/incidents.js';
import { NotFound } from './views/not-found.js';
import { Overview } from './views/overview.js';
import { ReportView } from './views/report.js';
import { ReviewView } from './views/review.js';
import { SignInView } from './views/sign-in.js';
import { WorkLinks } from './work-nav.js';

// The map brings maplibre (about 1 MB): loaded only when the map is opened.
const MapView = lazy(() => import('./views/map.js').then((m) => ({ default: m.MapView })));
// The bulletin editor brings the Markdown renderer for its preview: loaded only by editors who open it.
const BulletinEditorView = lazy(() =>
  import('./views/bulletin-editor.js').then((m) => ({ default: m.BulletinEditorView })),
);

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span>{t('app.language')}</span>
      <select
        value={i18n.language}
        onChange={(event) => {
          void chooseLanguage(event.target.value as Language);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function Account() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  if (user === undefined) return null;
  if (user === null)
    return (
      <NavLink to="/sign-in" className="account">
        {t('nav.signIn')}
      </NavLink>
    );
  return (
    <span className="account">
      <span className="muted">{t('nav.signedInAs', { email: user.email, role: user.role })}</span>{' '}
      <button
        type="button"
        onClick={() => {
          void signOut().then(() => navigate('/'));
        }}
      >
        {t('nav.signOut')}
      </button>
    </span>
  );
}

/** Moves focus to the main content after navigation, so keyboard and screen-reader users land on the new page. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
}

export function App() {
  const { t } = useTranslation();
  useFocusOnNavigate();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.overview')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/map">{t('nav.map')}</NavLink>
            </li>
            <li>
              <NavLink to="/incidents">{t('nav.incidents')}</NavLink>
            </li>
            <li>
              <NavLink to="/exchanges">{t('nav.exchanges')}</NavLink>
            </li>
            <li>
              <NavLink to="/bulletins">{t('nav.bulletins')}</NavLink>
            </li>
            <li>
              <NavLink to="/groups">{t('nav.groups')}</NavLink>
            </li>
            <li>
              <NavLink to="/review">{t('nav.review')}</NavLink>
            </li>
            <WorkLinks />
          </ul>
        </nav>
        <div className="tools">
          <LanguageSwitch />
          <Account />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Overview />} />
            <Route path="/map" element={<MapView />} />
            <Route path="/agreements/:slug" element={<AgreementView />} />
            <Route path="/incidents" element={<IncidentsView />} />
            <Route path="/incidents/new" element={<ReportView />} />
            <Route path="/incidents/:id" element={<IncidentView />} />
            <Route path="/allegations" element={<AllegationsView />} />
            <Route path="/exchanges" element={<ExchangesView />} />
            <Route path="/groups" element={<ExpertGroupsView />} />
            <Route path="/groups/:slug" element={<ExpertGroupView />} />
            <Route path="/bulletins" element={<BulletinsView />} />
            <Route path="/bulletins/:slug" element={<BulletinView />} />
            <Route path="/bulletins/:slug/edit" element={<BulletinEditorView />} />
            <Route path="/review" element={<ReviewView />} />
            <Route path="/review/corrections" element={<CorrectionsQueue />} />
            <Route path="/corrections" element={<CorrectionsLog />} />
            <Route path="/sign-in" element={<SignInView />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      <CorrectionsFooter />
    </>
  );
}
