// Small shared pieces: loading and error states, and the verdict badge used wherever a verdict is shown.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loaded } from '../use-api.js';
import type { Verdict } from '../types.js';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

export function Failure({ error }: { readonly error: Error }) {
  const { t } = useTranslation();
  return (
    <p className="error" role="alert">
      {t('app.error', { message: error.message })}
    </p>
  );
}

/** Renders `children(data)` once loaded, else the loading or error state. */
export function Await<T>({
  loaded,
  children,
}: {
  readonly loaded: Loaded<T>;
  readonly children: (data: T) => ReactNode;
}) {
  switch (loaded.state) {
    case 'loading':
      return <Loading />;
    case 'error':
      return <Failure error={loaded.error} />;
    case 'ready':
      return <>{children(loaded.data)}</>;
  }
}

export function VerdictBadge({ verdict }: { readonly verdict: Verdict | 'none' }) {
  const { t } = useTranslation();
  return <span className={`badge verdict-${verdict}`}>{t(`verdict.${verdict}`)}</span>;
}
