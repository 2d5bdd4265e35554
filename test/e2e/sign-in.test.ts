// @vitest-environment node
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  ensureWebBuilt,
  launchBrowser,
  newContext,
  type RunningServer,
  seriousAxeViolations,
  signIn,
  startServer,
} from './browser.js'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  await ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('sign in and enrol MFA', async () => {
  const context = await newContext(browser, server.baseUrl)
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('heading', { name: 'Sign in' }).waitFor()
  expect(await seriousAxeViolations(page)).toEqual([])
  const secret = await signIn(page, server.logins.clinician!)
  expect(secret).toBeTruthy()
  expect(await page.title()).toMatch(/— Sidenote$/)
  expect(await seriousAxeViolations(page)).toEqual([])
  await context.close()
}, 60_000)
