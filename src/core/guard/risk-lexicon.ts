import { MEDICATIONS } from '../lexicon/index.js'
import type { RiskCategory } from './risk-category.js'

/**
 * Whose risk an expression describes, which decides how its subject is resolved:
 * - `self`: harm to oneself (suicide family, self-harm, overdose): the reflexive or clause subject;
 * - `other`: thoughts or intent of harming a person: the clause subject (agent), with a person object;
 * - `act`: a physical act against a person: violence by the agent, or abuse of the victim (object);
 * - `property`: violence against things: the agent;
 * - `victim`: abuse vocabulary ("was abused", "CPS"): the victim;
 * - `means`: lethal means in a household: the household of the person discussed;
 * - `use`: alcohol or drug use: the user;
 * - `context`: words ("plan", "intent", "do it", "those thoughts") whose category comes from the risk
 *   topic already in play; they only count in denials and in answers to a risk question.
 */
export type RiskTarget = 'self' | 'other' | 'act' | 'property' | 'victim' | 'means' | 'use' | 'context'

/** Which utterances an expression is looked for in. */
export type ExpressionScope = 'any' | 'question'

/** One risk expression: a pattern and the categories it signals. */
export interface RiskExpression {
  /** Short stable name, used in tests and for debugging. */
  id: string
  categories: readonly RiskCategory[]
  target: RiskTarget
  /** Matched against the lower-cased sentence (straight quotes) unless `cased`. */
  pattern: RegExp
  /** Match the sentence as written (abbreviations such as SI/HI that collide with words in lower case). */
  cased?: boolean
  /** `question`: only when deriving the topic of a clinician's question (phrasings too loose for statements). */
  scope?: ExpressionScope
  /**
   * For patterns with an `obj` group: the object must be a person (pronoun, person noun or name).
   * For `act` expressions the object is the victim.
   */
  personObject?: boolean
  /** A question whose "no" is the risk ("Do you feel safe at home?"). */
  inverted?: boolean
  /** A cheap test the sentence must pass before the (long) pattern is tried; only for speed. */
  gate?: RegExp
}

const g = (source: string): RegExp => new RegExp(source, 'g')

// Reflexive and possessive forms, so that the same expression serves statements ("myself"),
// questions ("yourself") and reports about someone else ("himself").
const SELF = '(?:my|your|him|her|them|our)sel(?:f|ves)'
const POSS = '(?:my|your|his|her|their)'
const KILL_VERB = 'kill(?:s|ed|ing)?'
// Ways of killing oneself, as verb phrases that follow "tried to", "thought about", "plan to".
const METHOD = `(?:hang|drown|shoot|gas|suffocate|poison|overdose|od) ${'(?:my|your|him|her|them|our)sel(?:f|ves)'}|slit (?:my|your|his|her|their) wrists?|jump (?:off (?:a|the) (?:bridge|building|roof|overpass|cliff|balcony)|in front of (?:a|the) (?:train|bus|truck|car))`
const HARM_VERB = '(?:hurt(?:s|ing)?|harm(?:s|ed|ing)?)'
const WANT = '(?:want(?:s|ed|ing)?|wanna|wish(?:es|ed|ing)?|hop(?:e|ed|ing))'
const NOT = "(?:don't|do not|didn't|did not|doesn't|does not|not|no longer|never|n't)"
const DRUG =
  '(?:heroin|fentanyl|fent|dope|meth|crystal|cocaine|coke|crack|pills|oxy(?:s|contin|codone)?|percs?|percocets?|xanax|bars|benzos?|molly|ecstasy|mdma|acid|lsd|shrooms|mushrooms|ketamine|weed|pot|marijuana|cannabis|edibles|a joint|joints|blunts?|speed|opiates?|opioids?|h)'
const DRINKS =
  '(?:vodka|whiskey|whisky|wine|rum|tequila|gin|beers?|drinks?|glasses(?: of wine)?|shots?|bottles?(?: of wine)?|cans|pints|tall boys|fifths?)'
const AMOUNT =
  '(?:a (?:fifth|pint|bottle|case|six-pack|twelve-pack|handle)(?: of)?|\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|a couple(?: of)?|several|some|a lot of|lots of|like \\d+|about \\d+)'
