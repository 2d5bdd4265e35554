import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import type { Blocker, Note } from '../api/types'
import { useConsents } from '../clients/consents'
import { ErrorText, Status } from '../ui/feedback'
import { TextField } from '../ui/field'
import { formatDateTime, shortId } from '../ui/format'
import { consentKindLabel, flagLabel } from '../ui/labels'

function blockerText(b: Blocker, note: Note): string {
  const section = note.draft?.sections.find((s) => s.key === b.section)?.title ?? b.section ?? 'the note'
  if (b.kind === 'unsupported-statement')
    return `A statement in ${section} is not supported by the transcript: edit it, remove it or keep it with a reason.`
  return `${flagLabel(b.flagKind)} in ${section}: edit or remove the statement, or keep it with a reason.`
}

function focusStatement(statementId: string | null): void {
  if (!statementId) return
  const el = document.getElementById(`st-${statementId}`)
  el?.scrollIntoView({ block: 'center' })
  el?.focus({ preventScroll: true })
}

/** Sign with attestation: what still blocks it is listed, each a way to the statement concerned. */
export function SignPanel({ note, onSigned }: { note: Note; onSigned: (n: Note) => void }) {
  const [attest, setAttest] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const blocked = note.blockers.length > 0

  const sign = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onSigned(
        await api.post<Note>(`/api/notes/${note.id}/sign`, { version: note.version, attestation: true }),
      )
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="sign-heading">
      <h2 id="sign-heading">Sign</h2>
      {blocked ? (
        <div className="warning">
          <p>
            <strong>
              {note.blockers.length} {note.blockers.length === 1 ? 'item needs' : 'items need'} your decision
              before signing:
            </strong>
          </p>
          <ul>
            {note.blockers.map((b) => (
              <li key={b.kind === 'scope-flag' ? `f${b.flagIndex}` : `s${b.statementId}`}>
                <button type="button" className="link" onClick={() => focusStatement(b.statementId)}>
                  {blockerText(b, note)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>Every statement is supported or decided by you.</p>
      )}
      <form className="stack" onSubmit={sign}>
        <div className="field-inline">
          <input type="checkbox" id="attest" checked={attest} onChange={(e) => setAttest(e.target.checked)} />
          <label htmlFor="attest">
            I reviewed this note against the session; it states only what I observed or determined, and I sign
            it as my own.
          </label>
        </div>
        <ErrorText error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy || blocked || !attest}>
            Sign note
          </button>
        </div>
      </form>
    </section>
  )
}

export function SignatureView({ note }: { note: Note }) {
  const sig = note.signature
  if (!sig) return null
  return (
    <div className="signed-banner" role="note">
      <p>
        <strong>{note.state === 'awaiting-cosign' ? 'Signed, awaiting co-signature.' : 'Signed.'}</strong>{' '}
        Signed {formatDateTime(sig.signedAt)}
        {sig.reviewSeconds !== null
          ? ` after ${Math.max(1, Math.round(sig.reviewSeconds / 60))} min of review`
          : ''}
        . The signed note cannot change; add an addendum instead.
        {sig.cosignedAt ? ` Co-signed ${formatDateTime(sig.cosignedAt)}.` : ''}
      </p>
      {note.diff ? (
        <p>
          Changes from the AI draft: {note.diff.summary.edited} edited, {note.diff.summary.removed} removed,{' '}
          {note.diff.summary.added} added, {note.diff.summary.unchanged} unchanged.
        </p>
      ) : null}
      {note.diff ? (
        <details>
          <summary>Show the changes from the AI draft</summary>
          <pre className="diff">{note.diff.text}</pre>
        </details>
      ) : null}
    </div>
  )
}

/** The supervisor's co-signature on a supervisee's signed note. */
export function CosignPanel({ note, onCosigned }: { note: Note; onCosigned: (n: Note) => void }) {
  const [attest, setAttest] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      onCosigned(await api.post<Note>(`/api/notes/${note.id}/cosign`, { attestation: true }))
    } catch (e) {
      setError(e)
    }
  }
  return (
    <section className="panel" aria-labelledby="cosign-heading">
      <h2 id="cosign-heading">Co-sign</h2>
      <form className="stack" onSubmit={submit}>
        <div className="field-inline">
          <input
            type="checkbox"
            id="cosign-attest"
            checked={attest}
            onChange={(e) => setAttest(e.target.checked)}
          />
          <label htmlFor="cosign-attest">I reviewed my supervisee's note and co-sign it.</label>
        </div>
        <ErrorText error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={!attest}>
            Co-sign note
          </button>
        </div>
      </form>
    </section>
  )
}

