import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import type { SupervisionLink, UserRole, UserView } from '../api/types'
import { useSession } from '../session/session'
import { Dialog } from '../ui/dialog'
import { ErrorText, Loading, Status } from '../ui/feedback'
import { TextField } from '../ui/field'
import { roleLabel } from '../ui/labels'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'
import { RolePicker } from './role-picker'

/** Users and roles (admin changes them; the privacy officer reads), and supervision links. */
export default function UsersScreen() {
  const { can } = useSession()
  const admin = can('admin')
  const users = useResource(() => api.get<UserView[]>('/api/users'), 'users')
  const [editing, setEditing] = useState<UserView | null>(null)
  const [status, setStatus] = useState<string | null>(null)

  const replace = (user: UserView) => {
    users.set((users.data ?? []).map((u) => (u.id === user.id ? user : u)))
  }

  return (
    <Page title="Users and roles">
      <Status>{status}</Status>
      {users.loading && !users.data ? <Loading what="users" /> : null}
      <ErrorText error={users.error} />
      {users.data ? (
        <table>
          <caption className="visually-hidden">Users of the practice</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">MFA</th>
              <th scope="col">Status</th>
              {admin ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>{u.roles.map(roleLabel).join(', ')}</td>
                <td>{u.mfaEnabled ? 'Set up' : 'Not set up'}</td>
                <td>{u.disabled ? 'Disabled' : u.locked ? 'Locked' : 'Active'}</td>
                {admin ? (
                  <td>
                    <button type="button" className="small" onClick={() => setEditing(u)}>
                      Edit<span className="visually-hidden"> {u.displayName}</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {admin ? (
        <>
          <AddUser
            onAdded={(user) => {
              users.set([...(users.data ?? []), user])
            }}
          />
          <EditUserDialog
            user={editing}
            onClose={() => setEditing(null)}
            onSaved={(user, message) => {
              replace(user)
              setEditing(null)
              setStatus(message)
            }}
          />
        </>
      ) : null}
      <SupervisionLinks users={users.data ?? []} editable={admin} />
    </Page>
  )
}

function AddUser({ onAdded }: { onAdded: (user: UserView) => void }) {
  const [email, setEmail] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [roles, setRoles] = useState<UserRole[]>(['clinician'])
  const [error, setError] = useState<unknown>(null)
  const [created, setCreated] = useState<{ email: string; password?: string } | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      const result = await api.post<{ user: UserView; initialPassword?: string }>('/api/users', {
        email,
        displayName,
        roles,
      })
      onAdded(result.user)
      setCreated({ email: result.user.email, password: result.initialPassword })
      setEmail('')
      setDisplayName('')
    } catch (e) {
      setError(e)
    }
  }

  return (
    <section aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">Add a user</h2>
      <form className="stack" onSubmit={submit}>
        <div className="row">
          <TextField id="new-user-name" label="Name" value={displayName} onChange={setDisplayName} required />
          <div className="field">
            <label htmlFor="new-user-email">Email</label>
            <input
              id="new-user-email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
        </div>
        <RolePicker idPrefix="new-user-role" value={roles} onChange={setRoles} />
        <ErrorText error={error} />
        <div>
          <button type="submit" className="primary" disabled={roles.length === 0}>
            Add user
          </button>
        </div>
      </form>
      {created ? (
        <div className="notice" role="status">
          <p>
            {created.email} was added.
            {created.password ? (
              <>
                {' '}
                First password (shown only now; give it to them in person): <code>{created.password}</code>
              </>
            ) : null}
          </p>
        </div>
      ) : null}
    </section>
  )
}

function EditUserDialog({
  user,
  onClose,
  onSaved,
}: {
  user: UserView | null
  onClose: () => void
  onSaved: (user: UserView, message: string) => void
}) {
  return (
    <Dialog open={user !== null} title="Edit user" onCancel={onClose}>
      {user ? <EditUserForm key={user.id} user={user} onClose={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  )
}

function EditUserForm({
  user,
  onClose,
  onSaved,
}: {
  user: UserView
  onClose: () => void
  onSaved: (user: UserView, message: string) => void
}) {
  const [displayName, setDisplayName] = useState(user.displayName)
  const [roles, setRoles] = useState<UserRole[]>(user.roles)
  const [disabled, setDisabled] = useState(user.disabled)
  const [error, setError] = useState<unknown>(null)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    try {
      const saved = await api.patch<UserView>(`/api/users/${user.id}`, { displayName, roles, disabled })
      onSaved(saved, `${saved.displayName} was updated.`)
    } catch (e) {
      setError(e)
    }
  }
  const resetMfa = async () => {
    try {
      const saved = await api.post<UserView>(`/api/users/${user.id}/reset-mfa`)
      onSaved(saved, `${saved.displayName} will set up MFA again at their next sign-in.`)
    } catch (e) {
      setError(e)
    }
  }

  return (
    <form className="stack" onSubmit={save}>
      <p>{user.email}</p>
      <TextField id="edit-user-name" label="Name" value={displayName} onChange={setDisplayName} required />
      <RolePicker idPrefix="edit-user-role" value={roles} onChange={setRoles} />
      <div className="field-inline">
        <input
          type="checkbox"
          id="edit-user-disabled"
          checked={disabled}
          onChange={(e) => setDisabled(e.target.checked)}
        />
        <label htmlFor="edit-user-disabled">Disabled (ends their sessions and API tokens)</label>
      </div>
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={roles.length === 0}>
          Save
        </button>
        <button type="button" onClick={resetMfa} disabled={!user.mfaEnabled}>
          Reset MFA
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function SupervisionLinks({ users, editable }: { users: UserView[]; editable: boolean }) {
  const links = useResource(() => api.get<SupervisionLink[]>('/api/supervision-links'), 'links')
  const [supervisorId, setSupervisorId] = useState('')
  const [superviseeId, setSuperviseeId] = useState('')
  const [error, setError] = useState<unknown>(null)
  const supervisors = users.filter((u) => u.roles.includes('supervisor') && !u.disabled)
  const supervisees = users.filter((u) => u.roles.includes('supervisee') && !u.disabled)

  const add = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      const link = await api.post<SupervisionLink>('/api/supervision-links', { supervisorId, superviseeId })
      links.set([...(links.data ?? []), link])
    } catch (e) {
      setError(e)
    }
  }
  const remove = async (link: SupervisionLink) => {
    setError(null)
    try {
      await api.delete(`/api/supervision-links/${link.supervisorId}/${link.superviseeId}`)
      links.set((links.data ?? []).filter((l) => l !== link))
    } catch (e) {
      setError(e)
    }
  }

  return (
    <section aria-labelledby="supervision-heading">
      <h2 id="supervision-heading">Supervision</h2>
      <ErrorText error={links.error ?? error} />
      {links.data?.length === 0 ? <p>No supervision links.</p> : null}
      <ul className="plain-list">
        {links.data?.map((l) => (
          <li key={`${l.supervisorId}/${l.superviseeId}`} className="row">
            <span>
              {l.supervisorName} supervises {l.superviseeName}
            </span>
            {editable ? (
              <button type="button" className="small danger" onClick={() => void remove(l)}>
                Remove<span className="visually-hidden"> this supervision link</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <form className="row" onSubmit={add}>
          <div className="field">
            <label htmlFor="link-supervisor">Supervisor</label>
            <select
              id="link-supervisor"
              required
              value={supervisorId}
              onChange={(e) => setSupervisorId(e.target.value)}
            >
              <option value="">Choose…</option>
              {supervisors.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="link-supervisee">Supervisee</label>
            <select
              id="link-supervisee"
              required
              value={superviseeId}
              onChange={(e) => setSuperviseeId(e.target.value)}
            >
              <option value="">Choose…</option>
              {supervisees.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Link</button>
        </form>
      ) : null}
    </section>
  )
}
