import { type FormEvent, useId, useState } from 'react'
import { ErrorText } from '../ui/feedback'

/**
 * A short inline form: a reason (required or optional, at least 3 characters when given) and one
 * action button. Focus moves into it when it opens; Escape or Cancel closes it.
 */
export function ReasonForm({
  label,
  action,
  required,
  onSubmit,
  onCancel,
  danger,
}: {
  label: string
  action: string
  required: boolean
  onSubmit: (reason: string | undefined) => Promise<void>
  onCancel: () => void
  danger?: boolean
}) {
  const id = useId()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const trimmed = reason.trim()
  const valid = required ? trimmed.length >= 3 : trimmed.length === 0 || trimmed.length >= 3

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!valid) return
    setBusy(true)
    try {
      await onSubmit(trimmed || undefined)
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
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          // biome-ignore lint/a11y/noAutofocus: the form opens on the user's request; focus goes where they type
          autoFocus
          required={required}
          minLength={required ? 3 : undefined}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy || !valid}>
          {action}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