export function AddendaPanel({ note, onAdded }: { note: Note; onAdded: (n: Note) => void }) {
  const [text, setText] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      onAdded(await api.post<Note>(`/api/notes/${note.id}/addenda`, { text: text.trim() }))
      setText('')
      setStatus('Addendum added.')
    } catch (e) {
      setError(e)
    }
  }
  return (
    <section className="panel" aria-labelledby="addenda-heading">
      <h2 id="addenda-heading">Addenda</h2>
      {note.addenda.length === 0 ? <p>None.</p> : null}
      <ol>
        {note.addenda.map((a) => (
          <li key={a.id}>
            <p>{a.text}</p>
            <p className="hint">
              {a.authorName}, {formatDateTime(a.createdAt)}
            </p>
          </li>
        ))}
      </ol>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="addendum-text">New addendum</label>
          <textarea id="addendum-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <ErrorText error={error} />
        <Status>{status}</Status>
        <div className="row">
          <button type="submit" disabled={!text.trim()}>
            Add addendum
          </button>
        </div>
      </form>
    </section>
  )
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Exports of the signed note for the practice: PDF, text, or the text on the clipboard for an EHR. */
export function ExportsPanel({ note }: { note: Note }) {
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  // File names carry the note's short id only: never the client's name.
  const base = `note-${shortId(note.id)}`
  const run = async (what: () => Promise<void>) => {
    setError(null)
    setStatus(null)
    try {
      await what()
    } catch (e) {
      setError(e)
    }
  }
  return (
    <section className="panel" aria-labelledby="exports-heading">
      <h2 id="exports-heading">Export</h2>
      <div className="row">
        <button
          type="button"
          onClick={() =>
            run(async () => {
              saveBlob(await api.blob(`/api/notes/${note.id}/export.pdf`), `${base}.pdf`)
              setStatus('PDF downloaded.')
            })
          }
        >
          Download PDF
        </button>
        <button
          type="button"
          onClick={() =>
            run(async () => {
              saveBlob(await api.blob(`/api/notes/${note.id}/export.txt`), `${base}.txt`)
              setStatus('Text downloaded.')
            })
          }
        >
          Download text
        </button>
        <button
          type="button"
          onClick={() =>
            run(async () => {
              const text = await api.text(`/api/notes/${note.id}/export.txt`)
              await navigator.clipboard.writeText(text)
              setStatus('Copied to the clipboard; paste it into the EHR.')
            })
          }
        >
          Copy text for the EHR
        </button>
      </div>
      <p className="hint">
        Each export is recorded in the audit log. A copy for someone outside the practice is a disclosure:
        send it from the form below so it enters the client's accounting of disclosures.
      </p>
      <ErrorText error={error} />
      <Status>{status}</Status>
      <DisclosureExport note={note} base={base} />
    </section>
  )
}

/** A copy for a recipient outside the practice: a disclosure (recipient and purpose; Part 2 needs a consent). */
function DisclosureExport({ note, base }: { note: Note; base: string }) {
  const consents = useConsents(note.clientId)
  const [recipient, setRecipient] = useState('')
  const [address, setAddress] = useState('')
  const [purpose, setPurpose] = useState('')
  const [consentId, setConsentId] = useState('')
  const [format, setFormat] = useState<'pdf' | 'txt'>('pdf')
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const disclosureConsents = (consents.data ?? []).filter((c) => c.active && c.kind !== 'ai-processing')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    setStatus(null)
    try {
      const blob = await api.postBlob(`/api/notes/${note.id}/export.${format}`, {
        recipient: recipient.trim(),
        purpose: purpose.trim(),
        ...(address.trim() ? { recipientAddress: address.trim() } : {}),
        ...(consentId ? { consentId } : {}),
      })
      saveBlob(blob, `${base}-disclosure.${format}`)
      setStatus('Exported; the disclosure is recorded in the accounting of disclosures.')
    } catch (e) {
      setError(e)
    }
  }

  return (
    <details>
      <summary>Export for a recipient outside the practice (a disclosure)</summary>
      <form className="stack" onSubmit={submit}>
        <div className="columns">
          <TextField
            id="disclose-recipient"
            label="Recipient"
            value={recipient}
            onChange={setRecipient}
            required
          />
          <TextField
            id="disclose-address"
            label="Recipient's address (optional)"
            value={address}
            onChange={setAddress}
          />
          <TextField id="disclose-purpose" label="Purpose" value={purpose} onChange={setPurpose} required />
          <div className="field">
            <label htmlFor="disclose-consent">
              Consent{note.encounter.part2 ? ' (required: Part 2 record)' : ' (optional)'}
            </label>
            <select
              id="disclose-consent"
              required={note.encounter.part2}
              value={consentId}
              onChange={(e) => setConsentId(e.target.value)}
            >
              <option value="">None</option>
              {disclosureConsents.map((c) => (
                <option key={c.id} value={c.id}>
                  {consentKindLabel(c.kind)}
                  {'recipient' in c.scope ? ` — ${c.scope.recipient}` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="disclose-format">File</label>
            <select
              id="disclose-format"
              value={format}
              onChange={(e) => setFormat(e.target.value as 'pdf' | 'txt')}
            >
              <option value="pdf">PDF</option>
              <option value="txt">Text</option>
            </select>
          </div>
        </div>
        <ErrorText error={error} />
        <Status>{status}</Status>
        <div className="row">
          <button type="submit">Export and record the disclosure</button>
        </div>
      </form>
    </details>
  )
}
