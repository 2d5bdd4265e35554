import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { api } from '../api/client'
import { ApiError } from '../api/problem'
import type { Flag, Note, NoteDraft, NoteFormat, Section, TranscriptView } from '../api/types'
import { JobProgress } from '../encounters/job-progress'
import { Link } from '../router'
import { useSession } from '../session/session'
import { ErrorText, Loading, Status } from '../ui/feedback'
import { formatDateTime } from '../ui/format'
import { formatLabel, NOTE_FORMATS, noteStateLabel, SERVICES } from '../ui/labels'
import { Page } from '../ui/page'
import { useResource } from '../ui/use-resource'
import { BillingPanel, OmissionsPanel, ProvenancePanel, RiskPanel } from './panels'
import { AddendaPanel, CosignPanel, ExportsPanel, SignatureView, SignPanel } from './signing'
import { type IndexedFlag, type StatementAction, StatementItem } from './statement-item'
import { TranscriptPane } from './transcript-pane'

const EMPTY: ReadonlySet<string> = new Set()

/**
 * The review screen: the draft beside the transcript. Each statement shows its evidence when
 * hovered or focused; what needs a decision (unsupported statements, scope flags) is inline with
 * edit / remove / keep-with-reason; risk flags, omissions, billing and provenance have their own
 * panels; then sign with attestation, and after signing addenda and exports.
 */
export function ReviewScreen({ id }: { id: string }) {
  const note = useResource(() => api.get<Note>(`/api/notes/${id}`), id)
  const [redraftJob, setRedraftJob] = useState<string | null>(null)
  const n = note.data

  // A note still drafting (opened from a list): look again until the draft is there.
  useEffect(() => {
    if (n?.state !== 'drafting' || redraftJob) return
    const timer = window.setTimeout(() => void note.reload(), 1000)
    return () => window.clearTimeout(timer)
  }, [n, redraftJob, note])

  if (!n)
    return (
      <Page title="Review note">
        <ErrorText error={note.error} />
        {note.loading ? <Loading what="the note" /> : null}
      </Page>
    )

  if (redraftJob)
    return (
      <Page title="Review note" heading="Redrafting the note">
        <JobProgress
          jobId={redraftJob}
          onDone={() => {
            setRedraftJob(null)
            void note.reload()
          }}
          onFailed={() => {
            setRedraftJob(null)
            void note.reload()
          }}
        />
      </Page>
    )

  if (n.state === 'drafting' || !n.draft)
    return (
      <Page title="Review note">
        <p role="status">
          {n.state === 'failed'
            ? 'Drafting failed. Start a new session or redraft.'
            : 'The draft is being prepared…'}
        </p>
        {n.state === 'failed' ? <RedraftControl note={n} onStarted={setRedraftJob} /> : null}
      </Page>
    )

  return <ReviewBody note={n} onNote={note.set} onReload={note.reload} onRedraft={setRedraftJob} />
}

