/**
 * Fabrication evaluation: inject fabricated statements into drafts of the sample transcripts and
 * measure how many the verifier catches, and how many true statements it flags.
 *
 *   npx tsx scripts/eval/fabrication.ts [--seed N] [--per-type N] [--engine] [--sweep] [--mts] [--verbose]
 *
 * --engine drafts with the embedded engine once it has landed (the stand-in otherwise), --sweep
 * prints catch and false-alarm rates for support thresholds 0.2–0.8, --mts correlates the
 * unsupported rate with MTS-Dialog's human hallucination scores.
 *
 * The injector keeps its own vocabulary (medications, events, units, number words) and takes
 * people's names from the gold files, not from the verifier's lexicons, so that a catch means
 * the verifier found the statement unsupported by its evidence, not that it recognised the
 * injector's words. Injections go only into statements the verifier accepts as they are, so a
 * catch is never inherited from a false alarm.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Draft, NoteFormat, Statement } from '../../src/core/drafting/draft.schema.js'
import { indexEvidence, verifyStatement } from '../../src/core/grounding/index.js'
import { draftNote } from '../../src/core/pipeline/index.js'
import { contentStems, splitSentences } from '../../src/core/text/index.js'
import { parseTranscript, type Transcript } from '../../src/core/transcript/index.js'
import { CORPORA_DIR, type Gold, loadSamples } from '../../test/support/samples.js'
import { formatForService } from './formats.js'

/** A sample as the evaluation sees it. */
export interface FabricationSample {
  id: string
  transcript: Transcript
  /** People's names in the session (from the gold PHI list), with whose name it is. */
  names: { text: string; note: string }[]
  /** The note format of the sample's service (`formatForService`). */
  format: NoteFormat
  /** Speaker labels of the client when roles do not say (a group note). */
  clientLabels?: string[] | undefined
  /** Hand-written true paraphrases: statement text and quotes that locate its evidence. */
  paraphrases?: { text: string; quotes: string[] }[] | undefined
}

/** The kinds of fabrication the injector makes. */
export type InjectionType =
  | 'wrong-number'
  | 'invented-medication'
  | 'flipped-negation'
  | 'misattribution'
  | 'invented-event'
/** Every injection type, in table order. */
export const INJECTION_TYPES: readonly InjectionType[] = [
  'wrong-number',
  'invented-medication',
  'flipped-negation',
  'misattribution',
  'invented-event',
]

/** One fabricated statement and the true statement it was made from. */
export interface Injection {
  type: InjectionType
  sample: string
  base: string
  text: string
  evidence: string[]
}

/** Catches per injection type and false alarms on true statements. */
export interface FabricationResult {
  caught: number
  injected: number
  catchRate: number
  trueFlagged: number
  trueTotal: number
  falseAlarmRate: number
  byType: Record<InjectionType, { caught: number; injected: number; catchRate: number }>
  paraphrases: { flagged: number; total: number }
  missed: Injection[]
  falseAlarms: { sample: string; text: string; reasons: string[] }[]
}

// ---------------------------------------------------------------- deterministic randomness

function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hash(s: string): number {
  let h = 2166136261
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619)
  return h >>> 0
}

type Rng = () => number
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!
function shuffle<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

// ---------------------------------------------------------------- stand-in drafting engine

const FIRST_PERSON: Record<string, string> = {
  i: 'they',
  "i'm": 'they are',
  'i’m': 'they are',
  "i've": 'they have',
  "i'll": 'they will',
  "i'd": 'they would',
  me: 'them',
  my: 'their',
  mine: 'theirs',
  myself: 'themselves',
}
const SECOND_PERSON: Record<string, string> = {
  you: 'the client',
  "you're": 'the client is',
  "you've": 'the client has',
  "you'll": 'the client will',
  your: "the client's",
  yourself: 'themselves',
}

