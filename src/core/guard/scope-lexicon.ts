import { z } from 'zod'

/** Kinds of clinical determination the scope guard looks for (flag kinds `scope.<kind>`). */
export const ScopeKind = z.enum([
  'diagnosis',
  'diagnostic_code',
  'treatment_recommendation',
  'clinical_advice',
])
export type ScopeKind = z.infer<typeof ScopeKind>

/** Abbreviations and variants → one canonical diagnosis name, so "OCD" in evidence supports "obsessive-compulsive disorder". */
export const DIAGNOSIS_CANON: ReadonlyMap<string, string> = new Map([
  ['mdd', 'major depressive disorder'],
  ['major depression', 'major depressive disorder'],
  ['gad', 'generalized anxiety disorder'],
  ['ptsd', 'posttraumatic stress disorder'],
  ['post traumatic stress disorder', 'posttraumatic stress disorder'],
  ['c-ptsd', 'complex ptsd'],
  ['cptsd', 'complex ptsd'],
  ['ocd', 'obsessive compulsive disorder'],
  ['ocpd', 'obsessive compulsive personality disorder'],
  ['adhd', 'attention deficit hyperactivity disorder'],
  ['attention deficit/hyperactivity disorder', 'attention deficit hyperactivity disorder'],
  ['add', 'attention deficit disorder'],
  ['asd', 'autism spectrum disorder'],
  ['autism', 'autism spectrum disorder'],
  ['bpd', 'borderline personality disorder'],
  ['odd', 'oppositional defiant disorder'],
  ['dmdd', 'disruptive mood dysregulation disorder'],
  ['pdd', 'persistent depressive disorder'],
  ['dysthymia', 'persistent depressive disorder'],
  ['aud', 'alcohol use disorder'],
  ['oud', 'opioid use disorder'],
  ['sud', 'substance use disorder'],
  ['cud', 'cannabis use disorder'],
  ['pmdd', 'premenstrual dysphoric disorder'],
  ['sad', 'social anxiety disorder'],
  ['social phobia', 'social anxiety disorder'],
  ['bdd', 'body dysmorphic disorder'],
  ['did', 'dissociative identity disorder'],
  ['ied', 'intermittent explosive disorder'],
  ['pgd', 'prolonged grief disorder'],
  ['als', 'amyotrophic lateral sclerosis'],
  ['lou gehrig', 'amyotrophic lateral sclerosis'],
  ['tbi', 'traumatic brain injury'],
  ['ibs', 'irritable bowel syndrome'],
  ['binge eating disorder', 'binge-eating disorder'],
  ['bipolar', 'bipolar disorder'],
])

/** A medication change: start, stop, raise or lower a medication or its dose. */
export const MEDICATION_ACTION =
  /\b(?:start(?:ed|ing|s)?|begin(?:s|ning)?|began|initiat\w+|add(?:ed|ing|s)?|prescrib\w+|stop(?:ped|ping|s)?|discontinu\w+|taper\w*|increas\w+|decreas\w+|rais(?:e|ed|es|ing)|lower(?:ed|ing|s)?|titrat\w+|switch\w*|adjust\w*|reduc\w+|go(?:ing)? up|went up|come off|wean\w*|doubl\w+|halv\w+|cut (?:back|down))\b/i

/** Words for a dose when no medication is named ("increase the dose"). */
export const DOSE_WORDS = /\b(?:dose|dosage|doses|medication|medications|meds|mg|milligrams?)\b/i

/** The direction families of medication changes: evidence must state the same kind of change. */
export const ACTION_FAMILIES: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  {
    name: 'increase',
    pattern: /\b(?:increas\w+|rais\w+|go(?:ing)? up|went up|bump\w*|higher|doubl\w+|up (?:it|to))\b/i,
  },
  {
    name: 'decrease',
    pattern: /\b(?:decreas\w+|lower\w*|reduc\w+|go(?:ing)? down|cut (?:back|down)|halv\w+|taper\w*)\b/i,
  },
  {
    name: 'start',
    pattern: /\b(?:start\w*|begin\w*|began|initiat\w+|add\w*|prescrib\w+|try(?:ing)?|trial)\b/i,
  },
  {
    name: 'stop',
    pattern: /\b(?:stop\w*|discontinu\w+|come off|coming off|wean\w*|quit\w*|taper\w* off)\b/i,
  },
  { name: 'switch', pattern: /\b(?:switch\w*|change\w*|instead)\b/i },
]

/** Referrals and levels of care. The matched words name the target the evidence must also name. */
export const REFERRAL =
  /\b(?:refer(?:red|ral|rals|ring|s)?\s+(?:to|for)\s+(?:a |an |the )?[a-z][a-z -]{2,40}|(?:higher|lower|increased) level of care|inpatient(?: (?:treatment|admission|unit|care))?|intensive outpatient(?: program)?|partial hospitali[sz]ation(?: program)?|residential (?:treatment|program|care)|hospitali[sz](?:e|ed|ation)|psychiatric (?:evaluation|admission)|medication evaluation|detox(?:ification)?(?: program)?)\b|\b(?:IOP|PHP)\b/gi

/** "Recommend ..." in any form: a recommendation whoever it is attributed to. */
export const RECOMMEND = /\b(?:recommend(?:s|ed|ing|ation|ations)?|suggest(?:s|ed|ing|ion)?)\b/i

/** Advice addressed to the client. */
export const ADVICE =
  /\b(?:client|pt|patient|he|she|they|you|[A-Z][a-z]+) (?:should|must|needs? to|ought to|has to|have to|is advised to|would benefit from)\b|\b[Ii]t (?:is|was) (?:advised|recommended|important|essential|necessary|imperative) (?:that|to|for)\b|\b(?:is|was|were|are) advised to\b/g

/** A statement presenting something as a speaker's own report ("Client reported ...", "per client"). */
export const REPORTED_BY =
  /\b(?:client|pt|patient|he|she|they|mother|father|mom|dad|parent|parents|family|caregiver|spouse|partner|husband|wife|member|[A-Z][a-z]+)(?:'s)? (?:\w+ )?(?:reported|reports|stated|states|said|says|described|describes|shared|shares|disclosed|discloses|noted|notes|mentioned|mentions|endorsed|endorses|indicated|indicates|denied|denies|explained|explains|identified|identifies|believes|feels|thinks|wondered|asked|expressed|expresses|acknowledged|acknowledges|recalled|recalls)\b|\bper (?:client|pt|patient|parent|mother|father|family|her|his|their) ?(?:report)?\b|\baccording to (?:the )?(?:client|pt|patient|parent|mother|father|family)\b|\b(?:client|pt|patient)'s (?:report|words|account)\b|\bas reported by\b/

/** The statement presents the finding as the clinician's ("Clinician's impression: ...", "Prescriber recommended ..."). */
export const CLINICIAN_VOICE =
  /\b(?:clinician|therapist|counselor|counsellor|prescriber|psychiatrist|provider|writer|supervisor|dr\.?|doctor|facilitators?|np|pa|lcsw|lmft|lpc)(?:'s)?\b/i

/** Talk that asks about a diagnosis rather than stating one ("asked whether she has OCD"). */
export const ASKING =
  /\b(?:asked|asks|asking|wondered|wonders|wondering|question(?:ed|s)?|unsure|curious) (?:if|whether|about|what)\b/i

/** Qualifiers of a tentative diagnosis; a statement must keep them. */
export const TENTATIVE =
  /\b(?:rule out|r\/o|provisional|possible|probable|consider|versus|vs\.?|differential|suspected)\b/i
