import { findDiagnoses } from '../lexicon/index.js'
import type { TextAnalysis } from './analyse.js'
import { table } from './vocabulary.js'

/**
 * Brand names folded to their generic, so that a note saying "sertraline" for a client's "Zoloft"
 * is not called an invention. Only brand-to-generic pairs of the lexicon are listed.
 */
const GENERIC_OF: ReadonlyMap<string, string> = table({
  zoloft: 'sertraline',
  prozac: 'fluoxetine',
  paxil: 'paroxetine',
  celexa: 'citalopram',
  lexapro: 'escitalopram',
  luvox: 'fluvoxamine',
  effexor: 'venlafaxine',
  pristiq: 'desvenlafaxine',
  cymbalta: 'duloxetine',
  fetzima: 'levomilnacipran',
  wellbutrin: 'bupropion',
  remeron: 'mirtazapine',
  desyrel: 'trazodone',
  trintellix: 'vortioxetine',
  viibryd: 'vilazodone',
  elavil: 'amitriptyline',
  pamelor: 'nortriptyline',
  tofranil: 'imipramine',
  anafranil: 'clomipramine',
  silenor: 'doxepin',
  nardil: 'phenelzine',
  parnate: 'tranylcypromine',
  emsam: 'selegiline',
  spravato: 'esketamine',
  zurzuvae: 'zuranolone',
  buspar: 'buspirone',
  vistaril: 'hydroxyzine',
  atarax: 'hydroxyzine',
  xanax: 'alprazolam',
  ativan: 'lorazepam',
  klonopin: 'clonazepam',
  valium: 'diazepam',
  librium: 'chlordiazepoxide',
  restoril: 'temazepam',
  ambien: 'zolpidem',
  lunesta: 'eszopiclone',
  sonata: 'zaleplon',
  belsomra: 'suvorexant',
  dayvigo: 'lemborexant',
  rozerem: 'ramelteon',
  benadryl: 'diphenhydramine',
  inderal: 'propranolol',
  minipress: 'prazosin',
  kapvay: 'clonidine',
  intuniv: 'guanfacine',
  tenex: 'guanfacine',
  lithobid: 'lithium',
  lamictal: 'lamotrigine',
  depakote: 'divalproex',
  tegretol: 'carbamazepine',
  equetro: 'carbamazepine',
  trileptal: 'oxcarbazepine',
  topamax: 'topiramate',
  neurontin: 'gabapentin',
  lyrica: 'pregabalin',
  abilify: 'aripiprazole',
  rexulti: 'brexpiprazole',
  vraylar: 'cariprazine',
  seroquel: 'quetiapine',
  zyprexa: 'olanzapine',
  risperdal: 'risperidone',
  invega: 'paliperidone',
  geodon: 'ziprasidone',
  latuda: 'lurasidone',
  saphris: 'asenapine',
  fanapt: 'iloperidone',
  caplyta: 'lumateperone',
  clozaril: 'clozapine',
  haldol: 'haloperidol',
  thorazine: 'chlorpromazine',
  ritalin: 'methylphenidate',
  concerta: 'methylphenidate',
  focalin: 'dexmethylphenidate',
  adderall: 'amphetamine',
  vyvanse: 'lisdexamfetamine',
  dexedrine: 'dextroamphetamine',
  strattera: 'atomoxetine',
  qelbree: 'viloxazine',
  provigil: 'modafinil',
  nuvigil: 'armodafinil',
  suboxone: 'buprenorphine',
  subutex: 'buprenorphine',
  sublocade: 'buprenorphine',
  zubsolv: 'buprenorphine',
  vivitrol: 'naltrexone',
  revia: 'naltrexone',
  narcan: 'naloxone',
  campral: 'acamprosate',
  antabuse: 'disulfiram',
  chantix: 'varenicline',
  lucemyra: 'lofexidine',
  oxycontin: 'oxycodone',
  percocet: 'oxycodone',
  vicodin: 'hydrocodone',
  norco: 'hydrocodone',
  ultram: 'tramadol',
  dilaudid: 'hydromorphone',
  advil: 'ibuprofen',
  motrin: 'ibuprofen',
  aleve: 'naproxen',
  tylenol: 'acetaminophen',
  flexeril: 'cyclobenzaprine',
  synthroid: 'levothyroxine',
  lipitor: 'atorvastatin',
  prilosec: 'omeprazole',
  ozempic: 'semaglutide',
  wegovy: 'semaglutide',
  mounjaro: 'tirzepatide',
  zepbound: 'tirzepatide',
  imitrex: 'sumatriptan',
  singulair: 'montelukast',
  zofran: 'ondansetron',
})

/** The generic name of a medication (brand names folded), lower case. */
export function genericName(term: string): string {
  const t = term.toLowerCase()
  return GENERIC_OF.get(t) ?? t
}

/**
 * Medications and medication classes the statement names that its evidence does not. A class
 * ("an antidepressant") is accepted when the evidence names the class or any medication, since
 * the lexicon does not say which class a medication belongs to.
 */
export function checkMedications(statement: TextAnalysis, evidence: readonly TextAnalysis[]): string[] {
  if (statement.medications.size === 0 && statement.medicationClasses.size === 0) return []
  const reasons: string[] = []
  const meds = new Set<string>()
  const classes = new Set<string>()
  for (const e of evidence) {
    for (const m of e.medications) meds.add(m)
    for (const c of e.medicationClasses) classes.add(c)
  }
  for (const m of statement.medications) {
    if (!meds.has(m)) reasons.push(`medication ${m} not in evidence`)
  }
  for (const c of statement.medicationClasses) {
    if (!classes.has(c) && meds.size === 0) reasons.push(`medication class ${c} not in evidence`)
  }
  return reasons
}

function diagnosesIn(text: string): Set<string> {
  return new Set(findDiagnoses(text).map((d) => d.term.toLowerCase()))
}

/** Diagnoses the statement names that its evidence does not (a diagnosis is never the verifier's to infer). */
export function checkDiagnoses(statement: TextAnalysis, evidence: readonly TextAnalysis[]): string[] {
  const named = diagnosesIn(statement.text)
  if (named.size === 0) return []
  const said = new Set(evidence.flatMap((e) => [...diagnosesIn(e.text)]))
  return [...named].filter((d) => !said.has(d)).map((d) => `diagnosis ${d} not in evidence`)
}
