import { useMemo, useState } from 'react'
import { api } from '../api/client'
import type { ClientSummary } from '../api/types'
import { Link } from '../router'
import { ErrorText, Loading } from '../ui/feedback'
import { formatDate } from '../ui/format'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'

/** The clients the user may see (their care teams; all of the practice for the admin). */
export function ClientsScreen() {
  const clients = useResource(
    async () => (await api.get<{ clients: ClientSummary[] }>('/api/clients')).clients,
    'all',
  )
  const [filter, setFilter] = useState('')
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    const list = [...(clients.data ?? [])].sort((a, b) => a.name.localeCompare(b.name))
    return needle
      ? list.filter(
          (c) => c.name.toLowerCase().includes(needle) || c.externalId?.toLowerCase().includes(needle),
        )
      : list
  }, [clients.data, filter])

  return (
    <Page
      title="Clients"
      actions={
        <Link to="/clients/new" className="button primary">
          Add a client
        </Link>
      }
    >
      <div className="field">
        <label htmlFor="client-filter">Find a client</label>
        <input
          id="client-filter"
          type="search"
          autoComplete="off"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-describedby="client-filter-hint"
        />
        <p className="hint" id="client-filter-hint">
          By name or record number; the list narrows as you type.
        </p>
      </div>
      <ErrorText error={clients.error} />
      {clients.loading && !clients.data ? <Loading what="clients" /> : null}
      {clients.data && clients.data.length === 0 ? (
        <p>No clients yet. Add the first one, or ask the practice admin to add you to a care team.</p>
      ) : null}
      {shown.length > 0 ? (
        <table>
          <caption className="visually-hidden">Clients</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">Record number</th>
              <th scope="col">Part 2</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/clients/${c.id}`}>{c.name}</Link>
                </td>
                <td>{formatDate(c.dateOfBirth)}</td>
                <td>{c.externalId ?? '—'}</td>
                <td>{c.part2 ? <span className="badge warn">Part 2</span> : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p role="status" className="hint">
        {clients.data && filter ? `${shown.length} of ${clients.data.length} clients shown.` : ''}
      </p>
    </Page>
  )
}
