import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'
import { Draft } from '../src/core/drafting/draft.schema.js'
import { Provenance } from '../src/core/providers/index.js'
import { type FakeOpenAi, quotingModel, startFakeOpenAi } from './support/fake-openai.js'
import { loadSamples, SAMPLES_DIR, samplesAvailable } from './support/samples.js'

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

function boundary(text: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`)
}

describe.skipIf(!samplesAvailable())('sidenote draft --engine openai', () => {
  let fake: FakeOpenAi
  const file = join(SAMPLES_DIR, 's02.srt')
  const phi = samplesAvailable()
    ? loadSamples()
        .find((s) => s.id === 's02')!
        .gold.phi.map((p) => p.text)
    : []
  const model = () => ['--engine', 'openai', '--base-url', fake.url, '--model', 'llama3.1:8b']

  beforeAll(async () => {
    fake = await startFakeOpenAi((request) => ({
      kind: 'chat',
      content: quotingModel(request),
      stream: true,
    }))
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.requests.length = 0
  })

  it('drafts through a model on the practice network and prints the contract with provenance', async () => {
    const r = await cli('draft', file, '--format', 'dap', '--json', ...model())
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const draft = Draft.parse(JSON.parse(r.out))
    expect(draft.engine.name).toBe('openai-compatible')
    expect(Provenance.parse(draft.engine.provenance)).toMatchObject({
      model: 'llama3.1:8b',
      locality: 'practice-network',
      promptVersion: 'system.v1+dap.v1',
      deidentified: true,
    })
    expect(fake.chatRequests()).toHaveLength(1)
    expect(phi.filter((p) => boundary(p).test(fake.requests[0]!.text))).toEqual([])
  })

  it('shows the provenance under the readable note, and the audit on stderr with --verbose', async () => {
    const r = await cli('draft', file, ...model(), '--verbose')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(
      /## Provenance\n {2}Drafted by model "llama3.1:8b" of llama3.1:8b at 127\.0\.0\.1:\d+ \(practice-network\); text de-identified before sending/,
    )
    expect(r.out).toMatch(/Prompt system\.v1\+soap\.v1 \(sha256 [0-9a-f]{12}…\), 1 attempt/)
    expect(r.err).toMatch(
      /sidenote: audit draft sent: transcript-deidentified to .*\(127\.0\.0\.1:\d+, practice-network\), \d+ characters/,
    )
    expect(phi.filter((p) => boundary(p).test(r.err))).toEqual([])
  })

  it('refuses a hosted provider without a BAA with exit 2 and a clear message; nothing is sent', async () => {
    const r = await cli('draft', file, ...model(), '--locality', 'hosted')
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(/is a hosted provider and no Business Associate Agreement is recorded for it/)
    expect(fake.requests).toHaveLength(0)
    const remote = await cli(
      'draft',
      file,
      '--engine',
      'openai',
      '--base-url',
      'https://llm.example.com/v1',
      '--model',
      'm',
    )
    expect(remote.code).toBe(2)
    expect(remote.err).toMatch(/hosted provider/)
  })

  it('drafts through a hosted provider once a BAA is named, and refuses an expired one', async () => {
    const ok = await cli(
      'draft',
      file,
      '--json',
      ...model(),
      '--locality',
      'hosted',
      '--baa-reference',
      'BAA-7',
      '--baa-expires',
      '2999-01-01',
    )
    expect(ok.code).toBe(0)
    expect(Provenance.parse(Draft.parse(JSON.parse(ok.out)).engine.provenance).locality).toBe('hosted')
    const expired = await cli(
      'draft',
      file,
      ...model(),
      '--locality',
      'hosted',
      '--baa-reference',
      'BAA-7',
      '--baa-signed',
      '2020-01-01',
      '--baa-expires',
      '2021-01-01',
    )
    expect(expired.code).toBe(2)
    expect(expired.err).toMatch(/expired on 2021-01-01/)
  })

  it('refuses a Part 2 record unless the consent covers the provider', async () => {
    const refused = await cli('draft', file, ...model(), '--part2')
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/42 CFR Part 2/)
    expect(fake.requests).toHaveLength(0)
    expect((await cli('draft', file, ...model(), '--part2', '--part2-consent')).code).toBe(0)
  })

  it('reads the API key from the named environment variable and never prints it', async () => {
    process.env.SIDENOTE_TEST_MODEL_KEY = 'sk-test-not-a-secret'
    const r = await cli('draft', file, ...model(), '--api-key-env', 'SIDENOTE_TEST_MODEL_KEY', '--verbose')
    delete process.env.SIDENOTE_TEST_MODEL_KEY
    expect(r.code).toBe(0)
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-test-not-a-secret')
    expect(r.out + r.err).not.toContain('sk-test-not-a-secret')
    const unset = await cli('draft', file, ...model(), '--api-key-env', 'SIDENOTE_TEST_UNSET_VAR')
    expect(unset.code).toBe(2)
    expect(unset.err).toMatch(/SIDENOTE_TEST_UNSET_VAR is not set/)
  })

  it('names missing or invalid flags, all at once', async () => {
    const r = await cli('draft', file, '--engine', 'openai', '--base-url', 'ftp://x')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--base-url: expected an http\(s\) URL/)
    expect(r.err).toMatch(/--model: required with --engine openai/)
  })

  it('falls back to the embedded engine when the model keeps failing, and says so', async () => {
    fake.enqueue({ kind: 'chat', content: 'no json' }, { kind: 'chat', content: 'still no json' })
    const r = await cli('draft', file, ...model())
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Engine: embedded/)
    expect(r.out).toMatch(
      /Fell back to the embedded engine: the model's answer failed the output guard 2 times/,
    )
    expect(r.out).toMatch(/## Warnings\n.*the embedded engine wrote this draft instead/)
  })
})

describe('sidenote transcribe', () => {
  let fake: FakeOpenAi
  const dir = mkdtempSync(join(tmpdir(), 'sidenote-transcribe-'))
  const recording = () => {
    const path = join(dir, `session-${Math.random().toString(36).slice(2)}.wav`)
    writeFileSync(path, Buffer.alloc(4000))
    return path
  }
  const service = () => ['--base-url', fake.url, '--model', 'whisper-large-v3']

  beforeAll(async () => {
    fake = await startFakeOpenAi({
      kind: 'json',
      body: {
        text: 'How was the week? Better, I slept six hours.',
        segments: [
          { start: 0, end: 2, text: ' How was the week?', speaker: 'A' },
          { start: 2.5, end: 1500, text: ' Better, I slept six hours.', speaker: 'B' },
        ],
      },
    })
  })
  afterAll(() => fake.close())

  it('needs the consent on file before anything is sent', async () => {
    const audio = recording()
    const r = await cli('transcribe', audio, ...service())
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/consent to recording and AI transcription/)
    expect(fake.requests).toHaveLength(0)
    expect(existsSync(audio)).toBe(true)
  })

  it('transcribes, deletes the recording and writes stt-json that sidenote draft reads', async () => {
    const audio = recording()
    const out = join(dir, 'session.json')
    const r = await cli('transcribe', audio, ...service(), '--consent', '--out', out, '--verbose')
    expect(r.code).toBe(0)
    expect(existsSync(audio)).toBe(false)
    expect(r.err).toMatch(/audit transcription sent: audio to .*4000 bytes/)
    expect(r.err).toMatch(/deleted the recording session-/)
    expect(JSON.parse(readFileSync(out, 'utf8')).utterances).toHaveLength(2)
    const d = await cli('draft', out, '--roles', 'A=clinician,B=client', '--json')
    expect(d.code).toBe(0)
    expect(Draft.parse(JSON.parse(d.out)).transcript.minutes).toBe(25)
  })

  it('keeps the recording with --keep-audio, and refuses a hosted service without a BAA', async () => {
    const audio = recording()
    expect((await cli('transcribe', audio, ...service(), '--consent', '--keep-audio')).code).toBe(0)
    expect(existsSync(audio)).toBe(true)
    fake.requests.length = 0
    const hosted = await cli('transcribe', audio, ...service(), '--consent', '--locality', 'hosted')
    expect(hosted.code).toBe(2)
    expect(hosted.err).toMatch(/no Business Associate Agreement/)
    expect(fake.requests).toHaveLength(0)
    expect(existsSync(audio)).toBe(true)
  })
})