function ReviewBody({
  note,
  onNote,
  onReload,
  onRedraft,
}: {
  note: Note
  onNote: (n: Note) => void
  onReload: () => Promise<void>
  onRedraft: (jobId: string) => void
}) {
  const { session, can } = useSession()
  const draft = note.draft!
  const readOnly = note.state !== 'draft'
  const [active, setActive] = useState<{ key: string; evidence: string[] } | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const latest = useRef(note)
  latest.current = note

  // Mark when the screen is usable (statements rendered and focusable): the browser test reads it.
  useEffect(() => {
    if (!performance.getEntriesByName('review-interactive').length) performance.mark('review-interactive')
  }, [])

  const statementsById = useMemo(() => {
    const map = new Map<string, { section: Section; index: number }>()
    for (const section of draft.sections)
      section.statements.forEach((s, index) => {
        map.set(s.id, { section, index })
      })
    return map
  }, [draft])

  const flags = useMemo(() => {
    const risk: IndexedFlag[] = []
    const scopeByStatement = new Map<string, IndexedFlag[]>()
    const scopeLoose: IndexedFlag[] = []
    draft.flags.forEach((flag: Flag, index) => {
      if (flag.kind.startsWith('risk.')) risk.push({ flag, index })
      else {
        const sid =
          flag.statementId ??
          (flag.section !== undefined && flag.statement !== undefined
            ? draft.sections.find((s) => s.key === flag.section)?.statements[flag.statement]?.id
            : undefined)
        if (sid && statementsById.has(sid))
          scopeByStatement.set(sid, [...(scopeByStatement.get(sid) ?? []), { flag, index }])
        else scopeLoose.push({ flag, index })
      }
    })
    return { risk, scopeByStatement, scopeLoose }
  }, [draft, statementsById])

  const highlight = useMemo(() => (active ? new Set(active.evidence) : EMPTY), [active])
  // The utterances come from their own route, once per note (review changes do not resend them);
  // again only if the transcript stops being kept (deleted on signing, by the practice's policy).
  const kept = note.transcript.retained
  const transcript = useResource<TranscriptView | null>(
    () => (kept ? api.get<TranscriptView>(`/api/notes/${note.id}/transcript`) : Promise.resolve(null)),
    `${note.id}:${kept}`,
  )

  const activateStatement = useCallback(
    (statementId: string | null) => {
      if (!statementId) return setActive(null)
      setActive((prev) => {
        if (prev?.key === `s:${statementId}`) return prev
        const found = statementsById.get(statementId)
        const statement = found?.section.statements[found.index]
        return statement ? { key: `s:${statementId}`, evidence: statement.evidence } : prev
      })
    },
    [statementsById],
  )
  const activateEvidence = useCallback((evidence: string[]) => {
    const key = `e:${evidence.join(',')}`
    setActive((prev) => (prev?.key === key ? prev : { key, evidence }))
  }, [])

  const handleError = useCallback(
    async (e: unknown) => {
      if (e instanceof ApiError && (e.code === 'CONFLICT' || e.code === 'NOTE_SIGNED')) {
        setError(e)
        await onReload()
      }
      throw e
    },
    [onReload],
  )

  const changeStatement = useCallback(
    async (statementId: string, change: StatementAction) => {
      const current = latest.current
      const where = current.draft?.sections
        .flatMap((section) => section.statements.map((s, index) => ({ s, section: section.key, index })))
        .find((x) => x.s.id === statementId)
      if (!where)
        throw new ApiError(409, 'CONFLICT', 'The statement is no longer in the note; the note was reloaded.')
      try {
        const next = await api.patch<Note>(`/api/notes/${current.id}/statements`, {
          version: current.version,
          section: where.section,
          index: where.index,
          ...change,
        })
        setError(null)
        onNote(next)
        if (change.action === 'remove') {
          // The removed statement (and the focus in it) is gone: focus its neighbour, or the section.
          const siblings = current.draft?.sections.find((x) => x.key === where.section)?.statements ?? []
          const neighbour = siblings[where.index + 1] ?? siblings[where.index - 1]
          requestAnimationFrame(() =>
            (neighbour
              ? document.getElementById(`st-${neighbour.id}`)
              : document.getElementById(`sec-${where.section}`)
            )?.focus(),
          )
        }
        setStatus(
          change.action === 'edit'
            ? 'Statement saved and checked again.'
            : change.action === 'remove'
              ? 'Statement removed.'
              : 'Statement kept as written.',
        )
      } catch (e) {
        await handleError(e)
      }
    },
    [onNote, handleError],
  )

  const addStatement = useCallback(
    async (section: string, text: string) => {
      const current = latest.current
      try {
        const next = await api.patch<Note>(`/api/notes/${current.id}/statements`, {
          version: current.version,
          action: 'add',
          section,
          text,
        })
        setError(null)
        onNote(next)
        setStatus('Statement added as your own input.')
      } catch (e) {
        await handleError(e)
      }
    },
    [onNote, handleError],
  )

  const resolveFlag = useCallback(
    async (flagIndex: number, action: 'confirm' | 'dismiss', reason: string) => {
      const current = latest.current
      try {
        const next = await api.post<Note>(`/api/notes/${current.id}/flags/resolve`, {
          version: current.version,
          flagIndex,
          action,
          reason,
        })
        setError(null)
        onNote(next)
        setStatus(action === 'confirm' ? 'Flag confirmed.' : 'Flag dismissed.')
      } catch (e) {
        await handleError(e)
      }
    },
    [onNote, handleError],
  )

  const isCosigner =
    note.state === 'awaiting-cosign' && can('supervisor') && session.user.id !== note.authorId

  return (
    <Page
      title="Review note"
      heading={`${formatLabel(note.format)} note — ${formatDateTime(note.encounter.occurredAt)}`}
      wide
      actions={<Link to={`/clients/${note.clientId}`}>Back to the client</Link>}
    >
      <div className="review-toolbar">
        <span>
          <strong>State:</strong> {noteStateLabel(note.state)}
        </span>
        <span>
          <strong>Service:</strong>{' '}
          {SERVICES.find((x) => x.value === note.encounter.service)?.label ?? note.encounter.service}
          {note.encounter.minutes ? `, ${note.encounter.minutes} min` : ''}
        </span>
        {note.encounter.part2 ? <span className="badge warn">42 CFR Part 2</span> : null}
        {!readOnly ? (
          <span>
            <strong>Needs your decision:</strong> {note.blockers.length}
          </span>
        ) : null}
        {!readOnly ? <RedraftControl note={note} onStarted={onRedraft} /> : null}
      </div>
      <Status>{status}</Status>
      <ErrorText error={error} />
      {note.signature ? <SignatureView note={note} /> : null}
      {draft.warnings.length ? (
        <div className="notice review-warnings">
          <ul>
            {draft.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="review-grid">
        <div className="draft">
          <h2 className="visually-hidden">Draft</h2>
          <p className="hint">Hover over or focus (Tab) a statement to see its evidence in the transcript.</p>
          {draft.sections.map((section) => (
            <section key={section.key} className="draft-section" aria-labelledby={`sec-${section.key}`}>
              <h3 id={`sec-${section.key}`} tabIndex={-1}>
                {section.title}
              </h3>
              {section.statements.length === 0 ? (
                <p className="hint">{section.note ?? 'Nothing in this section.'}</p>
              ) : null}
              <ol className="statements">
                {section.statements.map((s) => (
                  <StatementItem
                    key={s.id}
                    statement={s}
                    flags={flags.scopeByStatement.get(s.id) ?? NO_FLAGS}
                    active={active?.key === `s:${s.id}`}
                    readOnly={readOnly}
                    onActivate={activateStatement}
                    onChange={changeStatement}
                    onResolveFlag={resolveFlag}
                  />
                ))}
              </ol>
              {!readOnly ? <AddStatement section={section} onAdd={addStatement} /> : null}
            </section>
          ))}
          {flags.scopeLoose.length ? <ScopeLoose flags={flags.scopeLoose} /> : null}
          {draft.removed.length ? <RemovedPanel removed={draft.removed} /> : null}
          <RiskPanel
            flags={flags.risk}
            readOnly={readOnly}
            onActivate={activateEvidence}
            onResolve={resolveFlag}
          />
          <OmissionsPanel omissions={draft.omissions ?? []} onActivate={activateEvidence} />
          <BillingPanel billing={draft.billing} />
          {note.state === 'draft' ? <SignPanel note={note} onSigned={onNote} /> : null}
          {isCosigner ? <CosignPanel note={note} onCosigned={onNote} /> : null}
          {note.state === 'signed' || note.state === 'awaiting-cosign' ? (
            <>
              <AddendaPanel note={note} onAdded={onNote} />
              <ExportsPanel note={note} />
            </>
          ) : null}
          <ProvenancePanel provenance={note.provenance} />
        </div>
        <TranscriptPane
          status={note.transcript}
          transcript={transcript.data}
          error={transcript.error}
          highlight={highlight}
        />
      </div>
    </Page>
  )
}

const NO_FLAGS: IndexedFlag[] = []

function ScopeLoose({ flags }: { flags: IndexedFlag[] }) {
  return (
    <section className="panel" aria-labelledby="scope-heading">
      <h2 id="scope-heading">Other findings</h2>
      <ul>
        {flags.map(({ flag, index }) => (
          <li key={index}>
            {flag.kind}: <q>{flag.excerpt}</q>
            {flag.resolution ? ` (${flag.resolution.action}: ${flag.resolution.reason})` : ''}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Switch the note format before signing: the note is drafted again in the new format. */
function RedraftControl({ note, onStarted }: { note: Note; onStarted: (jobId: string) => void }) {
  const [format, setFormat] = useState<NoteFormat>(note.format)
  const [error, setError] = useState<unknown>(null)
  const redraft = async () => {
    try {
      const accepted = await api.post<{ jobId: string }>(`/api/notes/${note.id}/redraft`, { format })
      onStarted(accepted.jobId)
    } catch (e) {
      setError(e)
    }
  }
  return (
    <span className="row redraft">
      <span className="field">
        <label htmlFor="redraft-format">Note format</label>
        <select id="redraft-format" value={format} onChange={(e) => setFormat(e.target.value as NoteFormat)}>
          {NOTE_FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </span>
      <button type="button" onClick={redraft} disabled={format === note.format && note.state !== 'failed'}>
        Redraft in this format
      </button>
      <span className="hint">Redrafting replaces your edits.</span>
      <ErrorText error={error} />
    </span>
  )
}

function RemovedPanel({ removed }: { removed: NoteDraft['removed'] }) {
  return (
    <details className="panel">
      <summary>
        <strong>Removed statements ({removed.length})</strong>
      </summary>
      <ul>
        {removed.map((r) => (
          <li key={r.id}>
            <s>{r.text}</s>
            {r.reason ? <span className="hint"> — {r.reason}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  )
}

/** The clinician's own statement, added to a section (cited as clinician input, not the transcript). */
function AddStatement({
  section,
  onAdd,
}: {
  section: Section
  onAdd: (section: string, text: string) => Promise<void>
}) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [error, setError] = useState<unknown>(null)
  const id = `add-${section.key}`
  if (!open)
    return (
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Add a statement to {section.title}
      </button>
    )
  return (
    <form
      className="inline-form stack"
      onSubmit={async (event) => {
        event.preventDefault()
        try {
          await onAdd(section.key, text.trim())
          setText('')
          setOpen(false)
        } catch (e) {
          setError(e)
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false)
      }}
    >
      <div className="field">
        <label htmlFor={id}>New statement in {section.title}</label>
        <textarea
          id={id}
          // biome-ignore lint/a11y/noAutofocus: the form opens on the user's request
          autoFocus
          rows={2}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={!text.trim()}>
          Add statement
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
