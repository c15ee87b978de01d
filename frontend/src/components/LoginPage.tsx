import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Me } from '../api/types';

export function LoginPage({ reason, onLoggedIn }: { reason: string | null; onLoggedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    userRef.current?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(username, password);
      onLoggedIn(await api.me());
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        setError(`Too many attempts. Try again in ${err.retryAfterSeconds ?? 'a few'} seconds.`);
      } else if (err instanceof ApiError && err.status === 401) {
        setError(err.message || 'Wrong user name or password.');
      } else {
        setError((err as Error).message);
      }
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="centered">
      <form className="login card-panel" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">Universal Camera Viewer</h1>
        <p className="muted">Log in to watch your cameras.</p>
        {reason && <p className="notice" role="status">{reason}</p>}
        <div className="field">
          <label htmlFor="login-user">User name</label>
          <input id="login-user" ref={userRef} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input id="login-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
