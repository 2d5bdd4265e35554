// @vitest-environment node
// A session recorded as audio, through the web app in Debian's Chromium against the real server:
// the practice's speech-to-text service (a fake OpenAI-compatible server on loopback, the only
// stand-in) registered by the admin, the consent gate naming that service, the consent recorded
// by ticking it, the recording uploaded, transcribed once, and the draft opened for review.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { FAKE_WAV, type FakeOpenAi, startFakeOpenAi, sttTranscription } from '../support/fake-openai.js'
import {
  createClientByApi,
  csrfHeaders,
  newContext,
  SAMPLES_DIR,
  seriousAxeViolations,
  signIn,
  withServerAndBrowser,
} from './browser.js'

const e2e = withServerAndBrowser()
let fake: FakeOpenAi

beforeAll(async () => {
  const sample = readFileSync(join(SAMPLES_DIR, 's01.vtt'))
  fake = await startFakeOpenAi((request) =>
    request.path.endsWith('/audio/transcriptions')
      ? { kind: 'json', body: sttTranscription(sample) }
      : { kind: 'status', status: 503 },
  )
})
afterAll(async () => {
  await fake?.close()
})

test('a clinician drafts a note from a session recording: consent naming the service first, sent once', async () => {
  // The admin registers the office's speech-to-text server.
  const adminContext = await newContext(e2e.browser, e2e.server.baseUrl)
  const admin = await adminContext.newPage()
  await signIn(admin, e2e.server.logins.admin!)
  const registered = await admin.request.post('/api/providers', {
    headers: await csrfHeaders(admin),
    data: {
      id: 'office-whisper',
      name: 'Office speech-to-text',
      baseUrl: fake.url,
      model: 'whisper-large-v3',
      locality: 'practice-network',
    },
  })
  expect(registered.status()).toBe(201)
  await adminContext.close()

  const context = await newContext(e2e.browser, e2e.server.baseUrl)
  const page = await context.newPage()
  await signIn(page, e2e.server.logins.clinician!)
  const clientId = await createClientByApi(page, 'Ottoline Brackenbury', false)

  // No consent to recordings yet: the screen says so and sends nothing.
  await page.goto(`/clients/${clientId}/sessions/new`)
  await page.getByRole('heading', { name: 'New session', level: 1 }).waitFor()
  await page.getByLabel(/A session recording \(audio\)/).check()
  await page.getByText('Consent is needed first.').waitFor()
  await page.getByText(/session recordings that names "Office speech-to-text"/).waitFor()
  expect(await page.getByRole('button', { name: 'Draft the note' }).isDisabled()).toBe(true)
  expect(await seriousAxeViolations(page)).toEqual([])

  // The consent is recorded by ticking the service the practice registered.
  await page.getByRole('link', { name: 'Record consent on the client page' }).click()
  await page.getByRole('button', { name: 'Record a consent' }).click()
  await page.getByLabel('Session recordings (audio)').check()
  await page.getByLabel(/^Office speech-to-text/).check()
  expect(await seriousAxeViolations(page)).toEqual([])
  await page.getByLabel('Signed by (as on the form)').fill('Ottoline Brackenbury')
  await page.getByRole('button', { name: 'Record consent' }).click()
  await page.getByText('Active', { exact: true }).waitFor()
  await page.getByText(/recordings; providers: office-whisper/).waitFor()

  // The recording goes to the service once; the draft opens for review.
  await page.goto(`/clients/${clientId}/sessions/new`)
  await page.getByRole('heading', { name: 'New session', level: 1 }).waitFor()
  await page.getByLabel(/A session recording \(audio\)/).check()
  expect(await page.getByLabel('Speech-to-text service', { exact: true }).inputValue()).toBe('office-whisper')
  await page
    .locator('#session-file')
    .setInputFiles({ name: 'session.wav', mimeType: 'audio/wav', buffer: FAKE_WAV })
  await page.getByText('Chosen: session.wav').waitFor()
  expect(await page.getByText('Consent is needed first.').count()).toBe(0)
  expect(await seriousAxeViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Draft the note' }).click()
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/, { timeout: 60_000 })
  await page.getByRole('heading', { name: 'Subjective' }).waitFor()

  const sent = fake.requests.filter((r) => r.path.endsWith('/audio/transcriptions'))
  expect(sent).toHaveLength(1)
  expect(sent[0]!.body.includes(FAKE_WAV)).toBe(true)
  // The drafting itself stayed in-process: nothing else reached the outside service.
  expect(fake.requests).toHaveLength(1)
  await context.close()
}, 120_000)