const FIREARM =
  '(?:guns?|firearms?|rifles?|shotguns?|handguns?|pistols?|revolvers?|weapons?|ammo|ammunition|glock|ar-?15)'
const HOME =
  '(?:at home|in (?:the |his |her |my |your |their )?(?:home|house|apartment|place|car|truck|closet|safe|garage|bedroom|room|nightstand|basement|cabinet)|where (?:you|i|he|she|they) (?:live|stay)s?)'
// A medication name from the shared lexicon, or a generic word for medicines.
const MED = `(?:pills|meds|medications?|medicines?|painkillers|prescriptions|sleeping pills|opioids|${[
  ...MEDICATIONS,
]
  .filter((m) => /^[a-z][a-z -]+$/.test(m))
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/ /g, '\\s'))
  .join('|')})`
// An object noun phrase; the code checks that it is a person (pronoun, person noun or name).
const OBJ = "(?<obj>(?:my|his|her|their|your|our|the|that|this|a|an) (?:[a-z'-]+ ){0,2}[a-z'-]+|[a-z'-]+)"
// A single-word object (or determiner + noun), for patterns where a longer phrase would swallow the clause.
const OBJ1 = "(?<obj>(?:my|his|her|their|your|our|the|that|this|a|an) [a-z'-]+|[a-z'-]+)"
const VIOLENT = '(?:kill|murder|shoot|stab|strangle|choke|poison|beat up|beat|attack|hurt|harm)'
const VIOLENT_ING =
  '(?:killing|murdering|shooting|stabbing|strangling|choking|poisoning|beating|attacking|hurting|harming)'

