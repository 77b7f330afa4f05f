// Any address the app does not know.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('app.notFound')}</h1>
      <p>{t('app.notFoundText')}</p>
      <p>
        <Link to="/">{t('app.home')}</Link>
      </p>
    </>
  );
}
