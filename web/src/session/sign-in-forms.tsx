import { type FormEvent, useEffect, useId, useState } from 'react'
import { api } from '../api/client'
import type { LoginResult, MfaEnrollment, SessionView } from '../api/types'
import { ErrorText } from '../ui/feedback'

/** Email and password. The email can be fixed (re-authentication: the same person only). */
export function PasswordForm({
  fixedEmail,
  onSignedIn,
  submitLabel = 'Sign in',
}: {
  fixedEmail?: string
  onSignedIn: (result: LoginResult) => void
  submitLabel?: string
}) {
  const [email, setEmail] = useState(fixedEmail ?? '')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const errorId = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const result = await api.post<LoginResult>('/api/auth/login', { email, password })
      setPassword('')
      onSignedIn(result)
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} className="stack" aria-describedby={error ? errorId : undefined}>
      <div className="field">
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          readOnly={fixedEmail !== undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          type="password"
          autoComplete="current-password"
          required
          // biome-ignore lint/a11y/noAutofocus: the only task on this form; focus saves a keystroke
          autoFocus={fixedEmail !== undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <ErrorText error={error} id={errorId} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Signing in…' : submitLabel}
      </button>
    </form>
  )
}

/** A six-digit code from the authenticator app: completes sign-in or confirms enrolment. */
export function MfaCodeForm({
  onVerified,
  label,
}: {
  onVerified: (session: SessionView) => void
  label?: string
}) {
  const [code, setCode] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const hintId = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const session = await api.post<SessionView>('/api/auth/mfa/verify', { code: code.trim() })
      onVerified(session)
    } catch (e) {
      setError(e)
      setCode('')
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} className="stack">
      <div className="field">
        <label htmlFor="mfa-code">{label ?? 'Code from your authenticator app'}</label>
        <input
          id="mfa-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          // biome-ignore lint/a11y/noAutofocus: the code is the only thing asked for at this step
          autoFocus
          aria-describedby={hintId}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        />
        <p className="hint" id={hintId}>
          Six digits; a new code appears every 30 seconds.
        </p>
      </div>
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={busy || code.length !== 6}>
        {busy ? 'Checking…' : 'Verify'}
      </button>
    </form>
  )
}

/** First sign-in of a clinical role: show a new TOTP secret, then confirm it with a code. */
export function MfaEnrollmentStep({ onVerified }: { onVerified: (session: SessionView) => void }) {
  const [enrollment, setEnrollment] = useState<MfaEnrollment | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    api.post<MfaEnrollment>('/api/auth/mfa/enroll').then(setEnrollment).catch(setError)
  }, [])

  if (error) return <ErrorText error={error} />
  if (!enrollment) return <p role="status">Preparing your setup key…</p>
  const grouped = enrollment.secret.match(/.{1,4}/g)?.join(' ') ?? enrollment.secret
  return (
    <div className="stack">
      <p>
        Sidenote holds clinical records, so your account needs a second factor. In an authenticator app (for
        example Google Authenticator, Microsoft Authenticator, 1Password), add an account with this setup key,
        choosing a time-based code:
      </p>
      <p className="secret">
        <span className="visually-hidden">Setup key: </span>
        <code data-testid="mfa-secret" data-secret={enrollment.secret}>
          {grouped}
        </code>
      </p>
      <p className="hint">
        On a phone, you can also <a href={enrollment.otpauthUri}>open the key in your authenticator app</a>.
      </p>
      <MfaCodeForm onVerified={onVerified} label="Then enter the six-digit code it shows" />
    </div>
  )
}
