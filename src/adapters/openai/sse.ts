const NEWLINE = /\r\n|\r|\n/

/**
 * The `data:` payloads of a server-sent event stream, one per event, ending at `[DONE]` or at the
 * end of the body. Comments, `event:` and `id:` lines are skipped.
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  const reader = body.getReader()
  let buffer = ''
  let data: string[] = []
  let ended = false
  try {
    for (;;) {
      const { value, done } = await reader.read()
      ended = done
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true })
      for (let at = buffer.search(NEWLINE); at >= 0; at = buffer.search(NEWLINE)) {
        // A lone CR at the end may be the first half of a CRLF still on its way.
        if (!done && at === buffer.length - 1 && buffer[at] === '\r') break
        const line = buffer.slice(0, at)
        buffer = buffer.slice(at + (buffer.startsWith('\r\n', at) ? 2 : 1))
        if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5))
        else if (line === '' && data.length > 0) {
          const payload = data.join('\n')
          data = []
          if (payload.trim() === '[DONE]') return
          yield payload
        }
      }
      if (done) break
    }
    if (buffer.startsWith('data:')) data.push(buffer.slice(buffer.startsWith('data: ') ? 6 : 5))
    const rest = data.join('\n')
    if (data.length > 0 && rest.trim() !== '[DONE]') yield rest
  } finally {
    // Stopping early (at [DONE], or the caller gave up) frees the connection.
    if (!ended) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}