/** The risk expressions, one typed table; the detector never matches sample strings. */
export const RISK_EXPRESSIONS: readonly RiskExpression[] = [
  // ── suicide: ideation ──────────────────────────────────────────────────────────────────────
  {
    id: 'kill-self',
    categories: ['suicidal_ideation'],
    target: 'self',
    pattern: g(`\\b${KILL_VERB} ${SELF}\\b`),
  },
  {
    id: 'method-self',
    categories: ['suicidal_ideation'],
    target: 'self',
    pattern: g(
      `\\b(?:hang(?:s|ed|ing)?|drown(?:s|ed|ing)?|shoot(?:s|ing)?|shot|gas(?:sed|sing)?|suffocat(?:e|ed|ing)|poison(?:ed|ing)?) ${SELF}\\b|\\b(?:think|thinking|thought|thoughts) (?:about|of) (?:driving|crashing|swerving|steering) (?:my |the )?(?:car |truck )?(?:into|off)\\b|\\bswerv(?:e|ing) into (?:oncoming )?traffic\\b|\\bslit(?:ting)? ${POSS} wrists?\\b|\\bjump(?:ed|ing|s)? (?:off (?:a|the) (?:bridge|building|roof|overpass|cliff|balcony)|in front of (?:a|the) (?:train|bus|truck|car))\\b`,
    ),
  },
  {
    id: 'end-life',
    categories: ['suicidal_ideation'],
    target: 'self',
    pattern: g(
      `\\b(?:end(?:s|ed|ing)?|tak(?:e|es|ing)|took) ${POSS} (?:own )?life\\b|\\bend(?:ing)? it all\\b|\\bend(?:ing)? things\\b|\\b(?:thought|thinking|think|thoughts) (?:about|of) end(?:ing)? (?:it|things)\\b(?! with)|\\bwant(?:ed)? (?:it all|everything) to (?:just )?end\\b`,
    ),
  },
  {
    id: 'suicide-word',
    categories: ['suicidal_ideation'],
    target: 'self',
    pattern: g('\\bsuicid(?:e|al|ality)\\b(?! (?:attempts?|notes?|plans?))'),
  },
  {
    id: 'si-abbr',
    categories: ['suicidal_ideation'],
    target: 'self',
    cased: true,
    pattern: g('\\bS/?I\\b(?!\\s+joint)'),
  },
  {
    id: 'passive-si',
    categories: ['passive_death_wish', 'suicidal_ideation'],
    target: 'self',
    cased: true,
    pattern: g(
      '\\b[Pp]assive (?:SI|suicidal)\\b|\\b(?:[Pp]assive )?[Dd]eath wish(?:es)?\\b|\\b[Pp]assive (?:thoughts of death|ideation)\\b',
    ),
  },
  // ── suicide: passive death wish ────────────────────────────────────────────────────────────
  {
    id: 'want-die',
    categories: ['passive_death_wish'],
    target: 'self',
    pattern: g(`\\b${WANT} (?:to )?(?:just )?(?:die|be dead|not be alive|not exist|disappear forever)\\b`),
  },
  {
    id: 'wish-dead',
    categories: ['passive_death_wish'],
    target: 'self',
    pattern: g(
      `\\b${WANT} (?:that )?(?:i|you|he|she) (?:was|were|could be|would be) (?:dead|gone|never born)\\b`,
    ),
  },
  {
    id: 'better-off-dead',
    categories: ['passive_death_wish'],
    target: 'self',
    pattern: g(
      "\\b(?:better off dead|rather be dead|(?:would|'d) (?:just )?rather die(?! than| if| for))\\b",
    ),
  },
  {
    id: 'not-want-live',
    categories: ['passive_death_wish'],
    target: 'self',
    pattern: g(
      `\\b${NOT} (?:really )?(?:want|wanting|wanna|wish|care) (?:to )?(?:live|be alive|exist|wake up|be here anymore|be around anymore|(?:go on|keep going)(?= *(?:[.!?]|$| anymore| like this| living)))\\b|\\bdon't care if i (?:die|live|wake up)\\b|\\bnot sure (?:if |that )?i (?:want|wanna) to (?:live|be alive|keep living|be here anymore|go on)\\b`,
    ),
  },
  {
    id: 'not-wake-up',
    categories: ['passive_death_wish'],
    target: 'self',
    pattern: g(
      "\\b(?:if i (?:just )?|hope i |sleep and |wish i (?:would |could )?(?:just )?|that i (?:just )?)(?:didn't|did not|don't|do not|wouldn't|would not|never|not|won't)(?: ever)? wake(?: up)?\\b",
    ),
  },
  {
    id: 'no-reason-live',
    categories: ['passive_death_wish'],
    target: 'self',
    pattern: g(
      "\\b(?:no reason to live|no point (?:in|of) (?:living|being alive|going on)|(?:don't|do not|can't|cannot) see (?:the|any) point (?:in|of) (?:living|being alive|going on|being here)|nothing (?:left )?to live for|not worth living|tired of (?:living|being alive)|can't go on|wouldn't mind (?:dying|if i died|not waking up)|(?:bus|car|truck) (?:would )?hit me|if i (?:got|get|were|was) hit by a (?:bus|car|truck|train))\\b",
    ),
  },
  {
    id: 'danger-to-self',
    categories: ['suicidal_ideation'],
    target: 'self',
    pattern: g('\\b(?:a )?danger to (?:yourself|myself|himself|herself|self)\\b'),
  },
  {
    id: 'death-thoughts',
    categories: ['passive_death_wish'],
    target: 'self',
    pattern: g(
      '\\b(?:thoughts? (?:of|about)|think(?:ing)? about|thought about) (?:death (?:or|and) )?(?:dying|being dead|not (?:being here|being alive|existing|waking up))\\b',
    ),
  },
  {
    id: 'safe-at-home',
    categories: ['abuse'],
    target: 'victim',
    scope: 'question',
    inverted: true,
    pattern: g(
      '\\b(?:feel )?safe (?:at home|in (?:your|the) (?:home|house|relationship))\\b|\\b(?:afraid|scared) of (?:your|him|her|anyone at home)\\b',
    ),
  },
  {
    id: 'not-want-be-here',
    categories: ['passive_death_wish'],
    target: 'self',
    scope: 'question',
    pattern: g(
      `\\b${NOT} (?:really )?(?:want|wanting|wanna) to be (?:here|around|alive)\\b|\\bwanting to be dead\\b`,
    ),
  },
  // ── suicide: burdensomeness ────────────────────────────────────────────────────────────────
  {
    id: 'better-off-without',
    categories: ['burdensomeness'],
    target: 'self',
    pattern: g(
      "\\b(?:better off|happier|easier) (?:without (?:me|him|her|you)|if (?:i|you|he|she) (?:just )?(?:(?:was|were|wasn't|weren't) (?:gone|dead|not here|not around|around|here|alive)|disappeared|died|left for good))\\b",
    ),
  },
  {
    id: 'burden',
    categories: ['burdensomeness'],
    target: 'self',
    pattern: g(
      "\\b(?:i'm|i am|being|be|feel like|feeling like|felt like|just|such) (?:just )?(?:a|such a|the) (?:burden|weight on)\\b|\\bburden (?:to|on) (?:everyone|everybody|them|my|you|people|the family)\\b|\\b(?:nobody|no one) would (?:care|notice|miss me)(?: if i (?:died|was gone|were gone|disappeared))?\\b",
    ),
  },
  // ── suicide: plan, intent, attempt ─────────────────────────────────────────────────────────
  {
    id: 'suicide-plan',
    categories: ['suicide_plan'],
    target: 'self',
    pattern: g(
      `\\bsuicide plans?\\b|\\bplan(?:s|ned|ning)? (?:to|on|for) (?:${KILL_VERB} ${SELF}|end(?:ing)? ${POSS} life|suicide|overdos(?:e|ing)|jump(?:ing)?|hang(?:ing)? ${SELF}|shoot(?:ing)? ${SELF})\\b|\\b(?:wrote|writing|written|write) (?:a )?(?:suicide|goodbye) (?:notes?|letters?)\\b|\\bstockpil(?:e|ed|ing)\\b|\\bsav(?:e|ed|ing) up (?:my )?(?:pills|meds|medication)\\b|\\b(?:research(?:ed|ing)?|look(?:ed|ing)? up|googl(?:e|ed|ing)|search(?:ed|ing)? (?:for)?) (?:how|ways) (?:to (?:die|kill)|many pills)\\b|\\b(?:thought|thinking|think) about (?:taking|swallowing) (?:all|a bunch|a handful|the whole bottle) (?:of )?${POSS}? ?(?:pills|meds|medications?)\\b`,
    ),
  },
  {
    id: 'suicide-intent',
    categories: ['suicide_intent'],
    target: 'self',
    pattern: g(
      `\\b(?:trying|try|intend(?:ing)?|mean(?:t|ing)?) to (?:die|${KILL_VERB} ${SELF}|end ${POSS} life)\\b|\\b(?:going|gonna) to (?:${KILL_VERB} ${SELF}|end ${POSS} life)\\b|\\b(?:intent|intention)s? (?:to|of) (?:die|dying|kill|killing|end|ending)\\b`,
    ),
  },
  {
    id: 'suicide-attempt',
    categories: ['suicide_attempt'],
    target: 'self',
    pattern: g(
      `\\bsuicide attempts?\\b|\\battempt(?:ed|s)? (?:suicide|to ${KILL_VERB})\\b|\\b(?:tried|attempted) to (?:die|${KILL_VERB} ${SELF}|end ${POSS} life|take ${POSS} (?:own )?life|${METHOD})\\b|\\b(?:overdosed|od'd) on purpose\\b|\\b(?:took|swallowed) (?:a bunch|a handful|all|the whole bottle|a whole bottle|a lot) (?:of )?${POSS}? ?(?:pills|meds|medications?|sleeping pills)\\b`,
    ),
  },
  {
    id: 'tried-hurt-self',
    categories: ['suicide_attempt', 'self_harm'],
    target: 'self',
    pattern: g(`\\b(?:tried|attempted) to ${HARM_VERB} ${SELF}\\b`),
  },
  // ── self-harm ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'harm-self',
    categories: ['self_harm'],
    target: 'self',
    pattern: g(
      `\\b(?:hurt(?:s|ing)?|harm(?:s|ed|ing)?|cut(?:s|ting)?|burn(?:s|ed|ing)?|hit(?:s|ting)?|punch(?:es|ed|ing)?|scratch(?:es|ed|ing)?|bang(?:s|ed|ing)?|starv(?:e|ed|ing)) ${SELF}\\b`,
    ),
  },
  {
    id: 'self-harm-word',
    categories: ['self_harm'],
    target: 'self',
    pattern: g('\\bself[- ]?(?:harm(?:ing)?|injur(?:y|ies|ious|ing)|mutilat(?:ion|ing))\\b'),
  },
  {
    id: 'sib-abbr',
    categories: ['self_harm'],
    target: 'self',
    cased: true,
    pattern: g('\\b(?:SIB|NSSI|DSH)\\b'),
  },
  {
    id: 'cutting',
    categories: ['self_harm'],
    target: 'self',
    pattern: g(
      `\\bcutting(?= or\\b| again\\b|[,.;!?]|$| (?:on )?${POSS} (?:arms?|wrists?|legs?|thighs?|skin))|\\bcut ${POSS} (?:arms?|wrists?|legs?|thighs?|skin)\\b|\\b(?:started|stopped|quit|been|history of|hx of|urge to|urges to|used to) cut(?:ting)?\\b|(?<=\\b(?:haven't|have not|hadn't|didn't|did not) )cut (?:in|since|for)\\b|\\bcut(?:ting)?,? (?:like,? )?on ${POSS} (?:arms?|wrists?|legs?|thighs?|stomach|skin)\\b|\\bscratch(?:ing|ed)? ${POSS} (?:arms?|wrists?|skin)(?: until| till| so)\\b`,
    ),
  },
  // ── harm to others ─────────────────────────────────────────────────────────────────────────
  { id: 'hi-abbr', categories: ['homicidal_ideation'], target: 'other', cased: true, pattern: g('\\bHI\\b') },
  {
    id: 'homicidal-word',
    categories: ['homicidal_ideation'],
    target: 'other',
    pattern: g('\\bhomicid(?:al|e)\\b'),
  },
  {
    id: 'self-or-others',
    categories: ['homicidal_ideation'],
    target: 'other',
    pattern: g(
      '\\b(?:yourself|myself|self|himself|herself) (?:or|and|and/or) (?:others|anyone else|someone else|other people|anybody else)\\b|\\bdanger to others\\b',
    ),
  },
  {
    id: 'intent-harm-other',
    categories: ['homicidal_intent'],
    target: 'other',
    personObject: true,
    pattern: g(
      `\\b(?:going to|gonna|plan(?:ning)? to|intend(?:ing)? to|intention (?:to|of)|intent to|about to|will|'ll) (?:actually )?(?:${VIOLENT}|${VIOLENT_ING}) ${OBJ}`,
    ),
  },
  {
    id: 'think-harm-other',
    categories: ['homicidal_ideation'],
    target: 'other',
    personObject: true,
    pattern: g(
      `\\b(?:think(?:s|ing)?|thought|thoughts|fantasi[sz](?:e|es|ed|ing)|fantas(?:y|ies)|imagin(?:e|es|ed|ing)|pictur(?:e|es|ed|ing)|urges?|${WANT}|feel(?:s|ing)? like|felt like|tempted|would|'d|could)(?: or (?:intention|intent|plan|urge)s?)? (?:about |of |to )?(?:${VIOLENT}|${VIOLENT_ING}) ${OBJ}`,
    ),
  },
  {
    id: 'kill-other',
    categories: ['homicidal_ideation'],
    target: 'other',
    personObject: true,
    pattern: g(`\\b(?:kill|murder|shoot|stab|strangle|poison)(?:s|ed|ing)? ${OBJ}`),
  },
  {
    id: 'run-off-road',
    categories: ['homicidal_ideation'],
    target: 'other',
    personObject: true,
    pattern: g(`\\b(?:run|running|ran|runs) ${OBJ1} (?:off the road|over|down with)\\b`),
  },
  {
    id: 'surveillance',
    categories: ['violence'],
    target: 'other',
    pattern: g(
      `\\b(?:driv(?:e|en|es|ing)|drove|walk(?:ed|ing)?|went) (?:by|past) ${POSS} (?:ex's |ex-wife's |ex-husband's )?(?:house|place|apartment|work|job|school)\\b|\\bfollow(?:s|ed|ing)? (?:her|him|them) (?:home|around|to work)\\b|\\bstalk(?:s|ed|ing)?\\b|\\bshow(?:s|ed|ing)? up at ${POSS} (?:house|place|work|job|apartment)\\b|\\b(?:sat|sitting|parked|waited|waiting) outside ${POSS} (?:house|place|work|apartment)\\b`,
    ),
  },
  {
    id: 'fight-threat',
    categories: ['violence'],
    target: 'other',
    pattern: g(
      `\\b(?:got|get|gets|getting|been) (?:in|into) (?:a |another |some )?(?:fist ?)?fights?\\b|\\bfist ?fights?\\b|\\bthreaten(?:s|ed|ing)? to (?:kill|hurt|shoot|stab|beat)\\b|\\bviolen(?:t|ce)\\b(?! (?:movie|film|show|game|video))`,
    ),
  },
  // ── physical acts against a person: violence by the agent or abuse of the victim ─────────────
  {
    id: 'physical-act',
    categories: ['violence', 'abuse'],
    target: 'act',
    personObject: true,
    pattern: g(
      `\\b(?:hit|hits|hitting|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|smack(?:s|ed|ing)?|kick(?:s|ed|ing)?|chok(?:e|es|ed|ing)|strangl(?:e|es|ed|ing)|shov(?:e|es|ed|ing)|beat(?:s|ing)?|beat up|whip(?:s|ped)?|spank(?:s|ed|ing)?|stab(?:s|bed|bing)?|shot|shoots|attack(?:s|ed|ing)?|assault(?:s|ed|ing)?|pinn(?:ed|ing)|dragg(?:ed|ing)) ${OBJ}`,
    ),
  },
  {
    id: 'grab-push',
    categories: ['violence', 'abuse'],
    target: 'act',
    personObject: true,
    pattern: g(
      `\\b(?:grabb?(?:ed|ing|s)?|push(?:ed|es|ing)?|throw|threw|thrown|yank(?:ed|ing)?) ${OBJ1}(?= by\\b| back\\b| away\\b| down\\b| against\\b| into (?:the|a)\\b| onto\\b| off\\b| over\\b| out of\\b| up against\\b| to the (?:ground|floor)\\b| around\\b|[.,;!?]|$)`,
    ),
  },
  {
    id: 'thrown-at',
    categories: ['violence', 'abuse'],
    target: 'act',
    personObject: true,
    pattern: g(
      `\\b(?:threw|throws|throw|throwing|hurled) (?:a|an|the|his|her|my|their|some) [a-z]+ at ${OBJ1}`,
    ),
  },
  {
    id: 'harm-general',
    categories: ['violence'],
    target: 'other',
    personObject: true,
    pattern: g(`\\b(?:done|do|did|does) (?:anything|something) (?:to (?:hurt|harm)|violent to) ${OBJ1}`),
  },
  {
    id: 'hands-on',
    categories: ['violence', 'abuse'],
    target: 'act',
    personObject: true,
    pattern: g(
      `\\b(?:(?:put|puts|putting|laid|lay|lays|laying) ${POSS} hands on|(?:got|gotten|get|gets|getting) physical with) ${OBJ}`,
    ),
  },
  {
    id: 'property',
    categories: ['violence'],
    target: 'property',
    pattern: g(
      `\\b(?:punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|smash(?:es|ed|ing)?) (?:a hole in )?(?:the|a|my|our|his|her|their) (?:[a-z]+ )?(?:wall|walls|door|window|mirror|tv|windshield|drywall|car)\\b|\\bput ${POSS} fist through\\b|\\bpunch(?:ed)? (?:a )?holes? in\\b|\\bthrew (?:a|the|his|her|my) [a-z]+ at (?:the|a) (?:wall|floor|door|window|tv)\\b`,
    ),
  },
  // ── abuse vocabulary ───────────────────────────────────────────────────────────────────────
  {
    id: 'abuse-word',
    categories: ['abuse'],
    target: 'victim',
    pattern: g(
      "\\b(?<!substance |drug |alcohol |self-|self )abus(?:e|ed|es|ing|ive)\\b(?! (?:of )?(?:alcohol|drugs|substances|pills|meds))|\\bmolest(?:ed|ing|ation)?\\b|\\brap(?:e|ed)\\b|\\bsexually (?:assaulted|abused|touched)\\b|\\btouched (?:me|him|her) (?:inappropriately|down there)\\b|\\bdomestic violence\\b|\\bchild protective services\\b|\\bthreaten(?:s|ed|ing) to kill me\\b|\\b(?:said|says|swore) (?:he|she|they)(?:'d| would| will| was going to| is going to) kill me\\b",
    ),
  },
  {
    id: 'passive-victim',
    categories: ['abuse'],
    target: 'victim',
    pattern: g(
      '\\b(?:been|was|were|got|gets|get|getting|being) (?:hit|punched|slapped|choked|strangled|beaten|beat up|kicked|shoved|abused|assaulted|sexually assaulted|raped|molested|attacked|stabbed|threatened)\\b(?! (?:by|with) (?:a |the |an )?(?:car|truck|bus|ball|wave|bike|train|forklift|pitch|deer|door|bill|fine|ticket|fee|virus|flu|storm))',
    ),
  },
  // ── lethal means ───────────────────────────────────────────────────────────────────────────
  {
    id: 'firearm-possession',
    categories: ['access_to_means'],
    target: 'means',
    pattern: g(
      `\\b(?:have|has|had|got|gotten|own|owns|owned|keep|keeps|kept|bought|buy|buying|carry|carries|carrying|any|no) (?:[a-z'-]+ ){0,3}${FIREARM}\\b|\\b${FIREARM} ${HOME}\\b|\\baccess to (?:a |any )?(?:${FIREARM}|pills|medications?|means)\\b`,
    ),
  },
  {
    id: 'medication-stock',
    categories: ['access_to_means'],
    target: 'means',
    gate: /closet|cabinet|drawer|cupboard|house|garage|left|stockpil|saved|stash|whole|old|extra|lying/,
    pattern: g(
      `\\b${MED}\\b(?:[^.;?!]{0,40}?)(?:in the (?:hall |bathroom |kitchen |bedroom |medicine )?(?:closet|cabinet|drawer|cupboard|house|garage)|left over|leftover|left in the|stockpiled|saved up|stashed)|\\b(?:left ?over|leftover|old|extra|a whole (?:bottle|box|shoebox|bag) of) ${MED}\\b|\\b${MED} (?:left|lying around)\\b`,
    ),
  },
  // ── overdose ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'overdose',
    categories: ['overdose_risk'],
    target: 'self',
    pattern: g(
      "\\boverdos(?:e|ed|es|ing)\\b|\\bod'?d\\b|\\bnarcan(?:ned|'d)\\b|\\bhad to be (?:narcanned|revived)\\b",
    ),
  },
  {
    id: 'use-alone',
    categories: ['overdose_risk'],
    target: 'self',
    pattern: g(
      `\\b(?:(?:use|used|using|uses|shoot up|shot up|shooting up) (?:${DRUG} )?(?:it )?|(?:did|do|doing) ${DRUG} )(?:alone|by myself|by himself|by herself|on my own)\\b|\\b(?:nobody|no one) (?:was )?(?:there|around|with me) (?:when|while) i (?:used|was using)\\b`,
    ),
  },
  // ── substance use (informational) ──────────────────────────────────────────────────────────
  {
    id: 'used-relapsed',
    categories: ['substance_use'],
    target: 'use',
    pattern: g(
      '\\bi (?:just )?(?:used|relapsed|slipped up|picked up)(?=[.,;!?]|$| again\\b| on (?:the|friday|saturday|sunday|monday|tuesday|wednesday|thursday)\\b| last\\b| yesterday\\b| once\\b| twice\\b| a couple\\b| a few\\b| this\\b)|\\brelapse(?:d)?\\b|\\bgot (?:high|drunk|wasted|loaded|hammered)\\b|\\bblacked out\\b|\\bhung ?over\\b',
    ),
  },
  {
    id: 'drug-use',
    categories: ['substance_use'],
    target: 'use',
    pattern: g(
      `\\b(?:use|used|using|uses|do|did|doing|does|take|took|taking|takes|smoke|smoked|smoking|smokes|snort(?:s|ed|ing)?|shoot(?:ing)? up|shot up|buy|bought|buying) (?:some |a little |more )?${DRUG}\\b`,
    ),
  },
  {
    id: 'drinking',
    categories: ['substance_use'],
    target: 'use',
    pattern: g(
      `\\b(?:drink|drinks|drank|drinking|had|have|having) ${AMOUNT}(?: (?:to|or|-) ${AMOUNT})? ${DRINKS}\\b|\\bdrinking (?:way )?(?:more|a lot|too much|heavily|every (?:day|night)|again|daily|nightly|alone)\\b|\\b(?:etoh|alcohol) ${AMOUNT}(?: (?:to|or|-) ${AMOUNT})? ${DRINKS}\\b|\\b${AMOUNT}(?: (?:to|or|-) ${AMOUNT})? ${DRINKS} (?:a |per |each |every |most |some |on )?(?:nights?|nightly|days?|daily|weeks?|weekends?|evenings?)\\b`,
    ),
  },
  {
    id: 'i-drink',
    categories: ['substance_use'],
    target: 'use',
    pattern: g(
      "\\bi (?:usually |sometimes |still |often |always |just |normally |mostly |really )*(?:drink|drank|get drunk|get high|smoke weed|smoke pot)\\b(?! (?:water|coffee|tea|juice|soda|milk|something|less|more water|it\\b))|\\bhow much i(?:'m)? (?:drink|drinking)\\b|\\bfinish(?:ed)? a (?:bottle|fifth|six-pack)\\b",
    ),
  },
  // ── topic-dependent words (category from the risk topic in play) ────────────────────────────
  {
    id: 'ctx-plan',
    categories: ['suicide_plan', 'homicidal_intent'],
    target: 'context',
    pattern: g(
      "\\b(?<!safety |treatment |care |crisis |discharge |lesson |meal |business |game |birth |payment |phone )(?:a |any |no |the |kind of |some )?plans?\\b(?! for (?:today|the|next|this|when|tonight|tomorrow|the week))|\\bhow (?:you|i|he|she) (?:would|might|could|'d|were going to) do it\\b",
    ),
  },
  {
    id: 'ctx-intent',
    categories: ['suicide_intent', 'homicidal_intent'],
    target: 'context',
    pattern: g(
      '\\b(?:intent|intention|intentions|intend|intending)\\b|\\b(?:do|doing|did) (?:it|that|anything|something)\\b|\\bact(?:ed|ing)? on (?:it|them|that|those|these)\\b|\\bgo(?:ing)? through with it\\b',
    ),
  },
  {
    id: 'ctx-attempt',
    categories: ['suicide_attempt'],
    target: 'context',
    pattern: g('\\b(?:an |any |previous |prior |past )?attempts?\\b'),
  },
  {
    id: 'ctx-anaphora',
    categories: [],
    target: 'context',
    pattern: g(
      '\\b(?:those|these|such) (?:thoughts?|feelings?|urges?)\\b|\\bthat (?:thought|urge)\\b|\\b(?:anything|nothing|thoughts) like that\\b',
    ),
  },
]

