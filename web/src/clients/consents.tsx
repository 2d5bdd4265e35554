import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import type { Consent, ConsentKind, ConsentMethod, Part2Purpose } from '../api/types'
import { choiceLabel, useProviderChoices } from '../providers/choices'
import { ErrorText, Loading, Status } from '../ui/feedback'
import { TextField } from '../ui/field'
import { formatDate, today } from '../ui/format'
import { consentKindLabel } from '../ui/labels'
import { toggled } from '../ui/lists'
import { type Resource, useResource } from '../ui/use-resource'

/** A client's consents, newest signature first. */
export function useConsents(clientId: string): Resource<Consent[]> {
  return useResource(
    async () => (await api.get<{ consents: Consent[] }>(`/api/clients/${clientId}/consents`)).consents,
    clientId,
  )
}

/** Whether drafting from a transcript may start: an active AI-processing consent that covers transcripts. */
export function hasAiConsent(consents: Consent[] | null): boolean {
  return (consents ?? []).some((c) => c.active && c.scope.kind === 'ai-processing' && c.scope.transcripts)
}

/**
 * Whether a recording may be sent to `providerId` to be transcribed: an active AI-processing
 * consent that covers recordings and names that provider.
 */
export function hasRecordingConsent(consents: Consent[] | null, providerId: string): boolean {
  return (consents ?? []).some(
    (c) =>
      c.active &&
      c.scope.kind === 'ai-processing' &&
      c.scope.recordings &&
      c.scope.providers.includes(providerId),
  )
}

function consentState(c: Consent): { label: string; tone: 'ok' | 'bad' | 'warn' } {
  if (c.revokedAt) return { label: 'Revoked', tone: 'bad' }
  if (c.active) return { label: 'Active', tone: 'ok' }
  if (c.expiresAt && c.expiresAt < new Date().toISOString()) return { label: 'Expired', tone: 'warn' }
  return { label: 'Not yet in force', tone: 'warn' }
}

function scopeSummary(c: Consent): string {
  const s = c.scope
  if (s.kind === 'ai-processing') {
    const what = [s.transcripts ? 'transcripts' : null, s.recordings ? 'recordings' : null]
      .filter(Boolean)
      .join(' and ')
    const where = s.providers.length ? `providers: ${s.providers.join(', ')}` : 'on this server only'
    return `${what || 'nothing'}; ${where}`
  }
  if (s.kind === 'part2-disclosure')
    return `to ${s.recipient} for ${s.purposes.join(', ')}: ${s.information}${s.expirationEvent ? `; until ${s.expirationEvent}` : ''}`
  return `to ${s.recipient} for ${s.purpose}${s.expirationEvent ? `; until ${s.expirationEvent}` : ''}`
}

/** The consents panel of a client: what the client agreed to, recording a new one, revoking one. */
export function ConsentsPanel({ clientId, consents }: { clientId: string; consents: Resource<Consent[]> }) {
  const [adding, setAdding] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  const replace = (c: Consent) => {
    const list = consents.data ?? []
    consents.set(list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [c, ...list])
  }

  return (
    <section aria-labelledby="consents-heading" className="panel">
      <h2 id="consents-heading">Consents</h2>
      <Status>{status}</Status>
      <ErrorText error={consents.error} />
      {consents.loading && !consents.data ? <Loading what="consents" /> : null}
      {consents.data?.length === 0 ? <p>No consent recorded yet.</p> : null}
      <ul className="plain-list stack">
        {consents.data?.map((c) => (
          <li key={c.id}>
            <ConsentItem
              consent={c}
              onRevoked={(saved) => {
                replace(saved)
                setStatus('Consent revoked.')
              }}
            />
          </li>
        ))}
      </ul>
      {adding ? (
        <RecordConsentForm
          clientId={clientId}
          onCancel={() => setAdding(false)}
          onRecorded={(c) => {
            replace(c)
            setAdding(false)
            setStatus('Consent recorded.')
          }}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setAdding(true)}>
            Record a consent
          </button>
        </p>
      )}
    </section>
  )
}

