// @vitest-environment node
// The web app's two budgets, measured: the JavaScript index.html loads (≤ 250 KB gzipped), and the
// review screen of the longest sample transcript interactive in under a second — from navigation
// start to the statements rendered and focusable, as the browser's performance timeline says.
// With SIDENOTE_SCREENSHOTS=<folder> it also saves the review screen as review.png there.
import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import {
  createClientByApi,
  newContext,
  ROOT,
  SAMPLES_DIR,
  signIn,
  WEB_DIST,
  withServerAndBrowser,
} from './browser.js'

const e2e = withServerAndBrowser()

const BUDGET_BYTES = 250 * 1024

test('the JavaScript index.html loads is at most 250 KB gzipped', () => {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8')
  const urls = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((m) => m[1]!)
  expect(urls.length).toBeGreaterThan(0)
  let raw = 0
  let gzipped = 0
  for (const url of new Set(urls)) {
    const body = readFileSync(join(WEB_DIST, url.replace(/^\//, '')))
    raw += body.length
    gzipped += gzipSync(body, { level: 9 }).length
    // React's production build: its development build carries these warnings (and double effects).
    expect(body.includes('Each child in a list should have a unique'), `${url} is a development build`).toBe(
      false,
    )
  }
  console.log(
    `first-load JavaScript: ${urls.length} file(s), ${(raw / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget 250 KB)`,
  )
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES)
})

test('the review screen of the longest sample is interactive in under 1 s', async () => {
  const context = await newContext(e2e.browser, e2e.server.baseUrl)
  const page = await context.newPage()
  await signIn(page, e2e.server.logins.clinician!)

  // A client with AI consent, through the API as the signed-in user (the flow test covers the forms).
  const clientId = await createClientByApi(page, 'Perf Test Client')

  // The longest sample by size: s07, a 50-minute family session (302 cues, about 240 utterances).
  await page.goto(`/clients/${clientId}/sessions/new`)
  await page.getByLabel('Service').selectOption('family-without-patient')
  await page.getByLabel('Note format').selectOption('family')
  await page.locator('#session-file').setInputFiles(join(SAMPLES_DIR, 's07.vtt'))
  await page.getByRole('button', { name: 'Draft the note' }).click()
  // Drafting on a busy machine takes a while; a failure shows as an alert on the screen.
  const alert = page.getByRole('alert')
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/, { timeout: 150_000 }).catch(async (e: unknown) => {
    throw new Error(`drafting did not open the review: ${(await alert.allTextContents()).join(' ')}`, {
      cause: e,
    })
  })
  const notePath = new URL(page.url()).pathname
  await page.locator('[data-statement]').first().waitFor({ timeout: 30_000 })
  // The transcript comes from its own route, beside the statements: wait for it too.
  await page.locator('.utterance').nth(200).waitFor({ timeout: 30_000 })
  const utterances = await page.locator('.utterance').count()
  expect(utterances).toBeGreaterThan(200)

  // Fresh navigations to the review screen: the app marks `review-interactive` once the
  // statements are rendered and focusable; the test also focuses one to prove it.
  const runs: number[] = []
  for (let i = 0; i < 5; i++) {
    await page.goto(notePath)
    const first = page.locator('[data-statement]').first()
    await first.waitFor()
    const mark = await page.evaluate(() => {
      const entry = performance.getEntriesByName('review-interactive')[0]
      return entry ? entry.startTime : null
    })
    expect(mark).not.toBeNull()
    await first.focus()
    expect(
      await first.evaluate(
        (el) =>
          (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement === el,
      ),
    ).toBe(true)
    runs.push(mark!)
  }
  const sorted = [...runs].sort((a, b) => a - b)
  console.log(
    `review screen, s07 (${utterances} utterances): interactive at ${runs.map((r) => r.toFixed(0)).join(', ')} ms after navigation start (median ${sorted[2]!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms)`,
  )
  // The median of five: the machine is shared, and one run may land behind another process.
  expect(sorted[2]!).toBeLessThan(1000)

  const shots = process.env.SIDENOTE_SCREENSHOTS
  if (shots) {
    const dir = resolve(ROOT, shots)
    mkdirSync(dir, { recursive: true })
    await page.setViewportSize({ width: 1440, height: 1100 })
    const statement = page.locator('[data-statement]').nth(3)
    await statement.focus()
    await page.mouse.move(0, 0)
    await page.waitForTimeout(600)
    await page.screenshot({ path: join(dir, 'review.png') })
  }
  await context.close()
}, 240_000)
