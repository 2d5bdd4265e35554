import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import { ApiError } from '../api/problem'
import type { Client, NoteSummary, UserView } from '../api/types'
import { Link } from '../router'
import { CLINICAL_ROLES, useSession } from '../session/session'
import { ErrorText, Loading } from '../ui/feedback'
import { TextField } from '../ui/field'
import { formatDate, formatDateTime } from '../ui/format'
import { formatLabel, noteStateLabel, roleLabel } from '../ui/labels'
import { toggled } from '../ui/lists'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'
import { BreakGlassForm } from './break-glass-form'
import { ConsentsPanel, useConsents } from './consents'
import { DisclosureAccountingPanel } from './disclosures'

/** A client: details, care team, consents, sessions and notes, disclosures. The title never names them. */
export function ClientScreen({ id }: { id: string }) {
  const { can } = useSession()
  const client = useResource(() => api.get<Client>(`/api/clients/${id}`), id)
  const clinical = can(...CLINICAL_ROLES)

  if (client.error instanceof ApiError && client.error.status === 403 && clinical)
    return (
      <Page title="Client">
        <p>You are not on this client's care team.</p>
        <BreakGlassForm clientId={id} onGranted={() => void client.reload()} />
      </Page>
    )
  if (!client.data)
    return (
      <Page title="Client">
        <ErrorText error={client.error} />
        {client.loading ? <Loading what="the client" /> : null}
      </Page>
    )

  const c = client.data
  return (
    <Page
      title="Client"
      heading={c.name}
      actions={
        clinical ? (
          <Link to={`/clients/${c.id}/sessions/new`} className="button primary">
            New session
          </Link>
        ) : null
      }
    >
      <div className="columns">
        <Details client={c} onSaved={client.set} />
        <CareTeam client={c} onSaved={client.set} />
      </div>
      {clinical ? <ClinicalPanels clientId={c.id} /> : null}
    </Page>
  )
}

function ClinicalPanels({ clientId }: { clientId: string }) {
  const consents = useConsents(clientId)
  return (
    <>
      <NotesPanel clientId={clientId} />
      <ConsentsPanel clientId={clientId} consents={consents} />
      <div className="panel">
        <DisclosureAccountingPanel clientId={clientId} />
      </div>
    </>
  )
}

function Details({ client, onSaved }: { client: Client; onSaved: (c: Client) => void }) {
  const [editing, setEditing] = useState(false)
  const [form, setForm] = useState({
    name: client.name,
    dateOfBirth: client.dateOfBirth ?? '',
    externalId: client.externalId ?? '',
    part2: client.part2,
  })
  const [error, setError] = useState<unknown>(null)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    try {
      const saved = await api.patch<Client>(`/api/clients/${client.id}`, {
        name: form.name,
        dateOfBirth: form.dateOfBirth || null,
        externalId: form.externalId || null,
        part2: form.part2,
      })
      onSaved(saved)
      setEditing(false)
    } catch (e) {
      setError(e)
    }
  }

  return (
    <section className="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      {editing ? (
        <form className="stack" onSubmit={save}>
          <TextField
            id="edit-client-name"
            label="Full name"
            value={form.name}
            onChange={(name) => setForm({ ...form, name })}
            required
          />
          <div className="field">
            <label htmlFor="edit-client-dob">Date of birth</label>
            <input
              id="edit-client-dob"
              type="date"
              value={form.dateOfBirth}
              onChange={(e) => setForm({ ...form, dateOfBirth: e.target.value })}
            />
          </div>
          <TextField
            id="edit-client-external"
            label="Record number"
            value={form.externalId}
            onChange={(externalId) => setForm({ ...form, externalId })}
          />
          <div className="field-inline">
            <input
              type="checkbox"
              id="edit-client-part2"
              checked={form.part2}
              onChange={(e) => setForm({ ...form, part2: e.target.checked })}
            />
            <label htmlFor="edit-client-part2">42 CFR Part 2 record</label>
          </div>
          <ErrorText error={error} />
          <div className="row">
            <button type="submit" className="primary">
              Save details
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="facts">
            <dt>Date of birth</dt>
            <dd>{formatDate(client.dateOfBirth)}</dd>
            <dt>Record number</dt>
            <dd>{client.externalId ?? '—'}</dd>
            <dt>Part 2</dt>
            <dd>{client.part2 ? 'Yes: disclosures need written consent' : 'No'}</dd>
            <dt>Sidenote id</dt>
            <dd>
              <code>{client.id}</code>
            </dd>
          </dl>
          <p>
            <button type="button" className="small" onClick={() => setEditing(true)}>
              Edit details
            </button>
          </p>
        </>
      )}
    </section>
  )
}