function ConsentItem({ consent, onRevoked }: { consent: Consent; onRevoked: (c: Consent) => void }) {
  const [revoking, setRevoking] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<unknown>(null)
  const state = consentState(consent)
  const id = `revoke-${consent.id}`

  const revoke = async (event: FormEvent) => {
    event.preventDefault()
    try {
      onRevoked(await api.post<Consent>(`/api/consents/${consent.id}/revoke`, { reason }))
    } catch (e) {
      setError(e)
    }
  }

  return (
    <div>
      <p>
        <strong>{consentKindLabel(consent.kind)}</strong>{' '}
        <span className={`badge ${state.tone}`}>{state.label}</span>
      </p>
      <p className="hint">
        {scopeSummary(consent)}. Signed by {consent.signer} on {formatDate(consent.signedAt)} (
        {consent.method}
        {consent.expiresAt ? `; expires ${formatDate(consent.expiresAt)}` : ''}).
        {consent.revokedAt
          ? ` Revoked ${formatDate(consent.revokedAt)}${consent.revocationReason ? `: ${consent.revocationReason}` : ''}.`
          : ''}
      </p>
      {consent.revokedAt ? null : revoking ? (
        <form className="stack" onSubmit={revoke}>
          <div className="field">
            <label htmlFor={id}>Why is it revoked?</label>
            <input
              id={id}
              required
              minLength={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <ErrorText error={error} />
          <div className="row">
            <button type="submit" className="danger">
              Revoke consent
            </button>
            <button type="button" onClick={() => setRevoking(false)}>
              Keep it
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="small" onClick={() => setRevoking(true)}>
          Revoke<span className="visually-hidden"> {consentKindLabel(consent.kind)} consent</span>
        </button>
      )}
    </div>
  )
}

const METHODS: { value: ConsentMethod; label: string }[] = [
  { value: 'written', label: 'Written, signed form' },
  { value: 'electronic', label: 'Electronic signature' },
  { value: 'verbal-documented', label: 'Verbal, documented' },
]
const PURPOSES: { value: Part2Purpose; label: string }[] = [
  { value: 'treatment', label: 'Treatment' },
  { value: 'payment', label: 'Payment' },
  { value: 'health-care-operations', label: 'Health care operations' },
  { value: 'other', label: 'Other' },
]

/** Record a consent as the client signed it; the fields follow its kind. */
export function RecordConsentForm({
  clientId,
  initialKind = 'ai-processing',
  onRecorded,
  onCancel,
}: {
  clientId: string
  initialKind?: ConsentKind
  onRecorded: (c: Consent) => void
  onCancel?: () => void
}) {
  const [kind, setKind] = useState<ConsentKind>(initialKind)
  const [method, setMethod] = useState<ConsentMethod>('written')
  const [signer, setSigner] = useState('')
  const [signedAt, setSignedAt] = useState(today())
  const [expiresAt, setExpiresAt] = useState('')
  const [transcripts, setTranscripts] = useState(true)
  const [recordings, setRecordings] = useState(false)
  const [providers, setProviders] = useState<string[]>([])
  const choices = useProviderChoices()
  const [recipient, setRecipient] = useState('')
  const [purposes, setPurposes] = useState<Part2Purpose[]>(['treatment'])
  const [purpose, setPurpose] = useState('')
  const [information, setInformation] = useState('')
  const [expirationEvent, setExpirationEvent] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const scope = () => {
    const until = expirationEvent ? { expirationEvent } : {}
    if (kind === 'ai-processing')
      return {
        transcripts,
        recordings,
        providers,
      }
    if (kind === 'part2-disclosure') return { recipient, purposes, information, ...until }
    return { recipient, purpose, ...until }
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const saved = await api.post<Consent>(`/api/clients/${clientId}/consents`, {
        kind,
        scope: scope(),
        method,
        signer,
        signedAt,
        expiresAt: expiresAt || null,
      })
      onRecorded(saved)
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="record-consent-heading">
      <h3 id="record-consent-heading">Record a consent</h3>
      <div className="field">
        <label htmlFor="consent-kind">Consent to</label>
        <select id="consent-kind" value={kind} onChange={(e) => setKind(e.target.value as ConsentKind)}>
          {(['ai-processing', 'part2-disclosure', 'sud-counseling-notes'] as const).map((k) => (
            <option key={k} value={k}>
              {consentKindLabel(k)}
            </option>
          ))}
        </select>
      </div>
      {kind === 'ai-processing' ? (
        <fieldset>
          <legend>What may be processed</legend>
          <div className="field-inline">
            <input
              type="checkbox"
              id="consent-transcripts"
              checked={transcripts}
              onChange={(e) => setTranscripts(e.target.checked)}
            />
            <label htmlFor="consent-transcripts">Session transcripts</label>
          </div>
          <div className="field-inline">
            <input
              type="checkbox"
              id="consent-recordings"
              checked={recordings}
              onChange={(e) => setRecordings(e.target.checked)}
            />
            <label htmlFor="consent-recordings">Session recordings (audio)</label>
          </div>
          <fieldset aria-describedby="consent-providers-hint">
            <legend>Outside AI providers the client agreed to</legend>
            <p className="hint" id="consent-providers-hint">
              None ticked, processing stays on this server (the embedded engine).
            </p>
            <ErrorText error={choices.error} />
            {choices.loading && !choices.data ? <Loading what="the practice's AI providers" /> : null}
            {choices.data?.length === 0 ? <p>The practice has registered no outside AI provider.</p> : null}
            {(choices.data ?? []).map((p) => (
              <div className="field-inline" key={p.id}>
                <input
                  type="checkbox"
                  id={`consent-provider-${p.id}`}
                  checked={providers.includes(p.id)}
                  onChange={(e) => setProviders(toggled(providers, p.id, e.target.checked))}
                />
                <label htmlFor={`consent-provider-${p.id}`}>{choiceLabel(p)}</label>
              </div>
            ))}
          </fieldset>
        </fieldset>
      ) : (
        <>
          <TextField
            id="consent-recipient"
            label="Recipient (person or organisation)"
            value={recipient}
            onChange={setRecipient}
            required
          />
          {kind === 'part2-disclosure' ? (
            <>
              <fieldset>
                <legend>Purposes</legend>
                <div className="row">
                  {PURPOSES.map((p) => (
                    <div className="field-inline" key={p.value}>
                      <input
                        type="checkbox"
                        id={`consent-purpose-${p.value}`}
                        checked={purposes.includes(p.value)}
                        onChange={(e) => setPurposes(toggled(purposes, p.value, e.target.checked))}
                      />
                      <label htmlFor={`consent-purpose-${p.value}`}>{p.label}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
              <div className="field">
                <label htmlFor="consent-information">Which information, in the consent's words</label>
                <textarea
                  id="consent-information"
                  required
                  value={information}
                  onChange={(e) => setInformation(e.target.value)}
                />
              </div>
            </>
          ) : (
            <TextField id="consent-purpose" label="Purpose" value={purpose} onChange={setPurpose} required />
          )}
          <TextField
            id="consent-event"
            label={'Expires on an event (optional, e.g. "end of treatment")'}
            value={expirationEvent}
            onChange={setExpirationEvent}
          />
        </>
      )}
      <div className="row">
        <div className="field">
          <label htmlFor="consent-method">How it was given</label>
          <select
            id="consent-method"
            value={method}
            onChange={(e) => setMethod(e.target.value as ConsentMethod)}
          >
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="consent-signer"
          label="Signed by (as on the form)"
          value={signer}
          onChange={setSigner}
          required
        />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="consent-signed">Signed on</label>
          <input
            id="consent-signed"
            type="date"
            required
            value={signedAt}
            onChange={(e) => setSignedAt(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="consent-expires">Expires on (optional)</label>
          <input
            id="consent-expires"
            type="date"
            value={expiresAt}
            onChange={(e) => setExpiresAt(e.target.value)}
          />
        </div>
      </div>
      <ErrorText error={error} />
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={busy || (kind === 'part2-disclosure' && purposes.length === 0)}
        >
          Record consent
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  )
}
