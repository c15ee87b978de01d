// Two pages need no router library: the path is the state, links push it, Back pops it.
import { useEffect, useState } from 'react';

export type Page = 'live' | 'cameras';

export function pageOf(pathname: string): Page {
  return pathname.replace(/\/+$/, '') === '/cameras' ? 'cameras' : 'live';
}

export const PATHS: Record<Page, string> = { live: '/', cameras: '/cameras' };

export function navigate(page: Page): void {
  if (pageOf(window.location.pathname) !== page) {
    window.history.pushState(null, '', PATHS[page]);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
}

export function usePage(): Page {
  const [page, setPage] = useState<Page>(() => pageOf(window.location.pathname));
  useEffect(() => {
    const onPop = () => setPage(pageOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return page;
}
