import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import type { Client } from '../api/types'
import { navigate } from '../router'
import { ErrorText } from '../ui/feedback'
import { Page } from '../ui/page'

/** Add a client: the minimum the practice keeps. A clinician who adds a client joins its care team. */
export function NewClientScreen() {
  const [name, setName] = useState('')
  const [dateOfBirth, setDateOfBirth] = useState('')
  const [externalId, setExternalId] = useState('')
  const [part2, setPart2] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const client = await api.post<Client>('/api/clients', {
        name,
        dateOfBirth: dateOfBirth || null,
        externalId: externalId || null,
        part2,
      })
      navigate(`/clients/${client.id}`)
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  return (
    <Page title="Add a client">
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="client-name">Full name</label>
          <input
            id="client-name"
            required
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="client-dob">Date of birth (optional)</label>
            <input
              id="client-dob"
              type="date"
              value={dateOfBirth}
              onChange={(e) => setDateOfBirth(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="client-external">Record number in your EHR (optional)</label>
            <input
              id="client-external"
              autoComplete="off"
              value={externalId}
              onChange={(e) => setExternalId(e.target.value)}
            />
          </div>
        </div>
        <div className="field-inline">
          <input
            type="checkbox"
            id="client-part2"
            checked={part2}
            onChange={(e) => setPart2(e.target.checked)}
          />
          <label htmlFor="client-part2">
            42 CFR Part 2 record (substance-use treatment program: disclosures need the client's written
            consent)
          </label>
        </div>
        <ErrorText error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Add client
          </button>
          <button type="button" onClick={() => navigate('/clients')}>
            Cancel
          </button>
        </div>
      </form>
    </Page>
  )
}
