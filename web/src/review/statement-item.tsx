import { type FormEvent, memo, useId, useRef, useState } from 'react'
import type { Flag, Statement } from '../api/types'
import { ErrorText } from '../ui/feedback'
import { flagLabel } from '../ui/labels'
import { ReasonForm } from './reason-form'

export type StatementAction =
  | { action: 'edit'; text: string }
  | { action: 'remove'; reason?: string }
  | { action: 'confirm'; reason: string }

export interface IndexedFlag {
  flag: Flag
  index: number
}

type Mode = null | 'edit' | 'remove' | 'confirm' | { flag: number; action: 'confirm' | 'dismiss' }

function statusBadge(s: Statement): { label: string; tone: string } {
  if (s.status === 'unsupported')
    return s.resolution
      ? { label: 'Kept as written', tone: 'info' }
      : { label: 'Needs review: not supported by the transcript', tone: 'bad' }
  if (s.status === 'clinician-input') return { label: 'Your input', tone: 'info' }
  return { label: 'Supported', tone: 'ok' }
}

function evidenceLabel(id: string): string {
  return id.startsWith('c') ? `clinician input ${id}` : id
}

/**
 * One drafted statement: its text, status, evidence and reasons, the scope flags found in it, and
 * (before signing) edit / remove / keep-with-reason. Hovering or focusing it shows its evidence.
 */
export const StatementItem = memo(function StatementItem({
  statement: s,
  flags,
  active,
  readOnly,
  onActivate,
  onChange,
  onResolveFlag,
}: {
  statement: Statement
  flags: IndexedFlag[]
  active: boolean
  readOnly: boolean
  onActivate: (statementId: string | null) => void
  onChange: (statementId: string, change: StatementAction) => Promise<void>
  onResolveFlag: (flagIndex: number, action: 'confirm' | 'dismiss', reason: string) => Promise<void>
}) {
  const [mode, setMode] = useState<Mode>(null)
  const badge = statusBadge(s)
  const openFlags = flags.filter((f) => !f.flag.resolution)
  const needsReview = (s.status === 'unsupported' && !s.resolution) || openFlags.length > 0
  const classes = ['statement']
  if (active) classes.push('active')
  if (needsReview) classes.push('needs-review')
  else if (s.resolution || flags.length > 0) classes.push('resolved')
  const textId = `st-text-${s.id}`
  const item = useRef<HTMLLIElement>(null)
  // Closing a form returns focus to the statement (the form and its button are gone).
  const close = () => {
    setMode(null)
    requestAnimationFrame(() => item.current?.focus())
  }

  return (
    <li
      ref={item}
      id={`st-${s.id}`}
      className={classes.join(' ')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: focusing a statement shows its evidence in the transcript
      tabIndex={0}
      aria-describedby={`st-meta-${s.id}`}
      data-statement={s.id}
      onMouseEnter={() => onActivate(s.id)}
      onFocus={() => onActivate(s.id)}
    >
      <p className="statement-text" id={textId}>
        {s.text}
      </p>
      <div className="statement-meta" id={`st-meta-${s.id}`}>
        <span className={`badge ${badge.tone}`}>{badge.label}</span>
        {s.origin !== 'ai' ? (
          <span className="badge info">{s.origin === 'edited' ? 'Edited by you' : 'Added by you'}</span>
        ) : null}
        <span className="hint">
          Evidence: {s.evidence.length ? s.evidence.map(evidenceLabel).join(', ') : 'none'}
          {typeof s.support === 'number' ? ` · support ${Math.round(s.support * 100)}%` : ''}
        </span>
      </div>
      {s.status === 'unsupported' && s.reasons?.length ? (
        <p className="hint">Why: {s.reasons.join('; ')}</p>
      ) : null}
      {s.resolution ? <p className="hint">Kept as written: “{s.resolution.reason}”</p> : null}

      {flags.map(({ flag, index }) => (
        <div key={index} className={flag.resolution ? 'statement-flag notice' : 'statement-flag warning'}>
          <strong>{flagLabel(flag.kind)}.</strong>{' '}
          {flag.note ?? 'A clinical determination nobody in the session stated.'}{' '}
          {flag.excerpt ? <q>{flag.excerpt}</q> : null}
          {flag.resolution ? (
            <span>
              {' '}
              {flag.resolution.action === 'confirm' ? 'Kept' : 'Dismissed'}: “{flag.resolution.reason}”
            </span>
          ) : null}
          {!readOnly && !flag.resolution ? (
            <div className="row">
              <button
                type="button"
                className="small"
                onClick={() => setMode({ flag: index, action: 'confirm' })}
              >
                Keep, with reason
              </button>
              <button
                type="button"
                className="small"
                onClick={() => setMode({ flag: index, action: 'dismiss' })}
              >
                Dismiss, with reason
              </button>
            </div>
          ) : null}
        </div>
      ))}

      {!readOnly && mode === null ? (
        <div className="row statement-actions">
          <button type="button" className="small" onClick={() => setMode('edit')} aria-describedby={textId}>
            Edit
          </button>
          <button type="button" className="small" onClick={() => setMode('remove')} aria-describedby={textId}>
            Remove
          </button>
          {s.status === 'unsupported' && !s.resolution ? (
            <button
              type="button"
              className="small"
              onClick={() => setMode('confirm')}
              aria-describedby={textId}
            >
              Keep as written, with reason
            </button>
          ) : null}
        </div>
      ) : null}

      {mode === 'edit' ? (
        <EditForm
          text={s.text}
          onCancel={close}
          onSave={async (text) => {
            await onChange(s.id, { action: 'edit', text })
            close()
          }}
        />
      ) : null}
      {mode === 'remove' ? (
        <ReasonForm
          label="Why remove it? (optional)"
          action="Remove statement"
          required={false}
          danger
          onCancel={close}
          onSubmit={async (reason) => {
            await onChange(s.id, { action: 'remove', ...(reason ? { reason } : {}) })
          }}
        />
      ) : null}
      {mode === 'confirm' ? (
        <ReasonForm
          label="Why keep it as written?"
          action="Keep statement"
          required
          onCancel={close}
          onSubmit={async (reason) => {
            await onChange(s.id, { action: 'confirm', reason: reason ?? '' })
            close()
          }}
        />
      ) : null}
      {mode !== null && typeof mode === 'object' ? (
        <ReasonForm
          label={mode.action === 'confirm' ? 'Why keep this determination?' : 'Why dismiss this finding?'}
          action={mode.action === 'confirm' ? 'Keep determination' : 'Dismiss finding'}
          required
          onCancel={close}
          onSubmit={async (reason) => {
            await onResolveFlag(mode.flag, mode.action, reason ?? '')
            close()
          }}
        />
      ) : null}
    </li>
  )
})

function EditForm({
  text,
  onSave,
  onCancel,
}: {
  text: string
  onSave: (text: string) => Promise<void>
  onCancel: () => void
}) {
  const id = useId()
  const [value, setValue] = useState(text)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      await onSave(value.trim())
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }
  return (
    <form
      className="inline-form stack"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onCancel()
        }
      }}
    >
      <div className="field">
        <label htmlFor={id}>Statement text</label>
        <textarea
          id={id}
          // biome-ignore lint/a11y/noAutofocus: the editor opens on the user's request
          autoFocus
          rows={3}
          maxLength={2000}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <p className="hint">Saved text is checked against the transcript again.</p>
      </div>
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !value.trim()}>
          Save statement
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