function rewritePerson(sentence: string, table: Record<string, string>): string {
  let out = sentence.replace(/[A-Za-z’']+/g, (w) =>
    Object.hasOwn(table, w.toLowerCase()) ? table[w.toLowerCase()]! : w,
  )
  out = out.replace(/\bthey am\b/g, 'they are').replace(/\bthey was\b/g, 'they were')
  return out.replace(/[.!]+$/, '')
}

// A sentence with fewer content words ("Maybe twice a week.") makes no statement worth drafting.
function contentWordCount(s: string): number {
  return contentStems(s).length
}

/**
 * A simple stand-in for the drafting engine: every substantive sentence becomes a statement in the
 * speaker's voice ("Client reported that …", "Clinician stated that …"), citing its utterance.
 */
export function standInDraft(transcript: Transcript, clientLabels?: readonly string[]): Draft {
  const statements: Statement[] = []
  const dictation = transcript.format === 'dictation'
  for (const u of transcript.utterances) {
    for (const { text: s } of splitSentences(u.text)) {
      if (s.endsWith('?') || contentWordCount(s) < 3 || s.split(/\s+/).length > 40) continue
      let subject: string | undefined
      let table = FIRST_PERSON
      const isClient = clientLabels?.length ? clientLabels.includes(u.speaker) : u.role === 'client'
      if (dictation) subject = 'Clinician noted that'
      else if (isClient) subject = 'Client reported that'
      else if (u.role === 'clinician' || u.role === 'prescriber') {
        subject = 'Clinician stated that'
        table = SECOND_PERSON
      } else if (u.role === 'supervisor') subject = 'Supervisor stated that'
      else if (u.role === 'supervisee') subject = 'Supervisee reported that'
      else if (u.role === 'family') subject = 'Family member stated that'
      if (!subject) continue
      const body = rewritePerson(s, table)
      statements.push({ text: `${subject} ${body[0]!.toLowerCase()}${body.slice(1)}.`, evidence: [u.id] })
    }
  }
  return {
    format: 'dap',
    engine: { name: 'stand-in', version: '0' },
    transcript: { utterances: transcript.utterances.length, minutes: transcript.minutes, speakers: [] },
    sections: [{ key: 'data', title: 'Data', statements }],
    flags: [],
    warnings: [],
  }
}

// ---------------------------------------------------------------- the injector's own vocabulary

// Medications the injector swaps in: some in Sidenote's lexicon, many deliberately not.
const INJECTED_MEDICATIONS = [
  'sertraline',
  'quetiapine',
  'lorazepam',
  'lithium',
  'Adderall',
  'Xanax',
  'levetiracetam',
  'pimozide',
  'trimipramine',
  'memantine',
  'baclofen',
  'tiagabine',
  'amoxapine',
  'donepezil',
  'perphenazine',
  'zonisamide',
  'cetirizine',
  'famotidine',
  'atenolol',
  'isocarboxazid',
]
const DOSES = ['5 mg', '10 mg', '25 mg', '50 mg', '100 mg', '150 mg', '0.5 mg', '300 mg']

// Plausible clinical events; `absent` words must not occur in the transcript for the event to be used.
const EVENTS: { text: string; absent: string[] }[] = [
  { text: 'a visit to the emergency room last week', absent: ['emergency'] },
  { text: 'being arrested after a fight at a bar', absent: ['arrest'] },
  { text: 'a car accident on the highway', absent: ['accident'] },
  { text: 'being fired from a warehouse job', absent: ['fired', 'warehouse'] },
  { text: 'moving into a homeless shelter', absent: ['shelter'] },
  { text: 'a seizure at the grocery store', absent: ['seizure'] },
  { text: 'a fall down the stairs that broke a wrist', absent: ['wrist'] },
  { text: 'starting chemotherapy for breast cancer', absent: ['chemo', 'cancer'] },
  { text: 'a court date for a DUI charge', absent: ['dui', 'court'] },
  { text: 'adopting a puppy from a rescue', absent: ['puppy', 'rescue'] },
  { text: 'a vacation to Mexico with friends', absent: ['mexico', 'vacation'] },
  { text: 'an eviction notice from the landlord', absent: ['evict', 'landlord'] },
  { text: 'a positive pregnancy test', absent: ['pregnan'] },
  { text: 'a break-in at the apartment', absent: ['break-in', 'burglar'] },
  { text: 'losing custody of a son', absent: ['custody'] },
  { text: 'a hospitalization for pneumonia', absent: ['pneumonia', 'hospitali'] },
  { text: 'winning money at a casino', absent: ['casino'] },
  { text: "being bitten by a neighbor's dog", absent: ['bitten', 'bite'] },
  { text: 'enrolling in nursing school', absent: ['nursing', 'enrol'] },
  { text: 'running a marathon in the rain', absent: ['marathon'] },
  { text: 'a panic attack on an airplane', absent: ['airplane', 'plane', 'flight'] },
  { text: 'an argument with a roommate about rent', absent: ['rent', 'roommate'] },
  { text: 'a relapse on cocaine at a party', absent: ['cocaine'] },
  { text: 'being diagnosed with diabetes', absent: ['diabet'] },
  { text: 'a trip to visit relatives in Ohio', absent: ['ohio'] },
  { text: 'getting a tattoo over the weekend', absent: ['tattoo'] },
  { text: 'taking out a payday loan', absent: ['loan'] },
  { text: 'a miscarriage in the spring', absent: ['miscarr'] },
  { text: 'joining a church choir', absent: ['choir'] },
  { text: 'a dental surgery on Friday', absent: ['dental', 'dentist', 'surgery'] },
]
const EVENT_FRAMES = [
  (e: string) => `Client reported ${e}.`,
  (e: string) => `Client described ${e}.`,
  (e: string) => `Client shared that the week included ${e}.`,
]
const CLAUSE_FRAMES = [(e: string) => `, and reported ${e}.`, (e: string) => `, and also described ${e}.`]

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
]
const TENS_WORDS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']

