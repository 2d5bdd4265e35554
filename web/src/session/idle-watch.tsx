import { useEffect, useRef, useState } from 'react'
import { api, lastRequestAt } from '../api/client'
import { Dialog } from '../ui/dialog'

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'pointermove'] as const
const CHECK_EVERY_MS = 1_000
// The server counts idleness from the last request; while the user is active, tell it so.
const KEEP_ALIVE_AFTER_MS = 60_000

/**
 * The idle timer: after `timeoutSeconds` without keyboard or pointer activity the session ends
 * (PHI should not stay open on an unattended screen). A warning with a countdown comes first.
 */
export function IdleWatch({
  timeoutSeconds,
  paused,
  onTimeout,
}: {
  timeoutSeconds: number
  paused: boolean
  onTimeout: () => void
}) {
  const lastActivity = useRef(Date.now())
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null)
  const warnSeconds = Math.min(60, Math.floor(timeoutSeconds / 4))
  const onTimeoutRef = useRef(onTimeout)
  onTimeoutRef.current = onTimeout

  useEffect(() => {
    if (paused) return
    lastActivity.current = Date.now()
    const mark = () => {
      lastActivity.current = Date.now()
    }
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, mark, { passive: true, capture: true })
    const timer = window.setInterval(() => {
      const now = Date.now()
      const idleMs = now - lastActivity.current
      const left = Math.ceil(timeoutSeconds - idleMs / 1000)
      if (left <= 0) {
        setSecondsLeft(null)
        onTimeoutRef.current()
        lastActivity.current = Number.POSITIVE_INFINITY
        return
      }
      setSecondsLeft(left <= warnSeconds ? left : null)
      if (idleMs < KEEP_ALIVE_AFTER_MS && now - lastRequestAt() > KEEP_ALIVE_AFTER_MS)
        void api.get('/api/session').catch(() => undefined)
    }, CHECK_EVERY_MS)
    return () => {
      window.clearInterval(timer)
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, mark, { capture: true })
    }
  }, [paused, timeoutSeconds, warnSeconds])

  const stay = () => {
    lastActivity.current = Date.now()
    setSecondsLeft(null)
    void api.get('/api/session').catch(() => undefined)
  }

  return (
    <Dialog open={secondsLeft !== null && !paused} title="Still there?" onCancel={stay} role="alertdialog">
      <p>
        For privacy, Sidenote signs you out after {Math.round(timeoutSeconds / 60)} minutes without activity.
        You will be signed out in <strong>{secondsLeft ?? 0} seconds</strong>.
      </p>
      <button type="button" className="primary" onClick={stay}>
        Stay signed in
      </button>
    </Dialog>
  )
}
