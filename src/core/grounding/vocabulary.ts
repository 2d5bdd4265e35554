import type { Role } from '../transcript/utterance.js'

/** A lookup table from an object literal; a Map, so that "constructor" or "__proto__" is just a word. */
export function table<V>(entries: Record<string, V>): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries))
}

/**
 * The verifier's own small tables, one per concept. They normalise how notes and speech say the
 * same thing; they are not lists of things to catch (fabrications are caught by absence from the
 * evidence, not by a word list).
 */

/**
 * Light synonymy between note language and speech, applied to single words on both sides before
 * stemming. Irregular past tenses are here because the stemmer keeps "slept" apart from "sleep".
 */
export const WORD_CANON: ReadonlyMap<string, string> = table({
  mom: 'mother',
  mum: 'mother',
  mommy: 'mother',
  mama: 'mother',
  ma: 'mother',
  dad: 'father',
  daddy: 'father',
  papa: 'father',
  pop: 'father',
  kids: 'children',
  kid: 'children',
  child: 'children',
  doc: 'doctor',
  meds: 'medication',
  med: 'medication',
  medicine: 'medication',
  medications: 'medication',
  grandma: 'grandmother',
  granny: 'grandmother',
  grandpa: 'grandfather',
  teenager: 'teen',
  sis: 'sister',
  bro: 'brother',
  hubby: 'husband',
  boyfriend: 'partner',
  girlfriend: 'partner',
  spouse: 'partner',
  anxious: 'anxiety',
  nervous: 'anxiety',
  ideation: 'think',
  ideations: 'think',
  thoughts: 'think',
  thought: 'think',
  thinking: 'think',
  tired: 'fatigue',
  exhausted: 'fatigue',
  alcohol: 'drink',
  drinking: 'drink',
  drunk: 'drink',
  drank: 'drink',
  beer: 'drink',
  beers: 'drink',
  slept: 'sleep',
  woke: 'wake',
  waking: 'wake',
  felt: 'feel',
  feeling: 'feel',
  feelings: 'feel',
  went: 'go',
  going: 'go',
  gone: 'go',
  ate: 'eat',
  eaten: 'eat',
  took: 'take',
  taken: 'take',
  gave: 'give',
  given: 'give',
  made: 'make',
  left: 'leave',
  lost: 'lose',
  found: 'find',
  ran: 'run',
  saw: 'see',
  seen: 'see',
  came: 'come',
  kept: 'keep',
  bought: 'buy',
  brought: 'bring',
  began: 'begin',
  begun: 'begin',
  broke: 'break',
  broken: 'break',
  fell: 'fall',
  fallen: 'fall',
  forgot: 'forget',
  forgotten: 'forget',
  heard: 'hear',
  held: 'hold',
  knew: 'know',
  met: 'meet',
  paid: 'pay',
  sent: 'send',
  spent: 'spend',
  stood: 'stand',
  understood: 'understand',
  wrote: 'write',
  written: 'write',
  drove: 'drive',
  driven: 'drive',
  caught: 'catch',
  taught: 'teach',
  fought: 'fight',
  chose: 'choose',
  chosen: 'choose',
  spoke: 'speak',
  spoken: 'speak',
  sat: 'sit',
  won: 'win',
  wore: 'wear',
  hid: 'hide',
  threw: 'throw',
  thrown: 'throw',
  sold: 'sell',
  grew: 'grow',
  grown: 'grow',
  stole: 'steal',
  stolen: 'steal',
  tore: 'tear',
  rode: 'ride',
  hung: 'hang',
  struck: 'strike',
  stuck: 'stick',
  led: 'lead',
  fed: 'feed',
  meant: 'mean',
  became: 'become',
  shook: 'shake',
  hit: 'hit',
  hurt: 'hurt',
  quit: 'quit',
  dreamt: 'dream',
  woken: 'wake',
  used: 'use',
  uses: 'use',
  using: 'use',
  house: 'home',
  harm: 'hurt',
  harming: 'hurt',
  hurting: 'hurt',
  died: 'die',
  dying: 'die',
  dead: 'die',
  death: 'die',
})

/** Upper-case clinical shorthand, expanded only when written in capitals (so "hi" stays a greeting). */
export const SHORTHAND: ReadonlyMap<string, string> = table({
  SI: 'suicidal thought',
  HI: 'homicidal thought',
  SIB: 'hurt injury',
  NSSI: 'hurt injury',
  ETOH: 'drink',
  EtOH: 'drink',
  ER: 'emergency room',
  ED: 'emergency department',
  PCP: 'primary care',
  Hx: 'history',
  hx: 'history',
  Tx: 'treatment',
  tx: 'treatment',
  ROI: 'release information',
  RTC: 'return',
  Pt: 'client',
  pt: 'client',
})

/**
 * Words of note templating: how a note frames a report rather than what was reported. They do not
 * count towards content overlap (they would rarely be in the transcript, and never prove anything).
 */
export const TEMPLATE_WORDS: ReadonlySet<string> = new Set(
  `client clients patient patients pt clinician clinicians therapist counselor counsellor provider writer
  facilitator facilitators co-facilitator prescriber psychiatrist supervisor supervisee member members group
  reported reports report reporting stated states state said says say shared shares described describes
  describe endorsed endorses endorse expressed expresses express explained explains explain noted notes note
  indicated indicates indicate mentioned mentions mention disclosed discloses disclose acknowledged
  acknowledges acknowledge admitted admits admit verbalized verbalizes verbalised voiced voices recalled
  recalls discussed discusses discuss explored explores explore processed processes reviewed reviews review
  provided provides provide encouraged encourages encourage validated validates reflected reflects
  psychoeducation intervention interventions session sessions today currently continues continued continue
  per further additionally also that they them their themselves he she him her his hers himself herself
  agreed agrees agree affirmed confirmed confirms confirm asked asks responded responds reportedly
  including include includes access score scores scored follow-up followup advised advises recommended
  recommends suggested suggests reminded instructed whether either whose upon via toward towards across
  around within among onto`
    .split(/\s+/)
    .filter(Boolean),
)