function spell(n: number): string {
  if (n < 20) return NUMBER_WORDS[n]!
  if (n < 100) return TENS_WORDS[Math.floor(n / 10)]! + (n % 10 ? `-${NUMBER_WORDS[n % 10]}` : '')
  return String(n)
}

const WORD_VALUE = new Map<string, number>()
NUMBER_WORDS.forEach((w, i) => {
  WORD_VALUE.set(w, i)
})
TENS_WORDS.forEach((w, i) => {
  if (!w) return
  WORD_VALUE.set(w, i * 10)
  for (let u = 1; u < 10; u++) WORD_VALUE.set(`${w}-${NUMBER_WORDS[u]}`, i * 10 + u)
})

const NUMBER_TOKEN = new RegExp(
  `\\b(?:\\d+(?:\\.\\d+)?|${[...WORD_VALUE.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`,
  'gi',
)
const UNIT_SWAPS: Record<string, string> = {
  mg: 'mcg',
  milligrams: 'micrograms',
  milligram: 'microgram',
  hours: 'minutes',
  hour: 'minute',
  minutes: 'hours',
  days: 'weeks',
  day: 'week',
  weeks: 'months',
  week: 'month',
  months: 'years',
  years: 'months',
  pounds: 'kilos',
  percent: 'points',
  times: 'days',
  nights: 'weeks',
}

function changedNumber(rng: Rng, raw: string): string {
  const lower = raw.toLowerCase()
  const value = WORD_VALUE.get(lower) ?? Number(raw)
  const candidates = [value + 1, value + 2, value + 3, value * 2, value + 10, value - 1, value - 2].filter(
    (v) => v > 0 && v !== value && Number.isInteger(v),
  )
  const next = pick(rng, candidates.length ? candidates : [value + 1])
  return WORD_VALUE.has(lower) && next < 100 ? spell(next) : String(next)
}

// ---------------------------------------------------------------- injections

/** A true statement the verifier accepts, which an injection may alter. */
export interface Base {
  statement: Statement
  speakerRole: string
}

function injectNumber(rng: Rng, base: Base): string | undefined {
  const matches = [...base.statement.text.matchAll(NUMBER_TOKEN)]
  if (matches.length === 0) return undefined
  const m = pick(rng, matches)
  const text = base.statement.text
  const after = text.slice(m.index + m[0].length)
  const unit = /^\s+([a-z]+)/i.exec(after)?.[1]?.toLowerCase()
  if (unit && Object.hasOwn(UNIT_SWAPS, unit) && rng() < 0.3) {
    const at = m.index + m[0].length + after.indexOf(unit)
    return text.slice(0, at) + UNIT_SWAPS[unit] + text.slice(at + unit.length)
  }
  return text.slice(0, m.index) + changedNumber(rng, m[0]) + text.slice(m.index + m[0].length)
}

function injectMedication(rng: Rng, base: Base, transcriptText: string): string | undefined {
  const absent = INJECTED_MEDICATIONS.filter((m) => !transcriptText.includes(m.toLowerCase()))
  const med = pick(rng, absent)
  const text = base.statement.text
  const present = INJECTED_MEDICATIONS.concat([
    'escitalopram',
    'hydroxyzine',
    'gabapentin',
    'methadone',
    'naloxone',
    'morphine',
  ]).filter((m) => new RegExp(`\\b${m}\\b`, 'i').test(text))
  const r = rng()
  if (present.length > 0 && r < 0.5) return text.replace(new RegExp(`\\b${present[0]}\\b`, 'i'), med)
  if (r < 0.75) return `${text.replace(/\.$/, '')}, while taking ${med} ${pick(rng, DOSES)} daily.`
  return `Client reported starting ${med} ${pick(rng, DOSES)} last month.`
}

