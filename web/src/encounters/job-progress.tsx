import { useEffect, useRef, useState } from 'react'
import { api } from '../api/client'
import type { Job } from '../api/types'

const POLL_MS = 500

const STAGES: Record<string, string> = {
  queued: 'Waiting to start',
  parse: 'Reading the transcript',
  parsing: 'Reading the transcript',
  consent: 'Checking consent',
  risk: 'Looking for risk language',
  draft: 'Drafting the note',
  drafting: 'Drafting the note',
  guard: 'Checking for clinical determinations',
  verify: 'Checking every statement against the transcript',
  billing: 'Suggesting billing codes',
  save: 'Saving the draft',
}

function stageLabel(job: Job): string {
  if (job.state === 'queued') return STAGES.queued!
  if (job.state === 'done') return 'Draft ready'
  return (job.stage && STAGES[job.stage]) ?? job.stage ?? 'Working'
}

/**
 * Follows a drafting job until it is done (then calls onDone with the note id) or failed. The
 * progress bar carries the percentage; the status line is announced when the stage changes.
 */
export function JobProgress({
  jobId,
  onDone,
  onFailed,
}: {
  jobId: string
  onDone: (noteId: string | null) => void
  onFailed: (message: string) => void
}) {
  const [job, setJob] = useState<Job | null>(null)
  const callbacks = useRef({ onDone, onFailed })
  callbacks.current = { onDone, onFailed }

  useEffect(() => {
    let stopped = false
    let timer: number | undefined
    const poll = async () => {
      try {
        const next = await api.get<Job>(`/api/jobs/${jobId}`)
        if (stopped) return
        setJob(next)
        if (next.state === 'done') return callbacks.current.onDone(next.noteId)
        if (next.state === 'failed' || next.state === 'cancelled')
          return callbacks.current.onFailed(next.error?.message ?? 'Drafting did not finish.')
      } catch (e) {
        if (stopped) return
        return callbacks.current.onFailed(e instanceof Error ? e.message : 'Drafting did not finish.')
      }
      timer = window.setTimeout(poll, POLL_MS)
    }
    void poll()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [jobId])

  const label = job ? stageLabel(job) : 'Starting'
  return (
    <div className="stack panel" aria-busy={job?.state !== 'done'}>
      <label htmlFor={`job-${jobId}`}>Drafting progress</label>
      <progress id={`job-${jobId}`} max={100} value={job?.progress ?? 0}>
        {job?.progress ?? 0}%
      </progress>
      <p role="status">
        {label}… {job ? `${job.progress}%` : ''}
      </p>
    </div>
  )
}
