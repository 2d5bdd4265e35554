import { describeError } from '../api/problem'

/** An error in plain language, announced to screen readers as it appears. */
export function ErrorText({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null
  return (
    <p className="error" role="alert" id={id}>
      {describeError(error)}
    </p>
  )
}

/** A polite status line ("Saved.", "Loading…"). */
export function Status({ children }: { children?: string | null }) {
  return (
    <p className="status" role="status">
      {children ?? ''}
    </p>
  )
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  )
}
