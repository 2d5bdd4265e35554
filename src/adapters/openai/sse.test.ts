import { describe, expect, it } from 'vitest'
import { sseData } from './sse.js'

function body(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(encoder.encode(p))
      controller.close()
    },
  })
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = []
  for await (const d of sseData(stream)) out.push(d)
  return out
}

describe('sseData', () => {
  it("yields each event's data, across chunk boundaries and CRLF pairs split between chunks", async () => {
    expect(
      await collect(body('data: {"a":1}\r', '\n\r\n: comment\n\ndata: {"b"', ':2}\n\ndata: [DONE]\n\n')),
    ).toEqual(['{"a":1}', '{"b":2}'])
  })

  it('joins multi-line data, skips other fields and stops at [DONE]', async () => {
    expect(
      await collect(body('event: x\nid: 1\ndata: one\ndata: two\n\ndata: [DONE]\n\ndata: after\n\n')),
    ).toEqual(['one\ntwo'])
  })

  it('yields a last event that ends without a blank line', async () => {
    expect(await collect(body('data: {"c":3}'))).toEqual(['{"c":3}'])
  })
})
