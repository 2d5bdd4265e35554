import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import type { BillingReport } from '../api/types'
import { ErrorText, Loading } from '../ui/feedback'
import { formatDate, shortId, today } from '../ui/format'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'

function monthStart(): string {
  return `${today().slice(0, 8)}01`
}

/** What billing needs and nothing more: signed notes' codes, minutes, dates and signer. */
export default function BillingScreen() {
  const [draft, setDraft] = useState({ from: monthStart(), to: today() })
  const [range, setRange] = useState(draft)
  const rows = useResource(
    async () => (await api.get<BillingReport>(`/api/billing?from=${range.from}&to=${range.to}`)).items,
    `${range.from}/${range.to}`,
  )

  const apply = (event: FormEvent) => {
    event.preventDefault()
    setRange(draft)
  }

  return (
    <Page title="Billing">
      <form className="row" onSubmit={apply}>
        <div className="field">
          <label htmlFor="billing-from">From</label>
          <input
            id="billing-from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="billing-to">To</label>
          <input
            id="billing-to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <button type="submit" className="primary">
          Show
        </button>
      </form>
      <ErrorText error={rows.error} />
      {rows.loading && !rows.data ? <Loading what="billing" /> : null}
      {rows.data?.length === 0 ? <p>No signed notes in this period.</p> : null}
      {rows.data?.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Date of service</th>
              <th scope="col">Service</th>
              <th scope="col">Codes</th>
              <th scope="col">Minutes</th>
              <th scope="col">Signed by</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {rows.data.map((r) => (
              <tr key={r.noteId}>
                <td>{formatDate(r.dateOfService)}</td>
                <td>{r.service}</td>
                <td>{[...r.codes, ...r.addOnCodes].join(', ') || 'None'}</td>
                <td>{r.minutes ?? '—'}</td>
                <td>
                  {r.signerName}
                  {r.cosignerName ? <div className="hint">co-signed by {r.cosignerName}</div> : null}
                </td>
                <td>
                  <code>{shortId(r.noteId)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  )
}
