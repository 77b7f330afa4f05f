// Each view names itself in the window title, so tabs, history and screen readers tell pages apart.

import { useEffect } from 'react';

export function usePageTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · Truceline` : 'Truceline';
  }, [title]);
}
