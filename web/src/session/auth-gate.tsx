import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import { api, setCsrfToken, setReauthHandler } from '../api/client'
import { ApiError } from '../api/problem'
import type { LoginResult, SessionView } from '../api/types'
import { ErrorText } from '../ui/feedback'
import { useTitle } from '../ui/page'
import { IdleWatch } from './idle-watch'
import { ReauthDialog, type ReauthRequest } from './reauth-dialog'
import { SessionContext, sessionApi } from './session'
import { MfaCodeForm, MfaEnrollmentStep, PasswordForm } from './sign-in-forms'

type Step =
  | { step: 'loading' }
  | { step: 'failed'; error: unknown }
  | { step: 'sign-in'; notice?: string }
  | { step: 'mfa'; session: SessionView }
  | { step: 'enroll'; session: SessionView }
  | { step: 'ready'; session: SessionView }

function stepFor(session: SessionView): Step {
  if (session.mfaVerified) return { step: 'ready', session }
  return session.mfaEnrollmentRequired && !session.mfaEnabled
    ? { step: 'enroll', session }
    : { step: 'mfa', session }
}

/**
 * Everything behind sign-in: the session check at start, sign-in with MFA (and enrolment the first
 * time), then the app with its idle timer and the re-authentication dialog that keeps the screen's
 * state while the user signs in again.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const [step, setStep] = useState<Step>({ step: 'loading' })
  const [reauth, setReauth] = useState<ReauthRequest | null>(null)

  useEffect(() => {
    api
      .get<SessionView>('/api/session')
      .then((session) => {
        setCsrfToken(session.csrfToken)
        setStep(stepFor(session))
      })
      .catch((error) => {
        if (error instanceof ApiError && error.status === 401) setStep({ step: 'sign-in' })
        else setStep({ step: 'failed', error })
      })
  }, [])

  const requestReauth = useCallback(
    (message: string) =>
      new Promise<void>((resolve) => {
        setReauth({ message, resolve })
      }),
    [],
  )

  useEffect(() => {
    if (step.step !== 'ready') return
    setReauthHandler(requestReauth)
    return () => setReauthHandler(null)
  }, [step.step, requestReauth])

  const signedIn = (session: SessionView) => {
    setCsrfToken(session.csrfToken)
    setStep(stepFor(session))
  }

  const value = useMemo(() => (step.step === 'ready' ? sessionApi(step.session) : null), [step])

  if (step.step === 'loading') return <p role="status">Loading Sidenote…</p>
  if (step.step === 'failed')
    return (
      <main id="main" className="signin">
        <ErrorText error={step.error} />
      </main>
    )
  if (step.step !== 'ready') return <SignInScreen step={step} onSession={signedIn} />
  if (!value) return null

  const locked = reauth !== null
  return (
    <SessionContext.Provider value={value}>
      {/* While signed out, the screen's content is hidden but kept: nothing typed is lost. */}
      <div hidden={locked}>{children}</div>
      <IdleWatch
        timeoutSeconds={step.session.idleTimeoutSeconds}
        paused={locked}
        onTimeout={() => {
          void api
            .post('/api/auth/logout')
            .catch(() => undefined)
            .finally(() => requestReauth('You were signed out after a period of inactivity.'))
        }}
      />
      <ReauthDialog
        request={reauth}
        session={step.session}
        onDone={(session) => {
          setCsrfToken(session.csrfToken)
          const pending = reauth
          setReauth(null)
          setStep({ step: 'ready', session })
          pending?.resolve()
        }}
      />
    </SessionContext.Provider>
  )
}

function SignInScreen({
  step,
  onSession,
}: {
  step: Exclude<Step, { step: 'ready' | 'loading' | 'failed' }>
  onSession: (session: SessionView) => void
}) {
  const title =
    step.step === 'enroll'
      ? 'Set up multi-factor authentication'
      : step.step === 'mfa'
        ? 'Enter your code'
        : 'Sign in'
  useTitle(title)
  const afterPassword = (result: LoginResult) => onSession(result.session)
  return (
    <main id="main" className="signin">
      <div className="card">
        <p className="card-brand" aria-hidden="true">
          Sidenote
        </p>
        <h1>{title}</h1>
        {step.step === 'sign-in' ? (
          <>
            {step.notice ? <p role="status">{step.notice}</p> : null}
            <PasswordForm onSignedIn={afterPassword} />
          </>
        ) : step.step === 'mfa' ? (
          <MfaCodeForm onVerified={onSession} />
        ) : (
          <MfaEnrollmentStep onVerified={onSession} />
        )}
      </div>
    </main>
  )
}
