import { describe, expect, it } from 'vitest'
import { extractJson, modelAnswerJsonSchema, parseModelAnswer } from './model-answer.js'
import { guardModelAnswer } from './output-guard.js'

const context = {
  format: 'dap' as const,
  evidenceIds: new Set(['u1', 'u2', 'u3', 'c1']),
  map: { '[NAME_1]': 'Jordan' },
}

function answer(sections: unknown): string {
  return JSON.stringify({ sections })
}

describe('parseModelAnswer', () => {
  it('reads bare JSON, fenced JSON and JSON after a preamble', () => {
    const json = answer([{ key: 'data', statements: [{ text: 'x', evidence: ['u1'] }] }])
    for (const content of [json, `\`\`\`json\n${json}\n\`\`\``, `Here is the note:\n${json}\nHope it helps.`])
      expect(parseModelAnswer(content).ok).toBe(true)
  })

  it('reports malformed JSON and schema mismatches without quoting the content', () => {
    const bad = parseModelAnswer('{"sections": [ {"key": "data", "statements": [ {"text": "Jordan')
    expect(bad).toEqual({ ok: false, problem: { kind: 'not-json', message: 'the answer is not valid JSON' } })
    const shape = parseModelAnswer('{"sections": [{"key": "data", "statements": [{"text": "Jordan"}]}]}')
    expect(shape.ok).toBe(false)
    if (!shape.ok) {
      expect(shape.problem.kind).toBe('schema')
      expect(shape.problem.message).not.toContain('Jordan')
    }
  })

  it('reads answers from servers that ignore the schema: extra keys, evidence as one string', () => {
    const r = parseModelAnswer(
      '{"sections": [{"key": "data", "confidence": 0.9, "statements": [{"text": "x", "evidence": "u1, u2", "note": "n"}]}]}',
    )
    expect(r).toEqual({
      ok: true,
      answer: { sections: [{ key: 'data', statements: [{ text: 'x', evidence: ['u1', 'u2'] }] }] },
    })
  })

  it('extractJson throws on text without any object', () => {
    expect(() => extractJson('I cannot help with that.')).toThrow(SyntaxError)
  })
})

describe('modelAnswerJsonSchema', () => {
  it("is a strict schema whose section keys are the format's", () => {
    const schema = modelAnswerJsonSchema('dap') as {
      additionalProperties: boolean
      properties: { sections: { items: { properties: { key: { enum: string[] } } } } }
    }
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties.sections.items.properties.key.enum).toEqual(['data', 'assessment', 'plan'])
    expect(JSON.stringify(schema)).not.toContain('$schema')
  })
})

describe('guardModelAnswer', () => {
  it('accepts a grounded answer, restores placeholders and orders the sections', () => {
    const r = guardModelAnswer(
      answer([
        {
          key: 'plan',
          statements: [{ text: 'Clinician and client agreed to meet next week.', evidence: ['u3'] }],
        },
        {
          key: 'data',
          statements: [{ text: '[NAME_1] reported sleeping better.', evidence: ['u1', 'u1', 'c1'] }],
        },
      ]),
      context,
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.sections.map((s) => s.key)).toEqual(['data', 'assessment', 'plan'])
    expect(r.sections[0]!.statements[0]).toEqual({
      text: 'Jordan reported sleeping better.',
      evidence: ['u1', 'c1'],
    })
    expect(r.sections[1]!.note).toBe('Not addressed in this session.')
    expect(r.warnings).toEqual([])
  })

  it('rejects a statement citing evidence the model was not given', () => {
    const r = guardModelAnswer(
      answer([
        { key: 'data', statements: [{ text: 'Client reported a new job.', evidence: ['u1', 'u999'] }] },
      ]),
      context,
    )
    expect(r).toEqual({
      ok: false,
      rejections: [
        {
          kind: 'unknown-evidence',
          message: 'statement 1 of section "data" cites u999, which is not in the input',
        },
      ],
    })
  })

  it('rejects malformed ids without echoing them', () => {
    const r = guardModelAnswer(
      answer([
        { key: 'data', statements: [{ text: 'Client reported a new job.', evidence: ['Jordan said so'] }] },
      ]),
      context,
    )
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.rejections[0]!.message).not.toContain('Jordan')
  })

  it('rejects a statement without evidence', () => {
    const r = guardModelAnswer(
      answer([{ key: 'data', statements: [{ text: 'Client is doing well overall.', evidence: [] }] }]),
      context,
    )
    expect(r).toMatchObject({ ok: false, rejections: [{ kind: 'no-evidence' }] })
  })

  it('rejects unknown sections, empty answers and malformed JSON', () => {
    expect(guardModelAnswer(answer([{ key: 'diagnosis', statements: [] }]), context)).toMatchObject({
      ok: false,
      rejections: [{ kind: 'unknown-section' }],
    })
    expect(guardModelAnswer(answer([{ key: 'data', statements: [] }]), context)).toMatchObject({
      ok: false,
      rejections: [{ kind: 'empty' }],
    })
    expect(guardModelAnswer('{"sections": [', context)).toMatchObject({
      ok: false,
      rejections: [{ kind: 'not-json' }],
    })
  })

  it('keeps placeholders it did not send visible and warns', () => {
    const r = guardModelAnswer(
      answer([{ key: 'data', statements: [{ text: '[NAME_7] called.', evidence: ['u2'] }] }]),
      context,
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.sections[0]!.statements[0]!.text).toBe('[NAME_7] called.')
    expect(r.warnings[0]).toMatch(/\[NAME_7\]/)
  })
})
