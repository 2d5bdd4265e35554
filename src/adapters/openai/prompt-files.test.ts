import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NoteFormat } from '../../core/drafting/draft.schema.js'
import { FORMATS } from '../../core/drafting/formats.js'
import { sha256Hex } from '../../platform/ids.js'
import { loadDraftPrompts, PROMPTS_DIR, readPromptFiles } from './prompt-files.js'

describe('drafting prompts', () => {
  const prompt = loadDraftPrompts()

  it('has a versioned file for every note format and a shared system prompt', () => {
    const names = readPromptFiles().map((f) => f.name)
    expect(names).toContain('system')
    for (const format of NoteFormat.options) expect(names).toContain(format)
  })

  it('hashes exactly the instructions sent: system prompt then the format prompt', () => {
    for (const format of NoteFormat.options) {
      const p = prompt(format)
      expect(p.version).toBe(`system.v1+${format}.v1`)
      const system = readFileSync(join(PROMPTS_DIR, 'system.v1.md'), 'utf8').trim()
      const own = readFileSync(join(PROMPTS_DIR, `${format}.v1.md`), 'utf8').trim()
      expect(p.text).toBe(`${system}\n\n${own}\n`)
      expect(p.sha256).toBe(sha256Hex(p.text))
    }
  })

  it('names every section key of its format (the prompt and the answer schema agree)', () => {
    for (const format of NoteFormat.options)
      for (const section of FORMATS[format].sections)
        expect(prompt(format).text, format).toContain(`\`${section.key}\``)
  })

  it('takes the newest version of each file and fails fast on a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidenote-prompts-'))
    writeFileSync(join(dir, 'system.v1.md'), 'old rules')
    writeFileSync(join(dir, 'system.v2.md'), 'new rules')
    writeFileSync(join(dir, 'notes.txt'), 'not a prompt')
    for (const format of NoteFormat.options) writeFileSync(join(dir, `${format}.v1.md`), format)
    const p = loadDraftPrompts(dir)('soap')
    expect(p.version).toBe('system.v2+soap.v1')
    expect(p.text).toBe('new rules\n\nsoap\n')
    const partial = mkdtempSync(join(tmpdir(), 'sidenote-prompts-'))
    writeFileSync(join(partial, 'system.v1.md'), 'rules')
    expect(() => loadDraftPrompts(partial)).toThrow(/Prompt files missing .*soap/)
  })
})
