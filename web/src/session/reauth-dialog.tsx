import { useEffect, useState } from 'react'
import type { LoginResult, SessionView } from '../api/types'
import { Dialog } from '../ui/dialog'
import { MfaCodeForm, PasswordForm } from './sign-in-forms'

export interface ReauthRequest {
  message: string
  resolve: () => void
}

/**
 * Sign in again after the session ended (idle time-out, expiry), as the same person: the screen
 * behind keeps its state, and the request that found the session gone is retried afterwards.
 */
export function ReauthDialog({
  request,
  session,
  onDone,
}: {
  request: ReauthRequest | null
  session: SessionView
  onDone: (session: SessionView) => void
}) {
  const [step, setStep] = useState<'password' | 'mfa'>('password')
  useEffect(() => {
    if (request) setStep('password')
  }, [request])

  const afterPassword = (result: LoginResult) => {
    if (result.session.user.id !== session.user.id || result.next === 'enroll-mfa') {
      // Someone else's work must never be shown to this user: start over.
      window.location.assign('/')
      return
    }
    if (result.next === 'mfa') setStep('mfa')
    else onDone(result.session)
  }

  return (
    <Dialog open={request !== null} title="Sign in again to continue" role="alertdialog">
      <p role="status">{request?.message}</p>
      <p>Your unsaved work is kept on this screen until you are back.</p>
      {step === 'password' ? (
        <PasswordForm fixedEmail={session.user.email} onSignedIn={afterPassword} submitLabel="Continue" />
      ) : (
        <MfaCodeForm onVerified={onDone} />
      )}
      <p>
        <button type="button" className="link" onClick={() => window.location.assign('/')}>
          Sign out instead (unsaved work is discarded)
        </button>
      </p>
    </Dialog>
  )
}
