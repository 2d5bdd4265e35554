import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOpenAiTranscriberFor } from '../src/adapters/openai/index.js'
import { draftNote } from '../src/core/pipeline/index.js'
import {
  type AudioInput,
  type EgressAuditEvent,
  ProviderConfig,
  type TranscribeDeps,
  transcribeRecording,
} from '../src/core/providers/index.js'
import { parseTranscript } from '../src/core/transcript/index.js'
import { AppError } from '../src/platform/errors.js'
import { type FakeOpenAi, startFakeOpenAi } from './support/fake-openai.js'

const VERBOSE = {
  task: 'transcribe',
  language: 'en',
  duration: 2710.4,
  text: 'How was the week? It was better, I slept six hours most nights.',
  segments: [
    { id: 0, start: 0, end: 2.1, text: ' How was the week?', speaker: 'SPEAKER_00' },
    {
      id: 1,
      start: 2.6,
      end: 7.9,
      text: ' It was better, I slept six hours most nights.',
      speaker: 'SPEAKER_01',
    },
    { id: 2, start: 8, end: 8.4, text: ' ' },
    { id: 3, start: 2700, end: 2710.4, text: ' See you next week.', speaker: 'SPEAKER_00' },
  ],
}

// Bytes that look like a WAV header followed by silence; the fake never decodes them.
const audio: AudioInput = {
  bytes: new Uint8Array([...Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt '), ...new Uint8Array(2000)]),
  fileName: 'session.wav',
  mimeType: 'audio/wav',
}

let fake: FakeOpenAi
let audit: EgressAuditEvent[]
let events: string[]

beforeAll(async () => {
  fake = await startFakeOpenAi()
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.requests.length = 0
  fake.setDefault({ kind: 'json', body: VERBOSE })
  audit = []
  events = []
})

function deps(overrides: Partial<ProviderConfig> = {}, more: Partial<TranscribeDeps> = {}): TranscribeDeps {
  const provider = ProviderConfig.parse({
    id: 'whisper',
    name: 'whisper.cpp server',
    kind: 'openai-compatible',
    baseUrl: fake.url,
    model: 'whisper-large-v3',
    locality: 'practice-network',
    ...overrides,
  })
  return {
    provider,
    transcriber: createOpenAiTranscriberFor(provider),
    audit: (e) => {
      audit.push(e)
      events.push(`audit:${e.outcome}`)
    },
    checkConsent: () => {
      events.push('consent')
    },
    deleteAudio: () => {
      events.push('delete')
    },
    sleep: async () => undefined,
    ...more,
  }
}

describe('transcription through /v1/audio/transcriptions', () => {
  it('checks consent, uploads (audited), deletes the audio (audited) and yields stt-json for the pipeline', async () => {
    const outcome = await transcribeRecording(deps(), audio)
    expect(events).toEqual(['consent', 'audit:sent', 'delete', 'audit:deleted'])
    const [request] = fake.requests
    expect(request!.path).toBe('/v1/audio/transcriptions')
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(request!.text).toMatch(/name="model"\r\n\r\nwhisper-large-v3/)
    expect(request!.text).toMatch(/name="response_format"\r\n\r\nverbose_json/)
    expect(request!.text).toMatch(/name="file"; filename="session.wav"\r\nContent-Type: audio\/wav/)
    expect(audit[0]).toMatchObject({
      purpose: 'transcription',
      category: 'audio',
      bytes: audio.bytes.byteLength,
      characters: 0,
    })
    expect(audit[1]).toMatchObject({ purpose: 'audio-deleted', outcome: 'deleted' })

    const transcript = parseTranscript(Buffer.from(outcome.sttJson), {
      roles: { SPEAKER_00: 'clinician', SPEAKER_01: 'client' },
    })
    expect(transcript.format).toBe('stt-json')
    expect(transcript.utterances.map((u) => [u.speaker, u.start])).toEqual([
      ['SPEAKER_00', 0],
      ['SPEAKER_01', 2.6],
      ['SPEAKER_00', 2700],
    ])
    expect(transcript.minutes).toBe(45)
    const draft = draftNote(transcript, { format: 'soap' })
    expect(draft.billing?.suggested).toEqual(['90834'])
  })

  it('gives undiarised segments one speaker and a plain-text answer one untimed utterance', async () => {
    fake.enqueue({ kind: 'json', body: { text: 'hello', segments: [{ start: 0, end: 1, text: ' Hello.' }] } })
    const a = await transcribeRecording(deps(), audio)
    expect(JSON.parse(a.sttJson)).toEqual({
      utterances: [{ speaker: 'Speaker 1', start: 0, end: 1, text: 'Hello.' }],
    })
    fake.enqueue({ kind: 'json', body: { text: 'Just words.' } })
    const b = await transcribeRecording(deps(), audio)
    expect(parseTranscript(Buffer.from(b.sttJson)).utterances[0]).toMatchObject({
      text: 'Just words.',
      start: null,
    })
  })

  it('sends nothing without consent', async () => {
    const noConsent = deps(
      {},
      {
        checkConsent: () => {
          throw new AppError('CONSENT_REQUIRED', 'The client has not consented to AI transcription.')
        },
      },
    )
    await expect(transcribeRecording(noConsent, audio)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' })
    expect(fake.requests).toHaveLength(0)
    expect(audit).toEqual([])
  })

  it('refuses a hosted service without a BAA (audited), and a Part 2 recording without consent', async () => {
    await expect(transcribeRecording(deps({ locality: 'hosted' }), audio)).rejects.toMatchObject({
      code: 'EGRESS_REFUSED',
    })
    await expect(transcribeRecording(deps(), audio, { part2: true })).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
    })
    expect(fake.requests).toHaveLength(0)
    expect(audit.map((e) => [e.outcome, e.category])).toEqual([
      ['refused', 'audio'],
      ['refused', 'audio'],
    ])
    expect(events).not.toContain('delete')
  })

  it('retries a 503 and keeps the audio when the service finally fails', async () => {
    fake.enqueue({ kind: 'status', status: 503 })
    await transcribeRecording(deps(), audio)
    expect(fake.requests).toHaveLength(2)
    events = []
    fake.enqueue({ kind: 'status', status: 400 })
    await expect(transcribeRecording(deps(), audio)).rejects.toMatchObject({ code: 'PROVIDER_FAILED' })
    expect(events).toEqual(['consent', 'audit:sent'])
  })
})
