import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'
import { Draft } from '../src/core/drafting/draft.schema.js'
import { loadSamples, SAMPLES_DIR } from './support/samples.js'

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

const dir = mkdtempSync(join(tmpdir(), 'sidenote-cli-'))
const transcript = join(SAMPLES_DIR, 's04.txt')
let draftPath = ''
let draft: Draft

describe('sidenote CLI', () => {
  beforeAll(async () => {
    const r = await cli('draft', transcript, '--format', 'dap', '--json')
    expect(r.code).toBe(0)
    draft = Draft.parse(JSON.parse(r.out))
    draftPath = join(dir, 'draft.json')
    writeFileSync(draftPath, r.out)
  })

  it('draft --json prints the contract: format, engine, transcript, sections with evidence, flags, billing', () => {
    expect(draft.format).toBe('dap')
    expect(draft.engine).toMatchObject({ name: 'embedded' })
    expect(draft.transcript.minutes).toBe(30)
    expect(draft.sections.map((s) => s.key)).toEqual(['data', 'assessment', 'plan'])
    for (const st of draft.sections.flatMap((s) => s.statements))
      expect(st.evidence.length).toBeGreaterThan(0)
    expect(draft.billing?.suggested).toEqual(['90832'])
    expect(draft.flags.some((f) => f.kind === 'risk.overdose_risk' && f.polarity === 'positive')).toBe(true)
  })

  it('draft prints a readable note by default', async () => {
    const r = await cli('draft', transcript)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/## Subjective/)
    expect(r.out).toMatch(/## Risk flags/)
    expect(r.out).toMatch(/\[u\d+/)
  })

  it('verify reads a draft back in the same shape and recomputes every status', async () => {
    const stripped = {
      ...draft,
      sections: draft.sections.map((s) => ({
        ...s,
        statements: s.statements.map(({ text, evidence }) => ({ text, evidence })),
      })),
    }
    const path = join(dir, 'stripped.json')
    writeFileSync(path, JSON.stringify(stripped))
    const r = await cli('verify', transcript, path, '--json')
    expect([0, 1]).toContain(r.code)
    const verified = Draft.parse(JSON.parse(r.out))
    expect(verified.sections.map((s) => s.statements.length)).toEqual(
      draft.sections.map((s) => s.statements.length),
    )
    for (const st of verified.sections.flatMap((s) => s.statements)) {
      expect(st.status).toBeDefined()
      expect(st.support).toBeGreaterThanOrEqual(0)
    }
    expect(Array.isArray(verified.omissions)).toBe(true)
  })

  it('verify exits 1 when a statement is fabricated, and says why', async () => {
    const fabricated = structuredClone(draft)
    const ev = fabricated.sections[0]!.statements[0]!.evidence
    fabricated.sections[0]!.statements.push({
      text: 'Client reported taking 40 mg of sertraline daily.',
      evidence: ev,
    })
    const path = join(dir, 'fabricated.json')
    writeFileSync(path, JSON.stringify(fabricated))
    const r = await cli('verify', transcript, path, '--json')
    expect(r.code).toBe(1)
    const verified = Draft.parse(JSON.parse(r.out))
    const st = verified.sections[0]!.statements.at(-1)!
    expect(st.status).toBe('unsupported')
    expect(st.reasons?.join(' ')).toMatch(/sertraline|40/)
  })

  it('exits 2 with a clear message for unusable input, without transcript text', async () => {
    const missing = await cli('draft', join(dir, 'nope.vtt'))
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/Cannot read the transcript/)

    const empty = join(dir, 'empty.txt')
    writeFileSync(empty, '   \n')
    const r = await cli('draft', empty)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^sidenote: /)

    const badJson = join(dir, 'bad.json')
    writeFileSync(badJson, '{"format": "dap", "sections": 3}')
    const v = await cli('verify', transcript, badJson)
    expect(v.code).toBe(2)
    expect(v.err).toMatch(/contract at "engine"|contract at "sections"|contract at/)

    const opt = await cli('draft', transcript, '--format', 'essay')
    expect(opt.code).toBe(2)
    expect(opt.err).toMatch(/--format/)
  })

  it('never prints identifiers of the transcript in error messages', async () => {
    const sample = loadSamples().find((s) => s.id === 's09')!
    const broken = join(dir, 'broken.vtt')
    writeFileSync(
      broken,
      `WEBVTT\n\n1\n00:00:01.000 --> 00:00:xx\n${readFileSync(sample.path, 'utf8').slice(0, 300)}`,
    )
    const r = await cli('draft', broken)
    expect(r.code).toBe(2)
    for (const phi of sample.gold.phi) expect(r.err).not.toContain(phi.text)
  })

  it('formats lists transcript and note formats', async () => {
    const r = await cli('formats', '--json')
    expect(r.code).toBe(0)
    const parsed = JSON.parse(r.out) as { transcripts: { id: string }[]; notes: { id: string }[] }
    expect(parsed.transcripts.map((t) => t.id)).toContain('teams-vtt')
    expect(parsed.notes.map((n) => n.id)).toEqual([
      'soap',
      'dap',
      'birp',
      'girp',
      'pie',
      'intake',
      'family',
      'group',
      'supervision',
    ])
  })

  it('deid --json prints text and spans with offsets into the original', async () => {
    const r = await cli('deid', join(SAMPLES_DIR, 's09.txt'), '--json')
    expect(r.code).toBe(0)
    const { text, spans } = JSON.parse(r.out) as {
      text: string
      spans: { start: number; end: number; text: string }[]
    }
    const original = readFileSync(join(SAMPLES_DIR, 's09.txt'), 'utf8')
    expect(text).not.toContain('SZCZEPANSKI')
    for (const s of spans.slice(0, 20)) expect(original.slice(s.start, s.end)).toBe(s.text)
  })
})

describe('bin/sidenote', () => {
  it('runs from a checkout as a real process, with documented exit codes', async () => {
    const { spawnSync } = await import('node:child_process')
    const bin = join(import.meta.dirname, '..', 'bin', 'sidenote')
    const ok = spawnSync(bin, ['formats'], { encoding: 'utf8' })
    expect(ok.status).toBe(0)
    expect(ok.stdout).toMatch(/Zoom WebVTT/)
    const bad = spawnSync(bin, ['draft', '/nonexistent/file.vtt'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/^sidenote: Cannot read/)
  })
})

describe('sidenote verify and the scope guard', () => {
  it('flags a clinical determination nobody stated, and exits 1', async () => {
    const r0 = await cli('draft', join(SAMPLES_DIR, 's01.vtt'), '--json')
    const d = Draft.parse(JSON.parse(r0.out))
    const ev = d.sections[0]!.statements[0]!.evidence
    d.sections[2]!.statements.push({
      text: 'Client meets criteria for major depressive disorder (F32.1).',
      evidence: ev,
    })
    const path = join(dir, 'scope.json')
    writeFileSync(path, JSON.stringify(d))
    const r = await cli('verify', join(SAMPLES_DIR, 's01.vtt'), path, '--json')
    expect(r.code).toBe(1)
    const v = Draft.parse(JSON.parse(r.out))
    expect(v.flags.some((f) => f.kind === 'scope.diagnosis')).toBe(true)
  })
})
