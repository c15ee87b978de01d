import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, UNAUTHORIZED_EVENT } from './api/client';
import type { Me } from './api/types';
import { CameraAdmin } from './components/CameraAdmin';
import { LiveView } from './components/LiveView';
import { LoginPage } from './components/LoginPage';
import { navigate, PATHS, usePage, type Page } from './route';

type Session = { state: 'checking' } | { state: 'out'; reason: string | null } | { state: 'in'; me: Me } | { state: 'down'; message: string };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const page = usePage();

  const check = useCallback(async () => {
    try {
      setSession({ state: 'in', me: await api.me() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setSession({ state: 'out', reason: null });
      } else {
        setSession({ state: 'down', message: (error as Error).message });
      }
    }
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  useEffect(() => {
    const expired = () =>
      setSession((s) => (s.state === 'in' ? { state: 'out', reason: 'Your session has ended. Log in again.' } : s));
    window.addEventListener(UNAUTHORIZED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, expired);
  }, []);

  useEffect(() => {
    document.title = session.state === 'in' ? `${page === 'cameras' ? 'Cameras' : 'Live'} – Universal Camera Viewer` : 'Universal Camera Viewer';
  }, [page, session.state]);

  if (session.state === 'checking') {
    return (
      <main id="main" className="centered">
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (session.state === 'down') {
    return (
      <main id="main" className="centered">
        <h1>Universal Camera Viewer</h1>
        <p role="alert" className="error-text">The server cannot be reached: {session.message}</p>
        <button type="button" onClick={() => void check()}>Try again</button>
      </main>
    );
  }
  if (session.state === 'out') {
    return <LoginPage reason={session.reason} onLoggedIn={(me) => setSession({ state: 'in', me })} />;
  }

  const { me } = session;
  const isAdmin = me.role === 'admin';
  const logout = async () => {
    try {
      await api.logout();
    } finally {
      setSession({ state: 'out', reason: null });
    }
  };
  const link = (target: Page, label: string) => (
    <a
      href={PATHS[target]}
      aria-current={page === target ? 'page' : undefined}
      onClick={(e) => {
        if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey) {
          e.preventDefault();
          navigate(target);
        }
      }}
    >
      {label}
    </a>
  );

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <span className="brand">UCV</span>
        <nav aria-label="Pages">
          {link('live', 'Live')}
          {isAdmin && link('cameras', 'Cameras')}
        </nav>
        <div className="user">
          <span>
            {me.anonymous ? 'Guest' : me.user} <span className="muted">({me.role})</span>
          </span>
          {!me.anonymous && (
            <button type="button" className="secondary" onClick={() => void logout()}>
              Log out
            </button>
          )}
          {me.anonymous && (
            <button type="button" className="secondary" onClick={() => setSession({ state: 'out', reason: null })}>
              Log in
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page === 'cameras' ? (
          isAdmin ? (
            <CameraAdmin />
          ) : (
            <section>
              <h1>Cameras</h1>
              <p>Managing cameras needs an admin. You are logged in as {me.user} ({me.role}).</p>
            </section>
          )
        ) : (
          <LiveView isAdmin={isAdmin} />
        )}
      </main>
    </>
  );
}
