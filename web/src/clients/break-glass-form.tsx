import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import { ErrorText } from '../ui/feedback'

/**
 * Emergency access to a client outside one's care team: a stated reason, a time box, and a review
 * by the privacy officer afterwards. Offered only where ordinary access was refused.
 */
export function BreakGlassForm({ clientId, onGranted }: { clientId: string; onGranted: () => void }) {
  const [reason, setReason] = useState('')
  const [minutes, setMinutes] = useState(30)
  const [error, setError] = useState<unknown>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      await api.post(`/api/clients/${clientId}/break-glass`, { reason, minutes })
      onGranted()
    } catch (e) {
      setError(e)
    }
  }

  return (
    <form className="stack panel" onSubmit={submit}>
      <h2>Emergency access (break-glass)</h2>
      <p className="warning">
        Use this only when a client's care cannot wait for the care team. The access is time-boxed, audited,
        and reviewed by the privacy officer.
      </p>
      <div className="field">
        <label htmlFor="bg-reason">Reason</label>
        <textarea
          id="bg-reason"
          required
          minLength={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="bg-minutes">For how many minutes (at most 120)</label>
        <input
          id="bg-minutes"
          type="number"
          min={5}
          max={120}
          required
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
        />
      </div>
      <ErrorText error={error} />
      <div>
        <button type="submit" className="danger">
          Open the record in an emergency
        </button>
      </div>
    </form>
  )
}
