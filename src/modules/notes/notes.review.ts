import type { ClinicianInput, Draft, Flag } from '../../core/drafting/draft.schema.js'
import { type EvidenceIndex, findOmissions, verifyStatement } from '../../core/grounding/index.js'
import { applyScopeGuard } from '../../core/guard/index.js'
import type { Transcript } from '../../core/transcript/index.js'
import { AppError } from '../../platform/errors.js'
import type {
  Blocker,
  DiffEntry,
  NoteDiff,
  NoteDraft,
  ResolveFlagInput,
  ReviewFlag,
  ReviewSection,
  ReviewStatement,
  StatementChangeInput,
} from './notes.schema.js'

/**
 * The review of a draft as pure functions: statement changes (each re-verified against its
 * evidence, and the scope guard re-run in flag mode), flag resolutions, what blocks signing, and
 * the statement-level diff from the AI draft. No I/O; the services load and store.
 */

/** Turn a verified engine Draft into a note draft: stable statement ids (s1, s2, ...), origin 'ai'. */
export function toNoteDraft(draft: Draft): NoteDraft {
  let n = 0
  const sections: ReviewSection[] = draft.sections.map((section) => ({
    ...section,
    statements: section.statements.map((s) => ({ ...s, id: `s${++n}`, origin: 'ai' as const })),
  }))
  const flags: ReviewFlag[] = draft.flags.map((f) => ({ ...f, ...statementIdOf(sections, f) }))
  return { ...draft, sections, flags, removed: [] }
}

function statementIdOf(sections: readonly ReviewSection[], flag: Flag): { statementId?: string } {
  if (flag.section === undefined || flag.statement === undefined) return {}
  const id = sections.find((s) => s.key === flag.section)?.statements[flag.statement]?.id
  return id ? { statementId: id } : {}
}

/** What still blocks signing: unsupported statements nobody confirmed, and unresolved scope flags. */
export function findBlockers(draft: NoteDraft): Blocker[] {
  const blockers: Blocker[] = []
  for (const section of draft.sections)
    section.statements.forEach((s, index) => {
      if (s.status === 'unsupported' && !s.resolution)
        blockers.push({ kind: 'unsupported-statement', section: section.key, index, statementId: s.id })
    })
  draft.flags.forEach((f, flagIndex) => {
    if (f.kind.startsWith('scope.') && !f.resolution)
      blockers.push({
        kind: 'scope-flag',
        flagIndex,
        flagKind: f.kind,
        section: f.section ?? null,
        statementId: f.statementId ?? null,
      })
  })
  return blockers
}

/** The reviewer and the moment of a change. */
export interface ReviewActor {
  userId: string
  at: string
}

/** The transcript a draft rests on, indexed, for re-verification. */
export interface ReviewEvidence {
  transcript: Transcript
  /** The evidence index for a draft: its clinician input and its risk flags count as evidence too. */
  index: (draft: Pick<NoteDraft, 'clinicianInput' | 'flags'>) => EvidenceIndex
}

function sectionOf(draft: NoteDraft, key: string): ReviewSection {
  const section = draft.sections.find((s) => s.key === key)
  if (!section)
    throw new AppError('VALIDATION_FAILED', 'The note has no section with this key.', { field: 'section' })
  return section
}

function statementAt(section: ReviewSection, index: number): ReviewStatement {
  const statement = section.statements[index]
  if (!statement)
    throw new AppError('VALIDATION_FAILED', 'The section has no statement at this index.', { field: 'index' })
  return statement
}

function nextId(draft: NoteDraft, prefix: 'a' | 'c'): string {
  const used =
    prefix === 'c'
      ? (draft.clinicianInput ?? []).map((c) => c.id)
      : [...draft.sections.flatMap((s) => s.statements.map((st) => st.id)), ...draft.removed.map((r) => r.id)]
  const max = used
    .filter((id) => id.startsWith(prefix))
    .map((id) => Number(id.slice(1)))
    .reduce((a, b) => Math.max(a, b), 0)
  return `${prefix}${max + 1}`
}

/** Evidence ids must name an utterance of the transcript or a clinician input of the draft. */
function checkEvidence(ids: readonly string[], evidence: ReviewEvidence, draft: NoteDraft): void {
  const utterances = new Set(evidence.transcript.utterances.map((u) => u.id))
  const inputs = new Set((draft.clinicianInput ?? []).map((c) => c.id))
  if (ids.some((id) => !utterances.has(id) && !inputs.has(id)))
    throw new AppError('VALIDATION_FAILED', 'An evidence id names no utterance of the transcript.', {
      field: 'evidence',
    })
}

