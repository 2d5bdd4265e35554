import { useCallback, useEffect, useRef, useState } from 'react'

export interface Resource<T> {
  data: T | null
  error: unknown
  loading: boolean
  reload: () => Promise<void>
  /** Replace the data with a server answer (after a change), without another request. */
  set: (data: T) => void
}

/**
 * Load something from the API for a screen. `key` names what the load depends on (an id, a
 * filter): a new key loads again, and answers for an older key are dropped.
 */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const generation = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const run = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    try {
      const value = await loadRef.current()
      if (mine !== generation.current) return
      setData(value)
      setError(null)
    } catch (e) {
      if (mine === generation.current) setError(e)
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void key
    void run()
    return () => {
      generation.current++
    }
  }, [run, key])

  return { data, error, loading, reload: run, set: setData }
}