function CareTeam({ client, onSaved }: { client: Client; onSaved: (c: Client) => void }) {
  const { can } = useSession()
  const [editing, setEditing] = useState(false)
  return (
    <section className="panel" aria-labelledby="team-heading">
      <h2 id="team-heading">Care team</h2>
      {client.careTeam.length === 0 ? <p>Nobody yet.</p> : null}
      <ul>
        {client.careTeam.map((m) => (
          <li key={m.userId}>
            {m.displayName} <span className="roles">({m.roles.map(roleLabel).join(', ')})</span>
          </li>
        ))}
      </ul>
      {can('admin') ? (
        editing ? (
          <CareTeamEditor
            client={client}
            onDone={(saved) => {
              if (saved) onSaved(saved)
              setEditing(false)
            }}
          />
        ) : (
          <button type="button" className="small" onClick={() => setEditing(true)}>
            Change care team
          </button>
        )
      ) : null}
    </section>
  )
}

function CareTeamEditor({ client, onDone }: { client: Client; onDone: (c: Client | null) => void }) {
  const users = useResource(() => api.get<UserView[]>('/api/users'), 'users')
  const [chosen, setChosen] = useState<string[]>(client.careTeam.map((m) => m.userId))
  const [error, setError] = useState<unknown>(null)
  const clinicians = (users.data ?? []).filter(
    (u) => !u.disabled && u.roles.some((r) => CLINICAL_ROLES.includes(r)),
  )

  const save = async (event: FormEvent) => {
    event.preventDefault()
    try {
      onDone(await api.put<Client>(`/api/clients/${client.id}/care-team`, { userIds: chosen }))
    } catch (e) {
      setError(e)
    }
  }

  return (
    <form className="stack" onSubmit={save}>
      <ErrorText error={users.error} />
      <fieldset>
        <legend>Who may see this client's records</legend>
        {clinicians.map((u) => (
          <div className="field-inline" key={u.id}>
            <input
              type="checkbox"
              id={`team-${u.id}`}
              checked={chosen.includes(u.id)}
              onChange={(e) => setChosen(toggled(chosen, u.id, e.target.checked))}
            />
            <label htmlFor={`team-${u.id}`}>
              {u.displayName} ({u.roles.map(roleLabel).join(', ')})
            </label>
          </div>
        ))}
      </fieldset>
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="primary">
          Save care team
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function NotesPanel({ clientId }: { clientId: string }) {
  const notes = useResource(
    async () => (await api.get<{ notes: NoteSummary[] }>(`/api/notes?clientId=${clientId}`)).notes,
    clientId,
  )
  return (
    <section className="panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Sessions and notes</h2>
      <ErrorText error={notes.error} />
      {notes.loading && !notes.data ? <Loading what="notes" /> : null}
      {notes.data?.length === 0 ? <p>No sessions yet.</p> : null}
      {notes.data?.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Note</th>
              <th scope="col">State</th>
              <th scope="col">Clinician</th>
            </tr>
          </thead>
          <tbody>
            {notes.data.map((n) => (
              <tr key={n.id}>
                <td>
                  <Link to={`/notes/${n.id}`}>{formatDateTime(n.occurredAt)}</Link>
                </td>
                <td>{formatLabel(n.format)}</td>
                <td>{noteStateLabel(n.state)}</td>
                <td>{n.authorName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
