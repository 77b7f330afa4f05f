// The navigation entries of the work views, shown to the signed-in roles that use them: filing an incident
// (monitors, editors, liaisons, admins) and the allegations that await a reply (liaisons and the staff who file).

import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from './session.js';
import { mayFile } from './views/report.js';

export function WorkLinks() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  return (
    <>
      {mayFile(user) && (
        <li>
          <NavLink to="/incidents/new">{t('workNav.report')}</NavLink>
        </li>
      )}
      {user.role !== 'verifier' && user.role !== 'analyst' && (
        <li>
          <NavLink to="/allegations">{t('workNav.allegations')}</NavLink>
        </li>
      )}
    </>
  );
}
