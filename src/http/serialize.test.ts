import { isResponseSerializationError } from 'fastify-type-provider-zod'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { checkedSerializerCompiler, isDirectional } from './serialize.js'

const serializerFor = (schema: unknown) =>
  checkedSerializerCompiler({ schema, method: 'GET', url: '/api/x', httpStatus: '200' })

describe('checkedSerializerCompiler', () => {
  const View = z.object({
    id: z.string(),
    state: z.enum(['draft', 'signed']),
    flags: z.array(z.string()).default([]),
    blockers: z.array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('flag'), id: z.string() }),
        z.object({ kind: z.literal('omission'), topic: z.string() }),
      ]),
    ),
    signature: z.object({ by: z.string() }).nullable(),
  })
  const serialize = serializerFor(View)

  it('writes what the schema declares and drops anything else, at every depth', () => {
    const out = serialize({
      id: 'n1',
      state: 'signed',
      flags: [],
      blockers: [{ kind: 'flag', id: 'f1', secret: 'x' }],
      signature: { by: 'u1', internal: 'y' },
      textEnc: 'ciphertext',
    })
    expect(JSON.parse(out)).toEqual({
      id: 'n1',
      state: 'signed',
      flags: [],
      blockers: [{ kind: 'flag', id: 'f1' }],
      signature: { by: 'u1' },
    })
  })

  it('refuses a response that does not match, as a response-schema error (a 500, nothing sent)', () => {
    let thrown: unknown
    try {
      serialize({ id: 'n1', state: 'deleted', flags: [], blockers: [], signature: null })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect(isResponseSerializationError(thrown as Error)).toBe(true)
    expect(() => serialize({ id: 1, state: 'draft', flags: [], blockers: [], signature: null })).toThrow()
  })

  it('keeps the encode direction for a schema with a codec or transform', () => {
    const IsoDate = z.codec(z.iso.datetime(), z.date(), {
      decode: (s) => new Date(s),
      encode: (d) => d.toISOString(),
    })
    const WithCodec = z.object({ at: IsoDate })
    expect(isDirectional(WithCodec)).toBe(true)
    expect(serializerFor(WithCodec)({ at: new Date('2026-01-02T03:04:05.000Z') })).toBe(
      '{"at":"2026-01-02T03:04:05.000Z"}',
    )
  })
})

describe('isDirectional', () => {
  it('finds a transform, pipe or catch wherever it is nested', () => {
    expect(
      isDirectional(z.object({ a: z.array(z.object({ b: z.string().transform((s) => s.length) })) })),
    ).toBe(true)
    expect(isDirectional(z.object({ a: z.union([z.number(), z.string().pipe(z.email())]) }))).toBe(true)
    expect(isDirectional(z.record(z.string(), z.number().catch(0)))).toBe(true)
    expect(
      isDirectional(z.object({ a: z.string().nullable().optional(), b: z.array(z.number()).default([]) })),
    ).toBe(false)
  })
})
