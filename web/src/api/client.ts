import { ApiError, type ProblemBody } from './problem'

/** Called when the server says the session has ended; resolves once the same user signed in again. */
export type ReauthHandler = (message: string) => Promise<void>

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

interface State {
  csrfToken: string | null
  reauth: ReauthHandler | null
  pendingReauth: Promise<void> | null
  lastRequestAt: number
}

const state: State = { csrfToken: null, reauth: null, pendingReauth: null, lastRequestAt: 0 }

// Routes whose 401 is an answer, not an ended session (signing in, checking who is signed in).
const NO_REAUTH = /^\/api\/(auth\/|session$)/

/** The app's one way to the server: JSON in and out, CSRF on changes, problem+json as ApiError. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A multipart upload (a transcript file with its fields). */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  /** A file the server renders (PDF, text export), as a Blob. */
  blob: (path: string) => request<Blob>('GET', path, undefined, 'blob'),
  text: (path: string) => request<string>('GET', path, undefined, 'text'),
  /** A file the server renders from a JSON request (keeps what it names out of the URL). */
  postBlob: (path: string, body: unknown) => request<Blob>('POST', path, body, 'blob'),
}

/** Remember the session's CSRF token (sent on every change). */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token
}

/** Install the handler that asks the user to sign in again (the re-authentication dialog). */
export function setReauthHandler(handler: ReauthHandler | null): void {
  state.reauth = handler
}

/** When the server last heard from this tab (the idle timer keeps the session alive from it). */
export function lastRequestAt(): number {
  return state.lastRequestAt
}

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  as: 'json' | 'blob' | 'text' = 'json',
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = { accept: as === 'json' ? 'application/json' : '*/*' }
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    throw new ApiError(0, 'NETWORK', 'Check the connection and try again.')
  }
  state.lastRequestAt = Date.now()

  if (response.ok) {
    if (response.status === 204) return undefined as T
    if (as === 'blob') return (await response.blob()) as T
    if (as === 'text') return (await response.text()) as T
    return (await response.json()) as T
  }
  const error = await toApiError(response)
  if (response.status === 401 && !retried && !NO_REAUTH.test(path) && state.reauth) {
    // One dialog for every request that found the session gone; each retries once afterwards, so
    // the work that triggered it (a saved edit, a signature) is not lost.
    state.pendingReauth ??= state.reauth(error.message).finally(() => {
      state.pendingReauth = null
    })
    await state.pendingReauth
    return request<T>(method, path, body, as, true)
  }
  throw error
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ProblemBody>
    return new ApiError(response.status, body.code ?? 'UNKNOWN', body.detail ?? response.statusText, body)
  } catch {
    return new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'UNKNOWN', response.statusText)
  }
}
