import { type FormEvent, useState } from 'react'
import { api } from '../api/client'
import { ApiError } from '../api/problem'
import type { EncounterAccepted, NoteFormat } from '../api/types'
import { hasAiConsent, hasRecordingConsent, useConsents } from '../clients/consents'
import { choiceLabel, useProviderChoices } from '../providers/choices'
import { Link, navigate } from '../router'
import { ErrorText, Loading } from '../ui/feedback'
import { TextField } from '../ui/field'
import { NOTE_FORMATS, SERVICES } from '../ui/labels'
import { Page } from '../ui/page'
import { JobProgress } from './job-progress'

type Source = 'file' | 'audio' | 'paste' | 'dictation'

// The note format a service usually takes (the clinician may choose another).
const FORMAT_FOR_SERVICE: Record<string, NoteFormat> = {
  intake: 'intake',
  'family-with-patient': 'family',
  'family-without-patient': 'family',
  group: 'group',
  supervision: 'supervision',
}

/** Now, to the minute, as a datetime-local input value in the reader's time zone. */
function nowLocal(): string {
  const d = new Date()
  d.setSeconds(0, 0)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

/**
 * A new session: when, what service, which note format, and the words — an uploaded transcript
 * file (dropped or chosen), a session recording for the practice's speech-to-text service (offered
 * when the practice has one), a pasted transcript, or the clinician's dictation. A transcript needs
 * the client's AI-processing consent, a recording one that covers recordings and names the service;
 * both are checked here first and again by the server.
 */
export function NewEncounterScreen({ clientId }: { clientId: string }) {
  const consents = useConsents(clientId)
  const choices = useProviderChoices()
  // The server's configured model drafts; only registry entries take recordings.
  const transcribers = (choices.data ?? []).filter((p) => !p.builtIn)
  const [transcriberId, setTranscriberId] = useState('')
  const transcriber = transcribers.find((p) => p.id === transcriberId) ?? transcribers[0]
  const [source, setSource] = useState<Source>('file')
  const [when, setWhen] = useState(nowLocal)
  const [service, setService] = useState('individual')
  const [format, setFormat] = useState<NoteFormat>('soap')
  const [formatTouched, setFormatTouched] = useState(false)
  const [minutes, setMinutes] = useState('')
  const [member, setMember] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [accepted, setAccepted] = useState<EncounterAccepted | null>(null)

  const needsConsent = source !== 'dictation'
  const consentOk =
    source === 'audio'
      ? transcriber !== undefined && hasRecordingConsent(consents.data, transcriber.id)
      : hasAiConsent(consents.data)
  const blockedByConsent = needsConsent && consents.data !== null && !consentOk

  const chooseService = (value: string) => {
    setService(value)
    if (!formatTouched) setFormat(FORMAT_FOR_SERVICE[value] ?? 'soap')
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    const occurredAt = new Date(when).toISOString()
    const fields = {
      occurredAt,
      service,
      noteFormat: format,
      source: source === 'dictation' ? 'dictation' : 'transcript',
      ...(minutes ? { minutes: Number(minutes) } : {}),
      ...(member.trim() ? { member: member.trim() } : {}),
    }
    setBusy(true)
    try {
      let result: EncounterAccepted
      if (source === 'file' || source === 'audio') {
        const what = source === 'file' ? 'a transcript file' : 'a recording'
        if (!file) throw new ApiError(400, 'VALIDATION_FAILED', `Choose or drop ${what}.`)
        const form = new FormData()
        for (const [k, v] of Object.entries(fields)) form.append(k, String(v))
        if (source === 'audio' && transcriber) form.append('transcriptionProviderId', transcriber.id)
        form.append('file', file, file.name)
        const route = source === 'file' ? 'upload' : 'audio'
        result = await api.upload<EncounterAccepted>(`/api/clients/${clientId}/encounters/${route}`, form)
      } else {
        result = await api.post<EncounterAccepted>(`/api/clients/${clientId}/encounters`, { ...fields, text })
      }
      setAccepted(result)
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  const consentError = error instanceof ApiError && error.code === 'CONSENT_REQUIRED'

  if (accepted)
    return (
      <Page title="New session" heading="Drafting the note">
        <p>The draft opens for review when it is ready. Nothing is signed until you sign it.</p>
        <JobProgress
          jobId={accepted.jobId}
          onDone={(noteId) => navigate(`/notes/${noteId ?? accepted.noteId}`, { replace: true })}
          onFailed={(message) => {
            setAccepted(null)
            setBusy(false)
            setError(new ApiError(500, 'DRAFT_FAILED', `Drafting did not finish: ${message}`))
          }}
        />
      </Page>
    )

  return (
    <Page title="New session">
      <p>
        <Link to={`/clients/${clientId}`}>Back to the client</Link>
      </p>
      {consents.loading && !consents.data ? <Loading what="consents" /> : null}
      {blockedByConsent || consentError ? (
        <div className="warning" role={consentError ? undefined : 'note'}>
          {source === 'audio' ? (
            <p>
              <strong>Consent is needed first.</strong> This client has no active consent to AI processing of
              session recordings that names {transcriber ? `"${transcriber.name}"` : 'this service'}, so the
              recording cannot be sent. Record the client's consent on the client page, or dictate the note
              yourself.
            </p>
          ) : (
            <p>
              <strong>Consent is needed first.</strong> This client has no active consent to AI processing of
              session transcripts, so a transcript cannot be drafted from. Record the client's consent on the
              client page, or dictate the note yourself.
            </p>
          )}
          <p>
            <Link to={`/clients/${clientId}`}>Record consent on the client page</Link>
          </p>
        </div>
      ) : null}
      <form className="stack" onSubmit={submit} aria-describedby="session-hint">
        <p className="hint" id="session-hint">
          The transcript stays on this server; the note is drafted from it and every statement cites it.
        </p>
        <div className="columns">
          <div className="field">
            <label htmlFor="session-when">Date and time of the session</label>
            <input
              id="session-when"
              type="datetime-local"
              required
              value={when}
              onChange={(e) => setWhen(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="session-service">Service</label>
            <select id="session-service" value={service} onChange={(e) => chooseService(e.target.value)}>
              {SERVICES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="session-format">Note format</label>
            <select
              id="session-format"
              value={format}
              onChange={(e) => {
                setFormat(e.target.value as NoteFormat)
                setFormatTouched(true)
              }}
            >
              {NOTE_FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="session-minutes">Minutes (optional)</label>
            <input
              id="session-minutes"
              type="number"
              min={1}
              max={600}
              inputMode="numeric"
              aria-describedby="session-minutes-hint"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
            <p className="hint" id="session-minutes-hint">
              Left empty, the length comes from the transcript.
            </p>
          </div>
        </div>
        {format === 'group' ? (
          <TextField
            id="session-member"
            label="Group member this note is for (speaker label)"
            value={member}
            onChange={setMember}
            required
          />
        ) : null}

        <fieldset>
          <legend>What the note is drafted from</legend>
          {(
            [
              ['file', 'A transcript file (VTT, SRT, JSON or text)'],
              ['audio', 'A session recording (audio), transcribed by the practice’s speech-to-text service'],
              ['paste', 'A pasted transcript'],
              ['dictation', 'My own dictation (no AI-processing consent needed)'],
            ] as const
          )
            .filter(([value]) => value !== 'audio' || transcribers.length > 0)
            .map(([value, label]) => (
              <div className="field-inline" key={value}>
                <input
                  type="radio"
                  name="session-source"
                  id={`source-${value}`}
                  checked={source === value}
                  onChange={() => {
                    setSource(value)
                    // A transcript is not a recording: the choice is made again for the new kind.
                    setFile(null)
                  }}
                />
                <label htmlFor={`source-${value}`}>{label}</label>
              </div>
            ))}
        </fieldset>

        {source === 'audio' && transcriber ? (
          <div className="field">
            <label htmlFor="session-transcriber">Speech-to-text service</label>
            <select
              id="session-transcriber"
              value={transcriber.id}
              aria-describedby="session-transcriber-hint"
              onChange={(e) => setTranscriberId(e.target.value)}
            >
              {transcribers.map((p) => (
                <option key={p.id} value={p.id}>
                  {choiceLabel(p, ', so it will be refused')}
                </option>
              ))}
            </select>
            <p className="hint" id="session-transcriber-hint">
              The recording goes to this service to be transcribed and is then discarded: this server never
              stores it. The note is drafted from the transcript.
            </p>
          </div>
        ) : null}
        {source === 'file' || source === 'audio' ? (
          <DropZone
            id="session-file"
            what={source === 'file' ? 'transcript file' : 'recording'}
            accept={
              source === 'file'
                ? '.vtt,.srt,.json,.txt,text/vtt,text/plain,application/json'
                : 'audio/*,.wav,.mp3,.m4a,.ogg,.webm,.flac'
            }
            file={file}
            onFile={setFile}
          />
        ) : (
          <div className="field">
            <label htmlFor="session-text">{source === 'paste' ? 'Transcript' : 'Dictation'}</label>
            <textarea
              id="session-text"
              required
              rows={12}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
        )}

        <ErrorText error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy || blockedByConsent}>
            {busy ? 'Starting…' : 'Draft the note'}
          </button>
        </div>
      </form>
    </Page>
  )
}

/** A file to drop or choose, with what was chosen read out to screen readers. */
function DropZone(props: {
  id: string
  what: string
  accept: string
  file: File | null
  onFile: (file: File | null) => void
}) {
  const [over, setOver] = useState(false)
  return (
    <label
      className={over ? 'dropzone over' : 'dropzone'}
      htmlFor={props.id}
      onDragOver={(e) => {
        e.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault()
        setOver(false)
        const dropped = e.dataTransfer.files[0]
        if (dropped) props.onFile(dropped)
      }}
    >
      <span>Drop the {props.what} here, or choose it: </span>
      <input
        id={props.id}
        type="file"
        accept={props.accept}
        onChange={(e) => props.onFile(e.target.files?.[0] ?? null)}
      />
      <span className="hint" aria-live="polite">
        {props.file
          ? ` Chosen: ${props.file.name} (${Math.ceil(props.file.size / 1024)} KB)`
          : ' No file chosen yet.'}
      </span>
    </label>
  )
}