/** Nouns and titles that name who said something, mapped to the roles that may have said it. */
export const SUBJECT_ROLES: ReadonlyMap<string, readonly Role[]> = table({
  client: ['client'],
  patient: ['client'],
  pt: ['client'],
  member: ['group-member'],
  members: ['group-member'],
  clinician: ['clinician', 'prescriber', 'supervisor'],
  clinicians: ['clinician', 'prescriber', 'supervisor'],
  therapist: ['clinician', 'prescriber', 'supervisor'],
  counselor: ['clinician', 'prescriber', 'supervisor'],
  counsellor: ['clinician', 'prescriber', 'supervisor'],
  writer: ['clinician', 'prescriber', 'supervisor'],
  provider: ['clinician', 'prescriber', 'supervisor'],
  facilitator: ['clinician', 'prescriber', 'supervisor'],
  facilitators: ['clinician', 'prescriber', 'supervisor'],
  'co-facilitator': ['clinician', 'prescriber', 'supervisor'],
  prescriber: ['prescriber', 'clinician'],
  psychiatrist: ['prescriber', 'clinician'],
  supervisor: ['supervisor'],
  supervisee: ['supervisee'],
  mother: ['family'],
  father: ['family'],
  parent: ['family'],
  parents: ['family'],
  stepfather: ['family'],
  stepmother: ['family'],
  stepparent: ['family'],
  guardian: ['family'],
  sister: ['family'],
  brother: ['family'],
  husband: ['family'],
  wife: ['family'],
  partner: ['family'],
  son: ['family'],
  daughter: ['family'],
  grandmother: ['family'],
  grandfather: ['family'],
  aunt: ['family'],
  uncle: ['family'],
  family: ['family'],
})

/** Words between a subject and its head noun that do not change who it is ("The client's mother"). */
export const SUBJECT_FILLERS: ReadonlySet<string> = new Set([
  'the',
  'this',
  'both',
  'group',
  'co',
  'treating',
  'identified',
])

/** Titles before a surname ("Mr. Blaylock") and credentials after a name ("…, LMFT"). */
export const NAME_TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'miss'])

/**
 * Verbs by which a note attributes words to someone (past tense, and the present tense notes use:
 * "Client reports"). After one of these the subject must be a speaker of the evidence.
 */
export const REPORTING_VERBS: ReadonlySet<string> = new Set(
  `reported reports stated states said says shared shares described describes denied denies endorsed
  endorses expressed expresses explained explains noted notes indicated indicates mentioned mentions
  disclosed discloses acknowledged acknowledges admitted admits verbalized verbalised verbalizes voiced
  recalled recalls rated told asked suggested recommended proposed agreed replied answered added
  emphasized emphasised requested complained identified confirmed affirmed conveyed revealed insisted advised
  reminded instructed
  report state say share describe deny endorse express explain note indicate mention disclose acknowledge
  admit`
    .split(/\s+/)
    .filter(Boolean),
)

/** Words that may sit between a subject and its reporting verb ("Client also reported", "has denied"). */
export const VERB_FILLERS: ReadonlySet<string> = new Set(
  `also again then further later initially repeatedly consistently clearly openly has have had did does
  was were is be been spontaneously tearfully not never n't didn't doesn't don't`
    .split(/\s+/)
    .filter(Boolean),
)

/** Units after a number, folded to one spelling; a number in a different unit is a different fact. */
export const UNIT_CANON: ReadonlyMap<string, string> = table({
  mg: 'mg',
  mgs: 'mg',
  milligram: 'mg',
  milligrams: 'mg',
  mcg: 'mcg',
  microgram: 'mcg',
  micrograms: 'mcg',
  g: 'g',
  gram: 'g',
  grams: 'g',
  ml: 'ml',
  milliliter: 'ml',
  milliliters: 'ml',
  millilitre: 'ml',
  millilitres: 'ml',
  cc: 'ml',
  hour: 'hour',
  hours: 'hour',
  hr: 'hour',
  hrs: 'hour',
  minute: 'minute',
  minutes: 'minute',
  min: 'minute',
  mins: 'minute',
  day: 'day',
  days: 'day',
  night: 'night',
  nights: 'night',
  week: 'week',
  weeks: 'week',
  wk: 'week',
  wks: 'week',
  month: 'month',
  months: 'month',
  mos: 'month',
  year: 'year',
  years: 'year',
  yr: 'year',
  yrs: 'year',
  pound: 'lb',
  pounds: 'lb',
  lb: 'lb',
  lbs: 'lb',
  kilo: 'kg',
  kilos: 'kg',
  kg: 'kg',
  percent: 'percent',
  '%': 'percent',
  dollar: 'dollar',
  dollars: 'dollar',
  bucks: 'dollar',
  $: 'dollar',
  mile: 'mile',
  miles: 'mile',
  tablet: 'tablet',
  tablets: 'tablet',
  pill: 'tablet',
  pills: 'tablet',
})

/** Unit pairs that name one unit in two ways, so a note may use either ("nights" for "days" of sleep is not). */
export const UNIT_EQUIVALENT: ReadonlyMap<string, readonly string[]> = table({
  day: ['night'],
  night: ['day'],
})