/**
 * Re-run the scope guard in flag mode over the whole draft and keep the resolutions of findings
 * that are still there, on statements that did not change (`changed` lost theirs: a changed
 * statement is judged afresh). Risk flags and their resolutions are kept as they are.
 */
function rescanScope(draft: NoteDraft, transcript: Transcript, changed: ReadonlySet<string>): NoteDraft {
  const guarded = applyScopeGuard(
    draft,
    { utterances: transcript.utterances, clinicianInput: draft.clinicianInput },
    'flag',
  )
  const previous = new Map<string, ReviewFlag>()
  for (const f of draft.flags)
    if (f.kind.startsWith('scope.') && f.statementId && !changed.has(f.statementId))
      previous.set(`${f.statementId}|${f.kind}`, f)
  const scope: ReviewFlag[] = guarded.flags.map((f) => {
    const { statementId } = statementIdOf(draft.sections, f)
    const before = statementId ? previous.get(`${statementId}|${f.kind}`) : undefined
    return {
      ...f,
      ...(statementId ? { statementId } : {}),
      ...(before?.resolution ? { resolution: before.resolution } : {}),
    }
  })
  return { ...draft, flags: [...draft.flags.filter((f) => !f.kind.startsWith('scope.')), ...scope] }
}

/** Omissions are recomputed after every change: removing a statement can leave a risk unmentioned. */
function refreshOmissions(draft: NoteDraft, evidence: ReviewEvidence): NoteDraft {
  const riskFlags = draft.flags.filter((f) => f.kind.startsWith('risk.'))
  const index = evidence.index(draft)
  return { ...draft, omissions: findOmissions(draft, evidence.transcript, riskFlags, index) }
}

function replaceSection(draft: NoteDraft, key: string, statements: ReviewStatement[]): NoteDraft {
  return { ...draft, sections: draft.sections.map((s) => (s.key === key ? { ...s, statements } : s)) }
}

/**
 * Apply one statement change. edit: new text (and evidence), re-verified, any confirmation dropped;
 * remove: kept aside for the diff; confirm: an unsupported statement kept as written with a reason;
 * add: a new statement, verified against its evidence, or the clinician's own input when it cites none.
 */
export function changeStatement(
  draft: NoteDraft,
  change: StatementChangeInput,
  evidence: ReviewEvidence,
  by: ReviewActor,
): NoteDraft {
  const section = sectionOf(draft, change.section)
  const statements = [...section.statements]
  const changed = new Set<string>()
  let next: NoteDraft = draft

  if (change.action === 'edit') {
    const before = statementAt(section, change.index)
    let inputs = draft.clinicianInput
    let ids = change.evidence ?? before.evidence
    // A clinician's own statement is its own evidence: editing it edits that input.
    const own = ownInput(before, draft)
    if (own && change.evidence === undefined) {
      inputs = (draft.clinicianInput ?? []).map((c) => (c.id === own.id ? { ...c, text: change.text } : c))
      ids = [own.id]
    }
    next = { ...draft, ...(inputs ? { clinicianInput: inputs } : {}) }
    checkEvidence(ids, evidence, next)
    const { resolution: _dropped, ...rest } = before
    const verified = verifyStatement({ text: change.text, evidence: [...ids] }, evidence.index(next))
    statements[change.index] = {
      ...rest,
      ...verified,
      id: before.id,
      origin: before.origin === 'added' ? 'added' : 'edited',
    }
    changed.add(before.id)
    next = replaceSection(next, section.key, statements)
  } else if (change.action === 'remove') {
    const before = statementAt(section, change.index)
    statements.splice(change.index, 1)
    changed.add(before.id)
    next = replaceSection(draft, section.key, statements)
    next = {
      ...next,
      removed: [
        ...draft.removed,
        {
          id: before.id,
          section: section.key,
          text: before.text,
          origin: before.origin,
          reason: change.reason ?? null,
          by: by.userId,
          at: by.at,
        },
      ],
    }
  } else if (change.action === 'confirm') {
    const before = statementAt(section, change.index)
    if (before.status !== 'unsupported')
      throw new AppError(
        'CONFLICT',
        'Only an unsupported statement needs confirming; this one is supported.',
        {
          field: 'index',
        },
      )
    statements[change.index] = { ...before, resolution: { reason: change.reason, by: by.userId, at: by.at } }
    return replaceSection(draft, section.key, statements)
  } else {
    const at = change.index ?? statements.length
    if (at > statements.length)
      throw new AppError('VALIDATION_FAILED', 'The section has fewer statements than this index.', {
        field: 'index',
      })
    let ids = change.evidence
    let inputs = draft.clinicianInput
    if (!ids) {
      const input: ClinicianInput = {
        id: nextId(draft, 'c'),
        text: change.text,
        field: 'statement',
        author: by.userId,
      }
      inputs = [...(draft.clinicianInput ?? []), input]
      ids = [input.id]
    }
    next = { ...draft, ...(inputs ? { clinicianInput: inputs } : {}) }
    checkEvidence(ids, evidence, next)
    const verified = verifyStatement({ text: change.text, evidence: [...ids] }, evidence.index(next))
    const id = nextId(draft, 'a')
    statements.splice(at, 0, { ...verified, id, origin: 'added' })
    changed.add(id)
    next = replaceSection(next, section.key, statements)
  }
  return refreshOmissions(rescanScope(next, evidence.transcript, changed), evidence)
}

