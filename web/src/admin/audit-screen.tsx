import { type FormEvent, useMemo, useState } from 'react'
import { api } from '../api/client'
import type { AuditEvent, AuditPage, ChainVerdict, UserView } from '../api/types'
import { ErrorText, Loading } from '../ui/feedback'
import { formatDateTime, shortId } from '../ui/format'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'

interface Filters {
  from: string
  to: string
  userId: string
  action: string
  clientId: string
}

const EMPTY: Filters = { from: '', to: '', userId: '', action: '', clientId: '' }

function query(filters: Filters, beforeSeq?: number): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value)
  if (beforeSeq) params.set('beforeSeq', String(beforeSeq))
  params.set('limit', '100')
  return params.toString()
}

/** The audit report (filtered, newest first, paged) and verification of the hash chain. */
export default function AuditScreen() {
  const [draft, setDraft] = useState<Filters>(EMPTY)
  const [filters, setFilters] = useState<Filters>(EMPTY)
  const [older, setOlder] = useState<AuditEvent[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [moreError, setMoreError] = useState<unknown>(null)
  const users = useResource(() => api.get<UserView[]>('/api/users'), 'users')
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.displayName])), [users.data])
  const page = useResource(async () => {
    const result = await api.get<AuditPage>(`/api/audit?${query(filters)}`)
    setOlder([])
    setNext(result.nextBeforeSeq)
    return result
  }, JSON.stringify(filters))

  const apply = (event: FormEvent) => {
    event.preventDefault()
    setFilters(draft)
  }
  const loadOlder = async () => {
    if (!next) return
    try {
      const result = await api.get<AuditPage>(`/api/audit?${query(filters, next)}`)
      setOlder((o) => [...o, ...result.events])
      setNext(result.nextBeforeSeq)
    } catch (e) {
      setMoreError(e)
    }
  }
  const events = [...(page.data?.events ?? []), ...older]

  return (
    <Page title="Audit trail" wide>
      <ChainCheck />
      <form className="row panel" onSubmit={apply} aria-label="Filter the audit trail">
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input
            id="audit-from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input
            id="audit-to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-user">User</label>
          <select
            id="audit-user"
            value={draft.userId}
            onChange={(e) => setDraft({ ...draft, userId: e.target.value })}
          >
            <option value="">Anyone</option>
            {users.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <input
            id="audit-action"
            list="audit-actions"
            placeholder="e.g. note.signed"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value.trim() })}
          />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="audit-client">Client record id</label>
          <input
            id="audit-client"
            value={draft.clientId}
            onChange={(e) => setDraft({ ...draft, clientId: e.target.value.trim() })}
          />
        </div>
        <button type="submit" className="primary">
          Show events
        </button>
      </form>
      <ErrorText error={page.error} />
      {page.loading ? <Loading what="audit events" /> : null}
      {page.data ? (
        <table>
          <caption>
            {events.length} event{events.length === 1 ? '' : 's'} shown, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Record</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{e.seq}</td>
                <td>{formatDateTime(e.at)}</td>
                <td>
                  {e.actorId ? (names.get(e.actorId) ?? shortId(e.actorId)) : 'system'}
                  {e.actorRole ? <span className="roles"> ({e.actorRole})</span> : null}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <span className={`badge ${e.outcome === 'success' ? 'ok' : 'bad'}`}>{e.outcome}</span>
                </td>
                <td>
                  {e.targetType ? `${e.targetType} ${shortId(e.targetId)}` : ''}
                  {e.clientId ? ` client ${shortId(e.clientId)}` : ''}
                </td>
                <td>
                  {Object.entries(e.details)
                    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ErrorText error={moreError} />
      {next ? (
        <p>
          <button type="button" onClick={() => void loadOlder()}>
            Show older events
          </button>
        </p>
      ) : null}
    </Page>
  )
}

function ChainCheck() {
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const verify = async () => {
    setBusy(true)
    setError(null)
    try {
      setVerdict(await api.get<ChainVerdict>('/api/audit/verify'))
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="panel" aria-labelledby="chain-heading">
      <h2 id="chain-heading">Integrity</h2>
      <p>
        Every event carries the hash of the one before it; a changed, removed or inserted event breaks the
        chain.
      </p>
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {busy ? 'Verifying…' : 'Verify the audit chain'}
      </button>
      <ErrorText error={error} />
      <div role="status">
        {verdict ? (
          verdict.ok ? (
            <p className="signed-banner">
              Intact: {verdict.events} events, head hash <code>{verdict.headHash.slice(0, 16)}…</code>
            </p>
          ) : (
            <p className="error">
              Broken at event {verdict.problem?.seq} ({verdict.problem?.kind}): {verdict.problem?.message}
            </p>
          )
        ) : null}
      </div>
    </section>
  )
}

const ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.session_expired',
  'auth.mfa_enrolled',
  'auth.mfa_failed',
  'user.created',
  'user.updated',
  'user.roles_changed',
  'user.disabled',
  'user.mfa_reset',
  'client.created',
  'client.read',
  'care_team.changed',
  'break_glass.started',
  'break_glass.reviewed',
  'encounter.created',
  'transcript.uploaded',
  'transcript.deleted',
  'note.read',
  'note.drafted',
  'note.edited',
  'note.signed',
  'note.sign_refused',
  'note.cosigned',
  'note.addendum',
  'note.exported',
  'note.change_refused',
  'consent.recorded',
  'consent.revoked',
  'disclosure.recorded',
  'ai.run',
  'ai.egress',
  'ai.egress_refused',
  'provider.changed',
  'audit.report',
  'audit.verified',
  'access.denied',
]
