import type { ClinicianInput, Draft, Flag, Statement } from '../drafting/draft.schema.js'
import {
  findDiagnoses,
  findDiagnosticCodes,
  findMedicationClasses,
  findMedications,
} from '../lexicon/index.js'
import { contentStems, normalizeText, splitSentences } from '../text/index.js'
import { isClinicianSide, type Utterance } from '../transcript/utterance.js'
import {
  ACTION_FAMILIES,
  ADVICE,
  ASKING,
  CLINICIAN_VOICE,
  DIAGNOSIS_CANON,
  DOSE_WORDS,
  MEDICATION_ACTION,
  RECOMMEND,
  REFERRAL,
  REPORTED_BY,
  type ScopeKind,
  TENTATIVE,
} from './scope-lexicon.js'

/** What the scope guard checks statements against: the transcript and the clinician's own input. */
export interface ScopeContext {
  utterances: readonly Utterance[]
  clinicianInput?: readonly ClinicianInput[] | undefined
}

/** Where a statement sits in a draft, so a reviewer can find a flag. */
export interface ScopeLocation {
  section: string
  statement: number
}

/** A statement the guard removed, and why. */
export interface RemovedStatement {
  section: string
  text: string
  reason: string
}

/** The result of applying the scope guard to a draft. */
export interface ScopeResult {
  draft: Draft
  removed: RemovedStatement[]
  flags: Flag[]
}

/** One sentence of evidence and whose words it is. */
interface EvidenceSentence {
  text: string
  clinician: boolean
  asking: boolean
}

/** A clinical determination found in a statement. */
interface Finding {
  kind: ScopeKind
  excerpt: string
  /** Does this evidence sentence (or the pooled evidence text) say it too? */
  supportedBy: (pool: string, sentences: readonly EvidenceSentence[]) => boolean
  what: string
  /** Extra reason when the evidence says it only tentatively or only as a question. */
  why?: (sentences: readonly EvidenceSentence[]) => string | undefined
}

function canonDiagnosis(term: string): string {
  const t = term
    .toLowerCase()
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .replace('post traumatic', 'posttraumatic')
  return DIAGNOSIS_CANON.get(t) ?? DIAGNOSIS_CANON.get(term.toLowerCase()) ?? t
}

function diagnosesIn(text: string): Set<string> {
  return new Set(findDiagnoses(text).map((d) => canonDiagnosis(d.term)))
}

function medsIn(text: string): Set<string> {
  return new Set([...findMedications(text), ...findMedicationClasses(text)].map((m) => m.term))
}

function stemsIn(text: string): Set<string> {
  return new Set(contentStems(text))
}

/** Share of a clause's content words that the evidence also has. */
function coverage(clause: string, pool: string): number {
  const want = [...new Set(contentStems(clause))]
  if (want.length === 0) return 1
  const have = stemsIn(pool)
  return want.filter((s) => have.has(s)).length / want.length
}

const CONTENT_COVERAGE = 0.6

function isAsking(sentence: string): boolean {
  return (
    /\?\s*["')]*$/.test(sentence) ||
    /^\W*(?:do i have|could (?:it|this|that) be|maybe i have|i wonder(?:ed)? (?:if|whether))\b/i.test(
      sentence,
    )
  )
}

const RELATIVE =
  /\b(?:mother|father|mom|dad|sister|brother|son|daughter|husband|wife|partner|cousin|aunt|uncle|grandmother|grandfather|grandparent|friend|roommate|family history|fhx)\b/i
const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|me|my diagnosis|diagnosed me)\b/i

/** The clause naming the diagnosis is about the speaker ("I was diagnosed with ...", not "my sister has ..."). */
function saysOwn(text: string, term: string): boolean {
  const clause = text.split(/[,;:]| but | and | so /).find((c) => diagnosesIn(c).has(term)) ?? text
  return FIRST_PERSON.test(clause) && !RELATIVE.test(clause)
}