function injectNegation(rng: Rng, base: Base): string | undefined {
  const text = base.statement.text
  const options: (() => string | undefined)[] = [
    () => (/ reported that /.test(text) ? text.replace(' reported that ', ' denied that ') : undefined),
    () => (/^[\w' ]+ reported (?!that )/.test(text) ? text.replace(' reported ', ' denied ') : undefined),
    () => (/ stated that /.test(text) ? text.replace(' stated that ', ' denied that ') : undefined),
    () => {
      const re = /\b(do|does|did|is|are|was|were|can|could|have|has|had)(n't| not)\b/i
      const m = re.exec(text)
      return m ? text.replace(re, m[1]!) : undefined
    },
    () => (/\bnever\b/.test(text) ? text.replace(/\bnever\b/, 'always') : undefined),
    () => (/\bno\b/.test(text) ? text.replace(/\bno\b/, 'a lot of') : undefined),
    () => {
      const re = /\bthey (are|were|have|had|will|would|can|could|do|did|should)\b(?! not)/
      const m = re.exec(text)
      return m ? text.replace(re, `they ${m[1]} not`) : undefined
    },
    () => {
      const re = /\b(is|was|are|were) (?!not)(?=[a-z])/
      const m = re.exec(text)
      return m ? text.replace(re, `${m[1]} not `) : undefined
    },
  ]
  for (const option of shuffle(rng, options)) {
    const out = option()
    if (out !== undefined && out !== text) return out
  }
  return undefined
}

function nameRole(note: string): string {
  if (
    /^(client|patient|identified patient|member \(note subject\))|client nickname|client label|client \(/i.test(
      note,
    )
  )
    return 'client'
  if (/clinician|counselor|psychiatrist|facilitator|^supervisor$|supervisee/i.test(note)) return 'clinician'
  return 'other'
}

function injectAttribution(rng: Rng, base: Base, sample: FabricationSample): string | undefined {
  const text = base.statement.text
  const m =
    /^(Client reported|Clinician stated|Family member stated|Supervisor stated|Supervisee reported|Clinician noted)(?: that)? /.exec(
      text,
    )
  if (!m) return undefined
  const body = text.slice(m[0].length)
  const own = base.speakerRole
  const label = (
    sample.transcript.utterances.find((u) => u.id === base.statement.evidence[0])?.speaker ?? ''
  ).toLowerCase()
  const names = sample.names
    .filter(
      (n) => nameRole(n.note) !== (own === 'client' ? 'client' : own === 'family' ? 'never' : 'clinician'),
    )
    .filter(
      (n) =>
        !n.text
          .toLowerCase()
          .split(/[\s-]+/)
          .some((part) => label.includes(part)),
    )
    .filter((n) => !/^(?:[A-Z]\.|Ms\.|Mr\.)/.test(n.text))
  const subjects: string[] = []
  if (own !== 'client') subjects.push('Client reported that', 'The client stated that')
  if (own !== 'clinician' && own !== 'prescriber' && own !== 'supervisor')
    subjects.push('Clinician stated that', 'Therapist said that')
  if (own !== 'family')
    subjects.push('Mother reported that', "Client's father stated that", 'Parents reported that')
  for (const n of names) subjects.push(`${n.text.split(' ')[0]} said that`, `${n.text} reported that`)
  if (sample.transcript.format === 'dictation') return undefined
  return `${pick(rng, subjects)} ${body}`
}

function injectEvent(rng: Rng, base: Base, transcriptText: string, allIds: string[]): Statement | undefined {
  const events = EVENTS.filter((e) => e.absent.every((w) => !transcriptText.includes(w)))
  const event = pick(rng, events)
  if (rng() < 0.5) {
    const evidence = rng() < 0.5 ? base.statement.evidence : [pick(rng, allIds)]
    return { text: pick(rng, EVENT_FRAMES)(event.text), evidence }
  }
  return {
    text: base.statement.text.replace(/\.$/, '') + pick(rng, CLAUSE_FRAMES)(event.text),
    evidence: base.statement.evidence,
  }
}

/** Fabricated statements for one sample, `perType` of each type where the draft allows, seeded. */
export function injectFabrications(
  sample: FabricationSample,
  bases: readonly Base[],
  perType: number,
  seed: number,
): Injection[] {
  const rng = seeded(hash(`${sample.id}:${seed}`))
  const transcriptText = sample.transcript.utterances.map((u) => u.text.toLowerCase()).join('\n')
  const clientIds = sample.transcript.utterances.filter((u) => u.role === 'client').map((u) => u.id)
  const allIds = clientIds.length ? clientIds : sample.transcript.utterances.map((u) => u.id)
  const out: Injection[] = []
  for (const type of INJECTION_TYPES) {
    const seen = new Set<string>()
    for (const base of shuffle(rng, bases)) {
      if (seen.size >= perType) break
      let made: Statement | undefined
      const text = (t: string | undefined) =>
        t === undefined ? undefined : { text: t, evidence: base.statement.evidence }
      if (type === 'wrong-number') made = text(injectNumber(rng, base))
      else if (type === 'invented-medication') made = text(injectMedication(rng, base, transcriptText))
      else if (type === 'flipped-negation') made = text(injectNegation(rng, base))
      else if (type === 'misattribution') made = text(injectAttribution(rng, base, sample))
      else made = injectEvent(rng, base, transcriptText, allIds)
      if (!made || made.text === base.statement.text || seen.has(made.text)) continue
      seen.add(made.text)
      out.push({
        type,
        sample: sample.id,
        base: base.statement.text,
        text: made.text,
        evidence: [...made.evidence],
      })
    }
  }
  return out
}

// ---------------------------------------------------------------- evaluation

function quoteEvidence(transcript: Transcript, quotes: readonly string[]): string[] {
  return quotes.map((q) => {
    const u = transcript.utterances.find((x) => x.text.includes(q))
    if (!u) throw new Error(`paraphrase quote not found: ${q}`)
    return u.id
  })
}

/** Inject fabrications into drafts of every sample and measure catches and false alarms. */
export function evaluateFabrication(
  samples: readonly FabricationSample[],
  makeDraft: (transcript: Transcript, sample: FabricationSample) => Draft,
  options: { perType?: number; seed?: number; threshold?: number } = {},
): FabricationResult {
  const perType = options.perType ?? 10
  const seed = options.seed ?? 1
  const verifyOptions = { threshold: options.threshold }
  const byType = Object.fromEntries(
    INJECTION_TYPES.map((t) => [t, { caught: 0, injected: 0, catchRate: 0 }]),
  ) as FabricationResult['byType']
  let trueFlagged = 0
  let trueTotal = 0
  const paraphrases = { flagged: 0, total: 0 }
  const missed: Injection[] = []
  const falseAlarms: FabricationResult['falseAlarms'] = []
  for (const sample of samples) {
    const draft = makeDraft(sample.transcript, sample)
    const index = indexEvidence(sample.transcript, {
      clientLabels: sample.clientLabels,
      riskFlags: draft.flags.filter((f) => f.kind.startsWith('risk.')),
    })
    const bases: Base[] = []
    for (const st of draft.sections.flatMap((s) => s.statements)) {
      const verdict = verifyStatement(st, index, verifyOptions)
      trueTotal++
      if (verdict.status === 'unsupported') {
        trueFlagged++
        falseAlarms.push({ sample: sample.id, text: st.text, reasons: verdict.reasons ?? [] })
        continue
      }
      const role = sample.transcript.utterances.find((u) => u.id === st.evidence[0])?.role ?? 'unknown'
      bases.push({ statement: st, speakerRole: role })
    }
    for (const p of sample.paraphrases ?? []) {
      const st = { text: p.text, evidence: quoteEvidence(sample.transcript, p.quotes) }
      const verdict = verifyStatement(st, index, verifyOptions)
      paraphrases.total++
      trueTotal++
      if (verdict.status === 'unsupported') {
        paraphrases.flagged++
        trueFlagged++
        falseAlarms.push({ sample: sample.id, text: st.text, reasons: verdict.reasons ?? [] })
      }
    }
    for (const inj of injectFabrications(sample, bases, perType, seed)) {
      const verdict = verifyStatement({ text: inj.text, evidence: inj.evidence }, index, verifyOptions)
      const t = byType[inj.type]
      t.injected++
      if (verdict.status === 'unsupported') t.caught++
      else missed.push(inj)
    }
  }
  let caught = 0
  let injected = 0
  for (const t of Object.values(byType)) {
    t.catchRate = t.injected ? t.caught / t.injected : 0
    caught += t.caught
    injected += t.injected
  }
  return {
    caught,
    injected,
    catchRate: injected ? caught / injected : 0,
    trueFlagged,
    trueTotal,
    falseAlarmRate: trueTotal ? trueFlagged / trueTotal : 0,
    byType,
    paraphrases,
    missed,
    falseAlarms,
  }
}

// ---------------------------------------------------------------- hand-written true paraphrases

/** True statements written the way a clinician would, with quotes locating their evidence. */
export const PARAPHRASES: Readonly<Record<string, { text: string; quotes: string[] }[]>> = {
  s04: [
    {
      text: 'Client reported his dose was increased from 85 to 95 last Tuesday.',
      quotes: ['Ninety-five now'],
    },
    {
      text: 'Client reported feeling well in the mornings but yawning, a runny nose and itchy skin by late afternoon.',
      quotes: ['Better in the morning. Mornings are good.'],
    },
    {
      text: 'Client reported that his mother criticized his treatment at Thanksgiving in front of family.',
      quotes: ['my mom already thinks', 'Thanksgiving, she says'],
    },
    {
      text: 'Client disclosed a single use of fentanyl on the third, after payday.',
      quotes: ['I used. On the third.', "It's all fentanyl now"],
    },
    {
      text: 'Client reported that he used alone in his car behind a laundromat.',
      quotes: ['Behind the laundromat', 'By myself.'],
    },
    { text: 'Client denied that he was trying to die when he used.', quotes: ["I wasn't trying to die"] },
    {
      text: 'Client denied current thoughts of hurting himself or ending his life.',
      quotes: ['any thoughts of hurting yourself or ending', "I've got Kaylee. I'm not going"],
    },
    {
      text: 'Client reported having 62 days of abstinence before the lapse.',
      quotes: ['I had sixty-two days'],
    },
    {
      text: 'Client gave his naloxone kit to his sister, whose roommate uses.',
      quotes: ['Do you have Narcan? Naloxone?', 'I gave it to my sister'],
    },
    {
      text: 'Clinician gave client two naloxone kits and test strips.',
      quotes: ["I'm going to give you two", 'Two naloxone kits'],
    },
    {
      text: 'Client reported seeing his daughter Kaylee every other Sunday.',
      quotes: ['Every other Sunday'],
    },
    {
      text: 'Client reported switching shifts with his boss to get Friday night off.',
      quotes: ['The other one I switched shifts', 'I told Hector'],
    },
  ],
  s05: [
    {
      text: 'Client endorsed passive thoughts that it would be all right not to wake up, three to four nights a week.',
      quotes: ["it would be all right if I just didn't wake up", 'Three, four nights a week'],
    },
    {
      text: 'Client denied thoughts of ending her life.',
      quotes: ['have you had any thoughts of ending your life', "I couldn't do that to Dembe"],
    },
    {
      text: 'Client denied any suicide plan or intent.',
      quotes: ['Any kind of plan?', 'No plan. I', 'Any intention of acting', 'No intention.'],
    },
    {
      text: 'Client denied access to guns in the home.',
      quotes: ['Are there any guns in the house?', 'No guns.'],
    },
    {
      text: "Client reported that her late wife's hospice medications, including morphine and lorazepam, are stored in the hall closet.",
      quotes: ["all of June's medicine from hospice"],
    },
    {
      text: 'Client reported that Dembe brought her lasagna on Sunday.',
      quotes: ['Dembe brought me a lasagna'],
    },
  ],
  s06: [
    {
      text: 'Client reported panic attacks decreased from about four a week to one or two.',
      quotes: ['Before, it was like four a week'],
    },
    {
      text: 'Client reported her nausea resolved after about two weeks.',
      quotes: ['you had some nausea', 'That went away after like two weeks'],
    },
    {
      text: 'Client reported night sweats about twice a week and did not want to change anything.',
      quotes: ['Sweating a little at night', "It's way better than the panic attacks"],
    },
    {
      text: 'Client denied sexual side effects.',
      quotes: ['Any sexual side effects?', "No. That's fine. No change."],
    },
    {
      text: 'Client reported sleeping about seven hours, better than before.',
      quotes: ['Good. Like seven hours.'],
    },
    {
      text: 'Client reported using hydroxyzine three times in the past month, only at night because it causes grogginess.',
      quotes: [
        'And the hydroxyzine, the as-needed one',
        'Three times in the last month',
        'So I only take it at night',
      ],
    },
    {
      text: 'Client reported cutting down to one cold brew in the morning.',
      quotes: ['three cold brews a day', "I'm down to one."],
    },
    {
      text: 'Client reported drinking a glass of wine on Fridays and up to two on Saturdays.',
      quotes: ['Glass of wine on Friday'],
    },
    {
      text: 'Anxiety score decreased from 16 to 12 and depression score from 11 to 7.',
      quotes: ['Your anxiety score came down'],
    },
    {
      text: 'Client denied thoughts of self-harm or of being better off dead.',
      quotes: ['better off dead?', 'No. None of that. Never.'],
    },
    { text: 'Blood pressure was 118/76 and pulse was 82.', quotes: ['Blood pressure one eighteen'] },
    {
      text: 'Prescriber recommended increasing escitalopram from 10 mg to 15 mg.',
      quotes: ['eight weeks on the escitalopram', 'from ten milligrams to fifteen'],
    },
    {
      text: 'Client agreed to the dose increase.',
      quotes: ['from ten milligrams to fifteen', "I'm okay with that"],
    },
    { text: 'Follow-up in about six weeks.', quotes: ['back in about six weeks'] },
  ],
  s07: [
    {
      text: 'Stepfather reported that Jonah came home after 1 a.m. smelling of marijuana.',
      quotes: ["one o'clock, he's still not home"],
    },
    {
      text: 'Graham reported that Jonah punched a hole in the hallway wall.',
      quotes: ['in the hallway he punched the wall'],
    },
    { text: 'Mother reported seeing Graham grab Jonah.', quotes: ['Graham grabbed him.'] },
    {
      text: "Father stated that he has been in Jonah's life since Jonah was eight.",
      quotes: ["I've been in his life since he was eight"],
    },
  ],
  s08: [
    {
      text: 'PCL-5 score was 41, down from 47 last week and 58 at the start of treatment.',
      quotes: ['PCL-5 today is forty-one', 'Last week was forty-seven'],
    },
    {
      text: 'Client reported two nightmares this week, down from nearly every night.',
      quotes: ['I had two this week'],
    },
    {
      text: 'Client went to the grocery store alone, left when she saw a man in a gray hoodie, and returned to finish shopping after calming herself in the car.',
      quotes: [
        "I'm just going to go. By myself.",
        'this man came around the corner',
        'I did the breathing',
        'And then I went back in.',
      ],
    },
    {
      text: 'Client rated her belief in the stuck point at 90 percent before the worksheet and 60 percent after.',
      quotes: ['Read me the stuck point', 'Ninety percent.', 'Sixty.'],
    },
    { text: 'Client completed four worksheets.', quotes: ["let's look at your worksheets", 'I did four.'] },
    {
      text: 'Client reported that police said about forty seconds passed before she pressed the alarm.',
      quotes: ['when you pressed it?', 'The police said about forty seconds'],
    },
  ],
}

// ---------------------------------------------------------------- MTS-Dialog correlation study

/** Rows of a CSV file with a header (quoted fields may hold commas and line breaks). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field || row.length) rows.push([...row, field])
  const [header, ...body] = rows.filter((r) => r.some((f) => f.trim()))
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h.trim(), r[i] ?? ''])))
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0])
  const out = new Array<number>(xs.length)
  for (let i = 0; i < order.length; ) {
    let j = i
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1
    i = j + 1
  }
  return out
}

/** Spearman's rank correlation (average ranks for ties). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a)
  const rb = ranks(b)
  const mean = (ra.length + 1) / 2
  let num = 0
  let da = 0
  let db = 0
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - mean) * (rb[i]! - mean)
    da += (ra[i]! - mean) ** 2
    db += (rb[i]! - mean) ** 2
  }
  return num / Math.sqrt(da * db)
}

const MTS_ROLES: Record<string, Transcript['utterances'][number]['role']> = {
  doctor: 'clinician',
  patient: 'client',
  guest_family: 'family',
  guest_clinician: 'clinician',
}

/**
 * Does the verifier's unsupported rate track human hallucination judgements? The summaries carry no
 * evidence ids, so each sentence cites either the whole dialogue ('dialogue') or the three turns
 * sharing most content words with it ('top3'); the rate is then correlated with HallucinationRate.
 */
export function correlateWithMtsDialog(
  dir: string,
  mode: 'dialogue' | 'top3' = 'dialogue',
): { n: number; rho: number; rhoPrecision: number; meanRate: number } {
  const summaries = parseCsv(
    readFileSync(join(dir, 'MTS-Dialog-Automatic-Summaries-ValidationSet.csv'), 'utf8'),
  )
  const scores = parseCsv(readFileSync(join(dir, 'MTS-Dialog-Manual-Scores4CorrelationStudy.csv'), 'utf8'))
  const rates: number[] = []
  const hallucination: number[] = []
  const precision: number[] = []
  summaries.forEach((row, i) => {
    const turns = (row.Dialogue ?? '').split(/\r?\n/).flatMap((line) => {
      const m = /^\s*([A-Za-z_ ]+):\s*(.*)$/.exec(line)
      return m ? [{ speaker: m[1]!.trim(), text: m[2]!.trim() }] : []
    })
    const utterances = turns.map((t, k) => ({
      id: `u${k + 1}`,
      speaker: t.speaker,
      role: MTS_ROLES[t.speaker.toLowerCase()] ?? ('unknown' as const),
      start: null,
      end: null,
      text: t.text,
      line: k + 1,
    }))
    const transcript: Transcript = {
      format: 'txt',
      utterances,
      speakers: [],
      minutes: null,
      minutesSource: null,
      notes: [],
      warnings: [],
    }
    const index = indexEvidence(transcript)
    const stemsOf = utterances.map((u) => new Set(contentStems(u.text)))
    const sentences = splitSentences(row['Automatic Summary'] ?? '').filter(
      (s) => contentStems(s.text).length > 0,
    )
    if (sentences.length === 0 || !scores[i]) return
    let unsupported = 0
    for (const s of sentences) {
      const own = new Set(contentStems(s.text))
      const evidence =
        mode === 'dialogue'
          ? utterances.map((u) => u.id)
          : utterances
              .map((u, k) => ({ id: u.id, hits: [...own].filter((x) => stemsOf[k]!.has(x)).length }))
              .filter((e) => e.hits > 0)
              .sort((a, b) => b.hits - a.hits)
              .slice(0, 3)
              .map((e) => e.id)
      if (verifyStatement({ text: s.text, evidence }, index).status === 'unsupported') unsupported++
    }
    rates.push(unsupported / sentences.length)
    hallucination.push(Number(scores[i].HallucinationRate))
    precision.push(Number(scores[i].FactualPrecision))
  })
  return {
    n: rates.length,
    rho: spearman(rates, hallucination),
    rhoPrecision: spearman(rates, precision),
    meanRate: rates.reduce((a, b) => a + b, 0) / rates.length,
  }
}

// ---------------------------------------------------------------- command line

/** People's names from the gold PHI list; a part of a name ("Graham") takes the note of the whole name. */
function namesOf(gold: Gold): { text: string; note: string }[] {
  const names = gold.phi.filter((p) => p.type === 'name')
  return names.map((p) => {
    const whole = names.find((n) => n.note && n.text !== p.text && n.text.includes(p.text))
    return { text: p.text, note: p.note || whole?.note || '' }
  })
}

/** Load the gold samples and parse their transcripts with the gold roles. */
export function loadFabricationSamples(): FabricationSample[] {
  return loadSamples().map((s) => {
    const gold: Gold = s.gold
    const transcript = parseTranscript(s.bytes, { roles: gold.roles as Record<string, never> })
    return {
      id: s.id,
      transcript,
      names: namesOf(gold),
      format: formatForService(gold.session.service),
      clientLabels: gold.group ? [gold.group.note_for] : undefined,
      paraphrases: PARAPHRASES[s.id],
    }
  })
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

/** Print the catch and false-alarm table per injection type. */
type MakeDraft = (transcript: Transcript, sample: FabricationSample) => Draft

/** The embedded drafting engine through the pipeline, as `npm run eval` drafts the samples. */
export const embeddedDraft: MakeDraft = (t, s) => {
  const member = s.clientLabels?.[0]
  return draftNote(t, { format: s.format, ...(member ? { member } : {}) })
}

/** Run the evaluation on the samples and print the table (see the flags at the top of the file). */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<FabricationResult> {
  const arg = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const seed = Number(arg('--seed') ?? 1)
  const perType = Number(arg('--per-type') ?? 10)
  const samples = loadFabricationSamples()
  let makeDraft: MakeDraft = (t, s) => standInDraft(t, s.clientLabels)
  let engine = 'stand-in'
  if (argv.includes('--engine')) {
    makeDraft = embeddedDraft
    engine = 'embedded engine'
  }
  if (argv.includes('--sweep')) {
    console.log('threshold  catch  events  stand-in flagged  paraphrases flagged')
    for (let threshold = 0.2; threshold <= 0.81; threshold += 0.05) {
      const r = evaluateFabrication(samples, makeDraft, { seed, perType, threshold })
      const standIn = (r.trueFlagged - r.paraphrases.flagged) / (r.trueTotal - r.paraphrases.total)
      console.log(
        `${threshold.toFixed(2).padEnd(10)} ${pct(r.catchRate).padEnd(6)} ${pct(r.byType['invented-event'].catchRate).padEnd(7)} ${pct(standIn).padEnd(17)} ${r.paraphrases.flagged}/${r.paraphrases.total}`,
      )
    }
  }
  const result = evaluateFabrication(samples, makeDraft, { seed, perType })
  console.log(`fabrication evaluation (${engine} drafts, seed ${seed}, up to ${perType} per type per sample)`)
  console.log('type                   caught / injected   catch rate')
  for (const type of INJECTION_TYPES) {
    const t = result.byType[type]
    console.log(
      `${type.padEnd(22)} ${String(t.caught).padStart(6)} / ${String(t.injected).padEnd(8)}   ${pct(t.catchRate)}`,
    )
  }
  console.log(
    `${'all'.padEnd(22)} ${String(result.caught).padStart(6)} / ${String(result.injected).padEnd(8)}   ${pct(result.catchRate)}`,
  )
  console.log(
    `true statements flagged: ${result.trueFlagged} / ${result.trueTotal} (${pct(result.falseAlarmRate)}); hand-written paraphrases flagged: ${result.paraphrases.flagged} / ${result.paraphrases.total}`,
  )
  if (argv.includes('--mts')) {
    for (const mode of ['dialogue', 'top3'] as const) {
      const mts = correlateWithMtsDialog(join(CORPORA_DIR, 'mts-dialog', 'Correlation-Study'), mode)
      console.log(
        `MTS-Dialog (${mts.n} automatic summaries, evidence: ${mode}): mean unsupported rate ${pct(mts.meanRate)}; Spearman with HallucinationRate ${mts.rho.toFixed(3)}, with FactualPrecision ${mts.rhoPrecision.toFixed(3)}`,
      )
    }
  }
  if (argv.includes('--verbose')) {
    console.log('\nmissed:')
    for (const m of result.missed) console.log(`  [${m.sample} ${m.type}] ${m.text}`)
    console.log('\nfalse alarms:')
    for (const f of result.falseAlarms)
      console.log(`  [${f.sample}] ${f.text}\n      ${f.reasons.join('; ')}`)
  }
  return result
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
