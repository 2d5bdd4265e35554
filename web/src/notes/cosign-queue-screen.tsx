import { api } from '../api/client'
import type { NoteSummary } from '../api/types'
import { Link } from '../router'
import { ErrorText, Loading } from '../ui/feedback'
import { formatDateTime } from '../ui/format'
import { formatLabel } from '../ui/labels'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'

/** A supervisor's queue: supervisees' signed notes awaiting co-signature, oldest session first. */
export function CosignQueueScreen() {
  const queue = useResource(
    async () => (await api.get<{ notes: NoteSummary[] }>('/api/notes?queue=cosign')).notes,
    'cosign',
  )
  const notes = [...(queue.data ?? [])].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
  return (
    <Page
      title="Co-sign queue"
      actions={
        <button type="button" onClick={() => void queue.reload()}>
          Refresh
        </button>
      }
    >
      <ErrorText error={queue.error} />
      {queue.loading && !queue.data ? <Loading what="the queue" /> : null}
      {queue.data && notes.length === 0 ? <p>Nothing awaits your co-signature.</p> : null}
      {notes.length ? (
        <table>
          <caption className="visually-hidden">Notes awaiting your co-signature</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Client</th>
              <th scope="col">Supervisee</th>
              <th scope="col">Note</th>
              <th scope="col">Signed</th>
            </tr>
          </thead>
          <tbody>
            {notes.map((n) => (
              <tr key={n.id}>
                <td>
                  <Link to={`/notes/${n.id}`}>Review {formatDateTime(n.occurredAt)}</Link>
                </td>
                <td>{n.clientName}</td>
                <td>{n.authorName}</td>
                <td>{formatLabel(n.format)}</td>
                <td>{formatDateTime(n.signedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  )
}