function diagnosisFindings(sentence: string): Finding[] {
  // A statement that reports a question ("asked whether she has OCD") states no diagnosis.
  if (ASKING.test(sentence)) return []
  const out: Finding[] = []
  const tentativeHere = TENTATIVE.test(sentence)
  // A client's "my sister has OCD" supports "Client reported that her sister has OCD", never a
  // diagnosis of the client: the client's words must be about herself unless the statement names the relative.
  const aboutRelative = RELATIVE.test(sentence)
  for (const term of diagnosesIn(sentence)) {
    const ownWords = (s: EvidenceSentence) => s.clinician || aboutRelative || saysOwn(s.text, term)
    const hits = (sentences: readonly EvidenceSentence[]) =>
      sentences.filter((s) => diagnosesIn(s.text).has(term))
    out.push({
      kind: 'diagnosis',
      excerpt: sentence,
      what: `diagnosis "${term}"`,
      supportedBy: (_pool, sentences) =>
        hits(sentences).some((s) => !s.asking && ownWords(s) && (tentativeHere || !TENTATIVE.test(s.text))),
      why: (sentences) => {
        const h = hits(sentences)
        if (h.length === 0) return undefined
        if (h.every((s) => s.asking)) return 'the evidence only asks about it'
        if (!tentativeHere && h.some((s) => TENTATIVE.test(s.text)))
          return 'the evidence states it only as tentative (rule-out)'
        return undefined
      },
    })
  }
  for (const code of new Set(findDiagnosticCodes(sentence).map((c) => c.term))) {
    out.push({
      kind: 'diagnostic_code',
      excerpt: sentence,
      what: `diagnostic code ${code}`,
      supportedBy: (pool) => findDiagnosticCodes(pool).some((c) => c.term === code),
    })
  }
  return out
}

function treatmentFindings(sentence: string): Finding[] {
  const out: Finding[] = []
  const meds = medsIn(sentence)
  if (MEDICATION_ACTION.test(sentence) && (meds.size > 0 || DOSE_WORDS.test(sentence))) {
    const families = ACTION_FAMILIES.filter((f) => f.pattern.test(sentence))
    out.push({
      kind: 'treatment_recommendation',
      excerpt: sentence,
      what: meds.size > 0 ? `a change to ${[...meds].join(', ')}` : 'a medication change',
      supportedBy: (pool) => {
        const have = medsIn(pool)
        if (![...meds].every((m) => have.has(m))) return false
        return families.length > 0 ? families.some((f) => f.pattern.test(pool)) : MEDICATION_ACTION.test(pool)
      },
    })
  }
  for (const m of sentence.matchAll(REFERRAL)) {
    const target = m[0]
    out.push({
      kind: 'treatment_recommendation',
      excerpt: sentence,
      what: `"${target.trim()}"`,
      supportedBy: (pool) => coverage(target.replace(/^refer\w*\s+(?:to|for)\s+/i, ''), pool) >= 0.5,
    })
  }
  const rec = RECOMMEND.exec(sentence)
  if (rec && out.length === 0) {
    const rest = sentence.slice(rec.index + rec[0].length)
    out.push({
      kind: 'treatment_recommendation',
      excerpt: sentence,
      what: 'a recommendation',
      supportedBy: (pool) => coverage(rest, pool) >= CONTENT_COVERAGE,
    })
  }
  return out
}

function adviceFindings(sentence: string): Finding[] {
  const out: Finding[] = []
  for (const m of sentence.matchAll(ADVICE)) {
    if (/^(?:[A-Z][a-z]+)$/.test(m[0].split(' ')[0] ?? '') && CLINICIAN_VOICE.test(m[0])) continue
    const rest = sentence.slice(m.index + m[0].length)
    out.push({
      kind: 'clinical_advice',
      excerpt: sentence,
      what: 'advice to the client',
      supportedBy: (pool) => coverage(rest, pool) >= CONTENT_COVERAGE,
    })
    break
  }
  return out
}

/** Who the statement says the finding comes from. */
function voiceOf(sentence: string): 'client-report' | 'clinician' | 'none' {
  const m = REPORTED_BY.exec(sentence)
  if (m && !CLINICIAN_VOICE.test(m[0])) return 'client-report'
  if (CLINICIAN_VOICE.test(sentence)) return 'clinician'
  return 'none'
}