/** The clinician input a statement was added as, if it cites only that. */
function ownInput(statement: ReviewStatement, draft: NoteDraft): ClinicianInput | undefined {
  if (statement.origin !== 'added' || statement.evidence.length !== 1) return undefined
  const id = statement.evidence[0]!
  return (draft.clinicianInput ?? []).find((c) => c.id === id && c.field === 'statement')
}

/** Resolve a flag (confirm or dismiss) with a reason; a scope flag resolved no longer blocks signing. */
export function resolveFlag(draft: NoteDraft, input: ResolveFlagInput, by: ReviewActor): NoteDraft {
  const flag = draft.flags[input.flagIndex]
  if (!flag)
    throw new AppError('VALIDATION_FAILED', 'The note has no flag at this index.', { field: 'flagIndex' })
  const flags = [...draft.flags]
  flags[input.flagIndex] = {
    ...flag,
    resolution: { action: input.action, reason: input.reason, by: by.userId, at: by.at },
  }
  return { ...draft, flags }
}

/** A readable statement-level diff from the AI draft to the signed draft, section by section. */
export function diffDrafts(ai: NoteDraft, signed: NoteDraft): NoteDiff {
  const entries: DiffEntry[] = []
  const keys = [...new Set([...signed.sections.map((s) => s.key), ...ai.sections.map((s) => s.key)])]
  const lines: string[] = []
  for (const key of keys) {
    const before = ai.sections.find((s) => s.key === key)?.statements ?? []
    const after = signed.sections.find((s) => s.key === key)?.statements ?? []
    const title =
      signed.sections.find((s) => s.key === key)?.title ??
      ai.sections.find((s) => s.key === key)?.title ??
      key
    const kept = new Set(after.map((s) => s.id))
    const original = new Map(before.map((s) => [s.id, s]))
    const section: typeof entries = []
    let cursor = 0
    const flushRemoved = (untilIndex: number) => {
      for (; cursor < untilIndex; cursor++) {
        const s = before[cursor]!
        if (!kept.has(s.id))
          section.push({ section: key, change: 'removed', statementId: s.id, before: s.text, after: null })
      }
    }
    for (const s of after) {
      const was = original.get(s.id)
      if (!was) {
        section.push({ section: key, change: 'added', statementId: s.id, before: null, after: s.text })
        continue
      }
      flushRemoved(before.indexOf(was))
      cursor = Math.max(cursor, before.indexOf(was) + 1)
      section.push({
        section: key,
        change: was.text === s.text ? 'unchanged' : 'edited',
        statementId: s.id,
        before: was.text,
        after: s.text,
      })
    }
    flushRemoved(before.length)
    if (section.length === 0) continue
    lines.push(`## ${title}`)
    for (const e of section) {
      if (e.change === 'unchanged') lines.push(`  ${e.after}`)
      if (e.change === 'edited' || e.change === 'removed') lines.push(`- ${e.before}`)
      if (e.change === 'edited' || e.change === 'added') lines.push(`+ ${e.after}`)
    }
    entries.push(...section)
  }
  const count = (c: string) => entries.filter((e) => e.change === c).length
  return {
    entries,
    summary: {
      unchanged: count('unchanged'),
      edited: count('edited'),
      removed: count('removed'),
      added: count('added'),
    },
    text: lines.join('\n'),
  }
}
