import type { TFunction } from 'i18next';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/http';
import { useSessionEnd, useSignIn } from '@/api/session';
import { errorMessage } from './target-set-gate';

/** Words for a refused or failed sign-in. */
function signInMessage(t: TFunction, error: unknown, secondsLeft: number): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials' || error.kind === 'unauthenticated') return t('signIn.invalid');
    if (error.status === 429) return error.retryAfter === undefined ? t('signIn.tooManyNoTime') : t('signIn.tooMany', { seconds: secondsLeft, count: secondsLeft });
    if (error.kind === 'network' || error.kind === 'unavailable') return t('signIn.unreachable');
    if (error.kind === 'timeout') return t('signIn.timeout', { seconds: Math.ceil((error.timeoutMs ?? 0) / 1000) });
  }
  return t('signIn.failed', { message: errorMessage(t, error) });
}

/** A wait the server asked for: the seconds left, ticking once a second, and how to start one. */
function useCountdown(): [secondsLeft: number, start: (seconds: number) => void] {
  const [clock, setClock] = useState<{ until: number; now: number } | undefined>();
  const until = clock?.until;
  useEffect(() => {
    if (until === undefined) return;
    const tick = setInterval(() => {
      const now = Date.now();
      setClock({ until, now });
      if (now >= until) clearInterval(tick);
    }, 1000);
    return () => clearInterval(tick);
  }, [until]);
  const start = (seconds: number) => {
    const now = Date.now();
    setClock({ until: now + seconds * 1000, now });
  };
  return [clock ? Math.max(0, Math.ceil((clock.until - clock.now) / 1000)) : 0, start];
}

/**
 * The sign-in form (a real server only): name and password, sent as JSON in
 * the body of `POST /session` — never in the URL, never stored in the browser
 * (the server answers with an HttpOnly cookie). On success the app shows the
 * page the person was on. `expired` says the session ended underneath them;
 * `knownName` fills in who they were. After a sign-out of their own
 * (`useSessionEnd`) it says they signed out, and the name is left empty for
 * whoever signs in next.
 */
export function SignInPage({ expired = false, knownName: lastName = '' }: { expired?: boolean; knownName?: string }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const signedOut = useSessionEnd() === 'signed-out';
  const knownName = signedOut ? '' : lastName;
  const [name, setName] = useState(knownName);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<'name' | 'password' | undefined>();
  const [secondsLeft, startWait] = useCountdown();
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { name: useId(), password: useId(), message: useId(), heading: useId() };

  // The name is known after a session ended: the password is what is asked for.
  useEffect(() => (knownName ? passwordRef : nameRef).current?.focus(), [knownName]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending || secondsLeft > 0) return;
    const trimmed = name.trim();
    if (!trimmed || !password) {
      const field = !trimmed ? 'name' : 'password';
      setMissing(field);
      (field === 'name' ? nameRef : passwordRef).current?.focus();
      return;
    }
    setMissing(undefined);
    signIn.mutate(
      { name: trimmed, password },
      {
        onError: (error) => {
          setPassword('');
          if (error instanceof ApiError && error.status === 429 && error.retryAfter !== undefined) startWait(error.retryAfter);
          passwordRef.current?.focus();
        },
        onSuccess: () => setPassword(''),
      },
    );
  };

  // A wait that has run out needs no message any more.
  const waitOver = signIn.error instanceof ApiError && signIn.error.status === 429 && signIn.error.retryAfter !== undefined && secondsLeft === 0;
  const failure = signIn.isError && !waitOver ? signInMessage(t, signIn.error, secondsLeft) : undefined;
  const message = missing ? t(missing === 'name' ? 'signIn.nameMissing' : 'signIn.passwordMissing') : failure;
  const waiting = secondsLeft > 0;

  return (
    <section className="sign-in" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('signIn.heading')}</h2>
      <p>{signedOut ? t('signIn.signedOut') : expired ? t('signIn.expired') : t('signIn.intro')}</p>
      <form className="sign-in__form" method="post" noValidate onSubmit={submit} aria-describedby={message ? ids.message : undefined}>
        <label htmlFor={ids.name}>{t('signIn.name')}</label>
        <input
          ref={nameRef}
          id={ids.name}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={100}
          required
          aria-invalid={missing === 'name' || undefined}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor={ids.password}>{t('signIn.password')}</label>
        <input
          ref={passwordRef}
          id={ids.password}
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={1000}
          required
          aria-invalid={missing === 'password' || undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {message && (
          <p id={ids.message} className="sign-in__message" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="button" disabled={signIn.isPending || waiting}>
          {signIn.isPending ? t('signIn.submitting') : waiting ? t('signIn.waitLeft', { seconds: secondsLeft, count: secondsLeft }) : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
