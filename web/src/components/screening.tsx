// Screening results, one table per agreement: each readout's result with the provision that matched or the
// predicate that failed. Shown on the incident page and live while an incident is being filed.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Screening } from '../types.js';
import { VerdictBadge } from './status.js';

export function ScreeningResults({ screening }: { readonly screening: readonly Screening[] }) {
  const { t } = useTranslation();
  return (
    <>
      {screening.map((s) => (
        <div key={s.agreement.id} className="screening" data-agreement={s.agreement.slug ?? s.agreement.id}>
          <h3>
            {s.agreement.slug ? (
              <Link to={`/agreements/${s.agreement.slug}`}>{s.agreement.title}</Link>
            ) : (
              s.agreement.id
            )}{' '}
            <VerdictBadge verdict={s.verdict} />
          </h3>
          <div className="scroll" tabIndex={0} role="region" aria-label={s.agreement.title ?? s.agreement.id}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('incident.readout')}</th>
                  <th scope="col">{t('incident.result')}</th>
                  <th scope="col">{t('incident.provision')}</th>
                  <th scope="col">{t('incident.predicate')}</th>
                  <th scope="col">{t('incident.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {s.readouts.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.issuer}
                      <br />
                      <span className="muted small">{r.key}</span>
                    </th>
                    <td>
                      <VerdictBadge verdict={r.result} />
                    </td>
                    <td>{r.provision?.key ?? '—'}</td>
                    <td>{r.predicate ? <code>{r.predicate}</code> : '—'}</td>
                    <td className="small">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </>
  );
}