/** Object pronouns and indefinites that always denote a person. */
export const PERSON_PRONOUNS: ReadonlySet<string> = new Set([
  'him',
  'her',
  'them',
  'you',
  'someone',
  'somebody',
  'anyone',
  'anybody',
  'people',
  'everyone',
  'everybody',
  'others',
  'one',
])

/** Nouns that denote a person (a determiner + one of these is a person object). */
export const PERSON_NOUNS: ReadonlySet<string> = new Set(
  `mom mother mum mama dad father papa stepdad stepfather stepmom stepmother parent parents brother brothers sister
  sisters son sons daughter daughters stepson stepdaughter stepkid kid kids child children baby husband wife ex
  ex-wife ex-husband boyfriend girlfriend partner fiance fiancee uncle aunt cousin nephew niece grandma grandmother
  grandpa grandfather grandson granddaughter roommate neighbor neighbour friend friends boss supervisor manager
  coworker co-worker coworkers teacher coach landlord guy guys man men woman women lady girl boy dude person
  teammate classmate officer cop wife's husband's family`
    .split(/\s+/)
    .filter(Boolean),
)

/** Kin words for a child of the family: in a family session without the patient they mean the patient. */
export const CHILD_NOUNS: ReadonlySet<string> = new Set(
  'son daughter stepson stepdaughter stepkid kid child boy girl teen teenager'.split(' '),
)

/** Words that mark fiction or media: risk in a plot is nobody's risk. */
export const FICTION_MARKERS =
  /\b(?:movie|film|show|series|episode|book|novel|character|characters|documentary|video game|tv show|podcast|song|lyrics|play|musical|netflix|season finale)\b/
