import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import type { BreakGlassGrant } from '../api/types'
import { ErrorText, Loading } from '../ui/feedback'
import { formatDateTime, shortId } from '../ui/format'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'

/** The privacy officer reviews every emergency access: was it appropriate? */
export default function BreakGlassScreen() {
  const [status, setStatus] = useState<'unreviewed' | 'all'>('unreviewed')
  const grants = useResource(() => api.get<BreakGlassGrant[]>(`/api/break-glass?status=${status}`), status)

  return (
    <Page title="Break-glass review">
      <div className="field">
        <label htmlFor="bg-status">Show</label>
        <select
          id="bg-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as 'unreviewed' | 'all')}
        >
          <option value="unreviewed">Waiting for review</option>
          <option value="all">All emergency access</option>
        </select>
      </div>
      <ErrorText error={grants.error} />
      {grants.loading && !grants.data ? <Loading what="emergency access" /> : null}
      {grants.data?.length === 0 ? <p>Nothing to review.</p> : null}
      <ul className="plain-list">
        {grants.data?.map((g) => (
          <li key={g.id} className="panel">
            <Grant
              grant={g}
              onReviewed={(saved) =>
                grants.set((grants.data ?? []).map((x) => (x.id === saved.id ? saved : x)))
              }
            />
          </li>
        ))}
      </ul>
    </Page>
  )
}

function Grant({ grant, onReviewed }: { grant: BreakGlassGrant; onReviewed: (g: BreakGlassGrant) => void }) {
  const [appropriate, setAppropriate] = useState<'yes' | 'no' | ''>('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<unknown>(null)
  const prefix = `bg-${grant.id}`

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      onReviewed(
        await api.post<BreakGlassGrant>(`/api/break-glass/${grant.id}/review`, {
          appropriate: appropriate === 'yes',
          note,
        }),
      )
    } catch (e) {
      setError(e)
    }
  }

  return (
    <>
      <h2>
        {grant.userName ?? shortId(grant.userId)} — client record {shortId(grant.clientId)}
      </h2>
      <dl className="facts">
        <dt>Reason given</dt>
        <dd>{grant.reason ?? '—'}</dd>
        <dt>From</dt>
        <dd>{formatDateTime(grant.startedAt)}</dd>
        <dt>Until</dt>
        <dd>
          {formatDateTime(grant.expiresAt)}{' '}
          {grant.active ? <span className="badge warn">running</span> : null}
        </dd>
        {grant.review ? (
          <>
            <dt>Review</dt>
            <dd>
              {grant.review.appropriate ? 'Appropriate' : 'Not appropriate'} — {grant.review.note} (
              {formatDateTime(grant.review.at)})
            </dd>
          </>
        ) : null}
      </dl>
      {grant.review ? null : (
        <form className="stack" onSubmit={submit}>
          <fieldset>
            <legend>Was this access appropriate?</legend>
            <div className="row">
              <div className="field-inline">
                <input
                  type="radio"
                  id={`${prefix}-yes`}
                  name={`${prefix}-appropriate`}
                  checked={appropriate === 'yes'}
                  onChange={() => setAppropriate('yes')}
                  required
                />
                <label htmlFor={`${prefix}-yes`}>Appropriate</label>
              </div>
              <div className="field-inline">
                <input
                  type="radio"
                  id={`${prefix}-no`}
                  name={`${prefix}-appropriate`}
                  checked={appropriate === 'no'}
                  onChange={() => setAppropriate('no')}
                />
                <label htmlFor={`${prefix}-no`}>Not appropriate (ends it if still running)</label>
              </div>
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${prefix}-note`}>Review note</label>
            <textarea id={`${prefix}-note`} required value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <ErrorText error={error} />
          <div>
            <button type="submit" className="primary">
              Record review
            </button>
          </div>
        </form>
      )}
    </>
  )
}