function evidenceSentences(statement: Statement, context: ScopeContext): EvidenceSentence[] {
  const byId = new Map(context.utterances.map((u) => [u.id, u]))
  const inputs = new Map((context.clinicianInput ?? []).map((c) => [c.id, c]))
  const out: EvidenceSentence[] = []
  for (const id of statement.evidence) {
    const u = byId.get(id)
    const text = u?.text ?? inputs.get(id)?.text
    if (text === undefined) continue
    const clinician = u ? isClinicianSide(u.role) : true
    for (const s of splitSentences(normalizeText(text)))
      out.push({ text: s.text, clinician, asking: isAsking(s.text) })
  }
  return out
}

/**
 * Find clinical determinations in one drafted statement that nobody in the session made: a diagnosis,
 * a diagnostic code, a treatment recommendation or clinical advice. A finding is allowed when a
 * clinician-side evidence utterance (or cited clinician input) says it, or when a client's or
 * family member's evidence says it and the statement presents it as their report.
 */
export function scanStatement(statement: Statement, context: ScopeContext, location?: ScopeLocation): Flag[] {
  const evidence = evidenceSentences(statement, context)
  const clinicianSentences = evidence.filter((s) => s.clinician)
  const clientSentences = evidence.filter((s) => !s.clinician && !s.asking)
  const clinicianPool = clinicianSentences.map((s) => s.text).join(' ')
  const clientPool = clientSentences.map((s) => s.text).join(' ')
  const flags: Flag[] = []
  const seen = new Set<ScopeKind>()
  for (const s of splitSentences(normalizeText(statement.text))) {
    const sentence = statement.text.slice(s.start, s.end)
    const findings = [
      ...diagnosisFindings(sentence),
      ...treatmentFindings(sentence),
      ...adviceFindings(sentence),
    ]
    const voice = voiceOf(sentence)
    for (const f of findings) {
      if (f.supportedBy(clinicianPool, clinicianSentences)) continue
      if (voice === 'client-report' && f.supportedBy(clientPool, clientSentences)) continue
      if (seen.has(f.kind)) continue
      seen.add(f.kind)
      const clientSays = f.supportedBy(clientPool, clientSentences)
      const extra =
        f.why?.(evidence) ??
        (clientSays
          ? 'the client said it: present it as the client\'s report ("Client reported ...")'
          : undefined)
      flags.push({
        kind: `scope.${f.kind}`,
        evidence: [...statement.evidence],
        excerpt: f.excerpt,
        ...(location ? { section: location.section, statement: location.statement } : {}),
        note: `${f.what} is not stated by a clinician in the cited evidence${extra ? `; ${extra}` : ''}`,
      })
    }
  }
  return flags
}

/**
 * Apply the scope guard to a whole draft. `remove` (the embedded engine) drops offending statements
 * and reports them; `flag` (model output, clinician edits) keeps them and adds the flags to the
 * draft, which blocks signing until a clinician resolves them. Flags locate statements by their
 * index in the draft as given.
 */
export function applyScopeGuard(draft: Draft, context: ScopeContext, mode: 'remove' | 'flag'): ScopeResult {
  const ctx: ScopeContext = { ...context, clinicianInput: context.clinicianInput ?? draft.clinicianInput }
  const flags: Flag[] = []
  const removed: RemovedStatement[] = []
  const sections = draft.sections.map((section) => {
    const kept: Statement[] = []
    section.statements.forEach((statement, k) => {
      const found = scanStatement(statement, ctx, { section: section.key, statement: k })
      flags.push(...found)
      if (found.length > 0 && mode === 'remove')
        removed.push({
          section: section.key,
          text: statement.text,
          reason: found.map((f) => f.note).join('; '),
        })
      else kept.push(statement)
    })
    return { ...section, statements: kept }
  })
  const otherFlags = draft.flags.filter((f) => !f.kind.startsWith('scope.'))
  return {
    draft: { ...draft, sections, flags: mode === 'flag' ? [...otherFlags, ...flags] : otherFlags },
    removed,
    flags,
  }
}
