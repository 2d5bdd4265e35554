import type { Draft } from '../core/drafting/draft.schema.js'

const STATUS_MARK: Record<string, string> = {
  supported: '✓',
  unsupported: '✗',
  'clinician-input': '✎',
}

/** The human-readable view of a draft: sections with evidence markers, flags, omissions, billing. */
export function renderDraft(draft: Draft, options: { title?: string } = {}): string {
  const lines: string[] = []
  const t = draft.transcript
  lines.push(
    options.title ?? `${draft.format.toUpperCase()} note (draft — for the clinician to review and sign)`,
  )
  lines.push(
    `Engine: ${draft.engine.name} ${draft.engine.version} · ${t.utterances} utterances · ${
      t.minutes === null ? 'length not documented' : `${t.minutes} minutes`
    }`,
  )
  lines.push(`Speakers: ${t.speakers.map((s) => `${s.label} (${s.role})`).join(', ')}`)
  for (const section of draft.sections) {
    lines.push('', `## ${section.title}`)
    if (section.statements.length === 0) lines.push(`  ${section.note ?? 'Not addressed in this session.'}`)
    for (const s of section.statements) {
      const mark = s.status ? (STATUS_MARK[s.status] ?? '?') : '·'
      const support = s.support === undefined ? '' : ` ${s.support.toFixed(2)}`
      lines.push(`  ${mark} ${s.text} [${s.evidence.join(', ') || 'no evidence'}]${support}`)
      if (s.status === 'unsupported' && s.reasons?.length)
        lines.push(`      unsupported: ${s.reasons.join('; ')}`)
    }
  }
  const risk = draft.flags.filter((f) => f.kind.startsWith('risk.'))
  const scope = draft.flags.filter((f) => f.kind.startsWith('scope.'))
  lines.push('', '## Risk flags (for the clinician; Sidenote takes no action)')
  if (risk.length === 0) lines.push('  None found.')
  for (const f of risk)
    lines.push(
      `  ${f.polarity === 'denied' ? 'DENIED ' : 'POSITIVE'} ${f.kind}${f.subject ? ` (${f.subject})` : ''} [${f.evidence.join(', ')}]: "${f.excerpt}"`,
    )
  if (scope.length > 0) {
    lines.push('', '## Scope flags (clinical determinations nobody in the session stated)')
    for (const f of scope)
      lines.push(`  ${f.kind} [${f.evidence.join(', ')}]: "${f.excerpt}"${f.note ? ` — ${f.note}` : ''}`)
  }
  if (draft.omissions && draft.omissions.length > 0) {
    lines.push('', '## Possible omissions (in the session, not in the draft)')
    for (const o of draft.omissions) lines.push(`  ${o.kind} [${o.evidence.join(', ')}]: "${o.excerpt}"`)
  }
  if (draft.billing) {
    const b = draft.billing
    lines.push('', '## Billing suggestion')
    lines.push(`  ${b.suggested.length > 0 ? b.suggested.join(', ') : 'no code'} — ${b.rationale}`)
    for (const a of b.addOns) lines.push(`  add-on ${a.code}: ${a.note}`)
  }
  if (draft.warnings.length > 0) {
    lines.push('', '## Warnings')
    for (const w of draft.warnings) lines.push(`  ${w}`)
  }
  const statements = draft.sections.flatMap((s) => s.statements)
  const unsupported = statements.filter((s) => s.status === 'unsupported').length
  lines.push(
    '',
    `${statements.length} statements, ${unsupported} unsupported. ✓ supported  ✗ unsupported  ✎ clinician input`,
  )
  return `${lines.join('\n')}\n`
}
