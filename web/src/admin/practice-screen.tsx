import { type FormEvent, useEffect, useState } from 'react'
import { api } from '../api/client'
import type { PracticeSettings } from '../api/types'
import { ErrorText, Loading, Status } from '../ui/feedback'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'

/** Practice settings: name, the MFA requirement, transcript retention. */
export default function PracticeScreen() {
  const practice = useResource(() => api.get<PracticeSettings>('/api/practice'), 'practice')
  const [form, setForm] = useState<PracticeSettings | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  useEffect(() => {
    if (practice.data) setForm(practice.data)
  }, [practice.data])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (!form) return
    setError(null)
    try {
      const saved = await api.patch<PracticeSettings>('/api/practice', {
        name: form.name,
        requireMfa: form.requireMfa,
        transcriptRetention: form.transcriptRetention,
      })
      practice.set(saved)
      setStatus('Settings saved.')
    } catch (e) {
      setError(e)
    }
  }

  return (
    <Page title="Practice settings">
      <ErrorText error={practice.error} />
      {!form ? (
        <Loading what="settings" />
      ) : (
        <form className="stack" onSubmit={save}>
          <div className="field">
            <label htmlFor="practice-name">Practice name</label>
            <input
              id="practice-name"
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </div>
          <div className="field-inline">
            <input
              type="checkbox"
              id="practice-mfa"
              checked={form.requireMfa}
              onChange={(e) => setForm({ ...form, requireMfa: e.target.checked })}
            />
            <label htmlFor="practice-mfa">Require multi-factor authentication for clinical roles</label>
          </div>
          <div className="field">
            <label htmlFor="practice-retention">Session transcripts</label>
            <select
              id="practice-retention"
              value={form.transcriptRetention}
              onChange={(e) =>
                setForm({
                  ...form,
                  transcriptRetention: e.target.value as PracticeSettings['transcriptRetention'],
                })
              }
            >
              <option value="delete-after-sign">Delete when the note is signed</option>
              <option value="keep">Keep with the record</option>
            </select>
          </div>
          <ErrorText error={error} />
          <Status>{status}</Status>
          <div>
            <button type="submit" className="primary">
              Save settings
            </button>
          </div>
        </form>
      )}
    </Page>
  )
}
