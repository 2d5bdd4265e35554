import { memo, type RefObject, useEffect, useRef } from 'react'
import type { TranscriptStatus, TranscriptView, Utterance } from '../api/types'
import { ErrorText, Loading } from '../ui/feedback'
import { formatDateTime, formatOffset } from '../ui/format'

const UtteranceRow = memo(function UtteranceRow({ u, lit }: { u: Utterance; lit: boolean }) {
  return (
    <li id={`utt-${u.id}`} className={lit ? 'utterance evidence' : 'utterance'}>
      <span className="who">
        {u.speaker} <span className="roles">({u.role})</span>
      </span>
      {u.start !== null ? <span className="when">{formatOffset(u.start)}</span> : null}
      <span className="uid">{u.id}</span>
      {lit ? <span className="visually-hidden"> (evidence for the selected statement)</span> : null}
      <p>{u.text}</p>
    </li>
  )
})

/**
 * The transcript beside the draft. The utterances a selected statement rests on are highlighted
 * and scrolled into view inside the pane (the page itself does not jump). `status` comes with the
 * note; `transcript` (the utterances) is loaded from its own route, so the draft shows first.
 */
export function TranscriptPane({
  status,
  transcript,
  error,
  highlight,
  paneRef,
}: {
  status: TranscriptStatus
  transcript: TranscriptView | null
  error?: unknown
  highlight: ReadonlySet<string>
  paneRef?: RefObject<HTMLElement | null>
}) {
  const own = useRef<HTMLElement>(null)
  const ref = paneRef ?? own

  useEffect(() => {
    const pane = ref.current
    if (!pane || highlight.size === 0) return
    const first = transcript?.utterances.find((u) => highlight.has(u.id))
    if (!first) return
    const el = pane.querySelector<HTMLElement>(`#utt-${first.id}`)
    if (!el) return
    const heading = pane.querySelector('h2')?.getBoundingClientRect().height ?? 0
    const top =
      el.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop - heading - 8
    pane.scrollTo({ top, behavior: 'instant' })
  }, [highlight, transcript, ref])

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <section className="transcript" aria-labelledby="transcript-heading" tabIndex={0} ref={ref}>
      <h2 id="transcript-heading">Transcript</h2>
      {!status.retained && status.deletedAt ? (
        <p className="notice">
          The transcript was deleted {formatDateTime(status.deletedAt)} under the practice's retention policy.
          Evidence ids still name the utterances the note rested on.
        </p>
      ) : null}
      {!status.retained && !status.deletedAt ? <p>No transcript is kept for this session.</p> : null}
      {status.retained && !transcript && !error ? <Loading what="the transcript" /> : null}
      <ErrorText error={error} />
      {status.retained && transcript?.retained ? (
        <ol className="utterances">
          {transcript.utterances.map((u) => (
            <UtteranceRow key={u.id} u={u} lit={highlight.has(u.id)} />
          ))}
        </ol>
      ) : null}
    </section>
  )
}
