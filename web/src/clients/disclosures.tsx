import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import type { Disclosure, DisclosureAccounting } from '../api/types'
import { ErrorText, Loading } from '../ui/feedback'
import { formatDate, formatDateTime, today } from '../ui/format'
import { useResource } from '../ui/use-resource'

/**
 * A client's accounting of disclosures (45 CFR 164.528: date, recipient and address, description,
 * purpose) and recording a disclosure made outside Sidenote. Exports to a recipient appear here too.
 */
export function DisclosureAccountingPanel({
  clientId,
  headingLevel = 2,
}: {
  clientId: string
  headingLevel?: 2 | 3
}) {
  const accounting = useResource(
    () => api.get<DisclosureAccounting>(`/api/clients/${clientId}/disclosures`),
    clientId,
  )
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section aria-labelledby={`disclosures-${clientId}`}>
      <Heading id={`disclosures-${clientId}`}>Accounting of disclosures</Heading>
      <ErrorText error={accounting.error} />
      {accounting.loading && !accounting.data ? <Loading what="disclosures" /> : null}
      {accounting.data ? (
        <>
          <p className="hint">
            {formatDate(accounting.data.from)} to {formatDate(accounting.data.to)}
          </p>
          {accounting.data.disclosures.length === 0 ? (
            <p>No disclosures in this period.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Recipient</th>
                  <th scope="col">What</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Part 2</th>
                </tr>
              </thead>
              <tbody>
                {accounting.data.disclosures.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.disclosedAt)}</td>
                    <td>
                      {d.recipient}
                      {d.recipientAddress ? <div className="hint">{d.recipientAddress}</div> : null}
                    </td>
                    <td>{d.description}</td>
                    <td>{d.purpose}</td>
                    <td>{d.part2 ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <RecordDisclosure
            clientId={clientId}
            onRecorded={(d) =>
              accounting.data &&
              accounting.set({ ...accounting.data, disclosures: [d, ...accounting.data.disclosures] })
            }
          />
        </>
      ) : null}
    </section>
  )
}

function RecordDisclosure({
  clientId,
  onRecorded,
}: {
  clientId: string
  onRecorded: (d: Disclosure) => void
}) {
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState({
    disclosedAt: today(),
    recipient: '',
    recipientAddress: '',
    description: '',
    purpose: '',
  })
  const [error, setError] = useState<unknown>(null)
  const id = (name: string) => `disclosure-${clientId}-${name}`

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      const saved = await api.post<Disclosure>(`/api/clients/${clientId}/disclosures`, {
        ...form,
        recipientAddress: form.recipientAddress || null,
      })
      onRecorded(saved)
      setOpen(false)
    } catch (e) {
      setError(e)
    }
  }

  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Record a disclosure made outside Sidenote
        </button>
      </p>
    )
  return (
    <form className="stack panel" onSubmit={submit}>
      <div className="row">
        <div className="field">
          <label htmlFor={id('date')}>Date</label>
          <input
            id={id('date')}
            type="date"
            required
            value={form.disclosedAt}
            onChange={(e) => setForm({ ...form, disclosedAt: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={id('recipient')}>Recipient</label>
          <input
            id={id('recipient')}
            required
            value={form.recipient}
            onChange={(e) => setForm({ ...form, recipient: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={id('address')}>Recipient address (if known)</label>
          <input
            id={id('address')}
            value={form.recipientAddress}
            onChange={(e) => setForm({ ...form, recipientAddress: e.target.value })}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={id('description')}>What was disclosed</label>
        <input
          id={id('description')}
          required
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id('purpose')}>Purpose</label>
        <input
          id={id('purpose')}
          required
          value={form.purpose}
          onChange={(e) => setForm({ ...form, purpose: e.target.value })}
        />
      </div>
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="primary">
          Record disclosure
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
