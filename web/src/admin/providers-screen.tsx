import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import type { Provider } from '../api/types'
import { ErrorText, Loading, Status } from '../ui/feedback'
import { formatDate } from '../ui/format'
import { LOCALITY_LABELS } from '../ui/labels'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'

function baaInForce(p: Provider): boolean {
  if (!p.baa) return false
  const now = new Date().toISOString().slice(0, 10)
  return p.baa.signedAt.slice(0, 10) <= now && (!p.baa.expiresAt || p.baa.expiresAt.slice(0, 10) > now)
}

/** AI providers and their Business Associate Agreements: PHI goes to a hosted provider only under a BAA. */
export default function ProvidersScreen() {
  const providers = useResource(async () => {
    const answer = await api.get<Provider[] | { providers: Provider[] }>('/api/providers')
    return Array.isArray(answer) ? answer : answer.providers
  }, 'providers')
  const [status, setStatus] = useState<string | null>(null)
  const replace = (p: Provider) => {
    const list = providers.data ?? []
    providers.set(list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...list, p])
  }

  return (
    <Page title="AI providers">
      <p>
        The embedded engine drafts on this server and nothing leaves it. A hosted provider receives
        de-identified text only, and only while a Business Associate Agreement is in force.
      </p>
      <Status>{status}</Status>
      <ErrorText error={providers.error} />
      {providers.loading && !providers.data ? <Loading what="providers" /> : null}
      {providers.data ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Where it runs</th>
              <th scope="col">Model</th>
              <th scope="col">BAA</th>
              <th scope="col">Drafting</th>
            </tr>
          </thead>
          <tbody>
            {providers.data.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name}
                  <div className="hint">{p.kind === 'embedded' ? 'embedded engine' : p.baseUrl}</div>
                </td>
                <td>{LOCALITY_LABELS[p.locality]}</td>
                <td>{p.model ?? '—'}</td>
                <td>
                  {p.locality === 'in-process' ? (
                    'Not needed'
                  ) : p.baa ? (
                    <>
                      <span className={`badge ${baaInForce(p) ? 'ok' : 'bad'}`}>
                        {baaInForce(p) ? 'In force' : 'Not in force'}
                      </span>{' '}
                      {p.baa.reference}, signed {formatDate(p.baa.signedAt)}
                      {p.baa.expiresAt ? `, ends ${formatDate(p.baa.expiresAt)}` : ''}
                    </>
                  ) : (
                    <span className="badge bad">None on file</span>
                  )}
                  {p.locality !== 'in-process' && !p.builtIn ? (
                    <BaaForm
                      provider={p}
                      onSaved={(saved) => {
                        replace(saved)
                        setStatus(`BAA of ${saved.name} saved.`)
                      }}
                    />
                  ) : null}
                </td>
                <td>
                  {p.draftingDefault ? (
                    <span className="badge ok">Default</span>
                  ) : p.active !== false ? (
                    <button
                      type="button"
                      className="small"
                      onClick={async () => {
                        try {
                          await api.patch<Provider>(`/api/providers/${encodeURIComponent(p.id)}`, {
                            draftingDefault: true,
                          })
                          providers.set(
                            (providers.data ?? []).map((x) => ({ ...x, draftingDefault: x.id === p.id })),
                          )
                          setStatus(`${p.name} now drafts by default.`)
                        } catch (e) {
                          setStatus(e instanceof Error ? e.message : 'The default could not be changed.')
                        }
                      }}
                    >
                      Make default<span className="visually-hidden"> for {p.name}</span>
                    </button>
                  ) : (
                    'Disabled'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <AddProvider
        onAdded={(p) => {
          replace(p)
          setStatus(`${p.name} added.`)
        }}
      />
    </Page>
  )
}

function BaaForm({ provider, onSaved }: { provider: Provider; onSaved: (p: Provider) => void }) {
  const [open, setOpen] = useState(false)
  const [signedAt, setSignedAt] = useState(provider.baa?.signedAt.slice(0, 10) ?? '')
  const [expiresAt, setExpiresAt] = useState(provider.baa?.expiresAt?.slice(0, 10) ?? '')
  const [reference, setReference] = useState(provider.baa?.reference ?? '')
  const [error, setError] = useState<unknown>(null)
  const id = (name: string) => `baa-${provider.id}-${name}`

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      const saved = await api.patch<Provider>(`/api/providers/${encodeURIComponent(provider.id)}`, {
        baa: { signedAt, reference, ...(expiresAt ? { expiresAt } : {}) },
      })
      onSaved(saved)
      setOpen(false)
    } catch (e) {
      setError(e)
    }
  }
  if (!open)
    return (
      <div>
        <button type="button" className="small" onClick={() => setOpen(true)}>
          Record BAA<span className="visually-hidden"> for {provider.name}</span>
        </button>
      </div>
    )
  return (
    <form className="stack" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id('ref')}>Agreement reference</label>
        <input id={id('ref')} required value={reference} onChange={(e) => setReference(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('signed')}>Signed on</label>
        <input
          id={id('signed')}
          type="date"
          required
          value={signedAt}
          onChange={(e) => setSignedAt(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={id('ends')}>Ends on (optional)</label>
        <input id={id('ends')} type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />
      </div>
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="primary">
          Save BAA
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function AddProvider({ onAdded }: { onAdded: (p: Provider) => void }) {
  const [form, setForm] = useState({
    id: '',
    name: '',
    baseUrl: '',
    model: '',
    locality: 'practice-network' as Provider['locality'],
    apiKeyRef: '',
  })
  const [error, setError] = useState<unknown>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      const saved = await api.post<Provider>('/api/providers', {
        id: form.id,
        name: form.name,
        kind: 'openai-compatible',
        baseUrl: form.baseUrl,
        model: form.model,
        locality: form.locality,
        ...(form.apiKeyRef ? { apiKeyRef: form.apiKeyRef } : {}),
      })
      onAdded(saved)
    } catch (e) {
      setError(e)
    }
  }
  const field = (key: keyof typeof form, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`provider-${key}`}>{label}</label>
      <input
        id={`provider-${key}`}
        required={key !== 'apiKeyRef'}
        value={form[key]}
        aria-describedby={hint ? `provider-${key}-hint` : undefined}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
      {hint ? (
        <p className="hint" id={`provider-${key}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  )
  return (
    <section aria-labelledby="add-provider-heading">
      <h2 id="add-provider-heading">Add an OpenAI-compatible provider</h2>
      <form className="stack" onSubmit={submit}>
        <div className="row">
          {field('id', 'Short id', 'Letters, digits and dashes, e.g. office-llm')}
          {field('name', 'Name')}
        </div>
        <div className="row">
          {field('baseUrl', 'Base URL')}
          {field('model', 'Model')}
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="provider-locality">Where it runs</label>
            <select
              id="provider-locality"
              value={form.locality}
              onChange={(e) => setForm({ ...form, locality: e.target.value as Provider['locality'] })}
            >
              <option value="practice-network">{LOCALITY_LABELS['practice-network']}</option>
              <option value="hosted">{LOCALITY_LABELS.hosted}</option>
            </select>
          </div>
          {field(
            'apiKeyRef',
            'API key reference (optional)',
            'The name of the server environment variable holding the key (SIDENOTE_PROVIDER_…), never the key',
          )}
        </div>
        <ErrorText error={error} />
        <div>
          <button type="submit" className="primary">
            Add provider
          </button>
        </div>
      </form>
    </section>
  )
}
