// The review queue, for signed-in users. The server does not list the queue yet: this page says so rather
// than pretend, and grows with the verification API.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';

export function ReviewView() {
  const { t } = useTranslation();
  const { user } = useSession();
  usePageTitle(t('review.title'));
  return (
    <>
      <h1>{t('review.title')}</h1>
      {user ? (
        <>
          <p>{t('review.role', { role: user.role })}</p>
          <p className="muted">{t('review.coming')}</p>
        </>
      ) : (
        <p>
          <Link to="/sign-in?next=/review">{t('review.signInFirst')}</Link>
        </p>
      )}
    </>
  );
}
