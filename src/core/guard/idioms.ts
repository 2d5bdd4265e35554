/** A figure of speech that borrows risk words without meaning risk. */
export interface Idiom {
  pattern: RegExp
  /** The idiom does not apply when this matches the same sentence (a real threat reported with the same words). */
  unless?: RegExp
}

const g = (source: string): RegExp => new RegExp(source, 'g')

// Hyperbole about being killed by someone else ("my boss is going to kill me") is an idiom; the
// same words become a report of a threat when someone "threatened" or "said" it.
const THREAT =
  /\b(?:threat|threaten|threatened|threatens|swore|said (?:he|she|they)|told me (?:he|she|they))\b/

/** Idioms, in one table. A risk match that overlaps one of these spans is not a finding. */
export const IDIOMS: readonly Idiom[] = [
  {
    pattern: g(
      '\\bkill(?:s|ed|ing)? (?:it|time|the (?:mood|vibe|lights?|engine|pain|buzz|battery|conversation))\\b',
    ),
  },
  { pattern: g('\\bkill(?:s|ed|ing)? two birds\\b|\\bkill(?:s|ed|ing)? (?:a|the) bottle\\b') },
  {
    pattern: g(
      "\\b(?:i'd|i would|would|could) (?:kill|murder) for\\b|\\bkill(?:s|ed|ing)? for (?:a|an|some|eight|four|\\d)",
    ),
  },
  { pattern: g("\\b(?:could|'d|would) (?:kill|murder) (?:a|an|some) [a-z]+") },
  {
    // "X is killing me", "X is going to kill me", "she would've killed me", "my advisor is going to murder me"
    pattern: g(
      "\\b(?:is|are|was|were|'s|'re|'ll|will|would|'d|gonna|going to|about to|would have|would've|might|may|could)\\b[^.;!?]{0,20}?\\b(?:kill|murder|strangle)(?:s|ed|ing)? (?:me|us)\\b",
    ),
    unless: THREAT,
  },
  { pattern: g('\\b(?:killing|kills|murdering) me\\b'), unless: THREAT },
  { pattern: g('\\bdying (?:to|for)\\b') },
  {
    pattern: g(
      '\\b(?:died|die|dying|dead) (?:of |from )?(?:laughing|laughter|embarrassment|boredom|shame|cringe|happiness)\\b',
    ),
  },
  {
    pattern: g(
      '\\bdeath trap\\b|\\bthe death of (?:me|us|him|her)\\b|\\bover my dead body\\b|\\bdrop dead\\b',
    ),
  },
  {
    pattern: g(
      '\\b(?:scared|bored|worried|sick|tired|love[sd]?|starv(?:e|ed|ing)|freez(?:e|es|ing)|work(?:s|ed|ing)?(?: [a-z]+)?) to death\\b',
    ),
  },
  { pattern: g('\\bdead (?:tired|serious|end|set|weight|last|on|wrong|right)\\b') },
  { pattern: g('\\b(?:rather|sooner) (?:just )?(?:die|be dead|kill (?:my|your)self) than\\b') },
  {
    pattern: g(
      '\\bkill(?:ing)? (?:my|your|him|her)sel(?:f|ves) (?:laughing|trying|to (?:get|finish|make|keep|meet)|at work|over (?:it|this|that)|for (?:this|that|them|work))\\b',
    ),
  },
  { pattern: g('\\b(?:work|eat|smok|drink)(?:s|ed|ing|e)? (?:my|your|him|her)self to death\\b') },
  // "You're killing yourself with those cigarettes": health talk, not suicide.
  {
    pattern: g(
      '\\bkill(?:s|ed|ing)? (?:my|your|him|her)self (?:with|by) (?:smoking|drinking|eating|these|those|the|all|that|this|cigarettes|booze|junk)\\b',
    ),
  },
  { pattern: g('\\bbeat(?:s|ing)? (?:my|your|him|her)self up\\b') },
  {
    pattern: g(
      '\\bcut(?:s|ting)? (?:my|your|him|her)self (?:off|some slack|short|shaving|cooking|chopping|on (?:a|the))\\b',
    ),
  },
  {
    pattern: g(
      '\\bhurt(?:s|ing)? (?:my|your)self (?:in the long run|more than)\\b|\\b(?:only|just) hurting (?:my|your)self\\b',
    ),
  },
  { pattern: g('\\bsuicide (?:squad|run|runs|sprints?|drills?|mission|doors|lines)\\b') },
  {
    pattern: g(
      '\\bshoot (?:me|him|her|us) (?:a|an) (?:text|message|email|note|line)\\b|\\bshot (?:me|him|her|us) (?:a|an) (?:look|text|glare|message|email)\\b',
    ),
  },
  {
    pattern: g(
      '\\bhit (?:me|him|her|us|them) up\\b|\\bhit (?:me|him|her|us|them) (?:hard|like|with the|that)\\b',
    ),
  },
  { pattern: g('\\b(?:kicked|kicks|kick|threw|throw|throws) (?:me|him|her|us|them) out\\b') },
  { pattern: g('\\bbeat (?:me|him|her|us|them) (?:at|in|to)\\b') },
  // Competition: "I used to be able to beat him", "she can't beat me".
  {
    pattern: g(
      "\\b(?:able to|can|could|can't|couldn't|cannot|try to|trying to) beat (?:me|him|her|us|them|you)\\b",
    ),
  },
  {
    pattern: g(
      '\\bgun it\\b|\\bjump(?:s|ed|ing)? the gun\\b|\\bsmoking gun\\b|\\bson of a gun\\b|\\bunder the gun\\b|\\bstick(?:ing)? to (?:my|your|his|her) guns\\b|\\bbig guns\\b|\\btop gun\\b',
    ),
  },
  {
    pattern: g(
      '\\b(?:hot glue|glue|nail|staple|heat|water|squirt|nerf|toy|paintball|airsoft|bb|spray|caulk|caulking|grease|radar|glitter|finger) (?:gun|guns|pistol|pistols|rifle)\\b',
    ),
  },
  {
    pattern: g(
      '\\boverdos(?:e|ed|ing) on (?:sugar|caffeine|coffee|chocolate|netflix|tv|candy|carbs|cake|sun)\\b',
    ),
  },
  {
    pattern: g(
      "\\b(?:could|could've|could have) (?:just |really |literally |have )?(?:kill|killed|strangle|strangled|murder|murdered|throttle|throttled) (?:him|her|them|you)\\b",
    ),
  },
  // "I nearly killed my sister when she borrowed my car": exasperation with its reason attached.
  {
    pattern: g(
      '\\b(?:nearly|almost|practically) (?:killed|murdered|strangled) (?:him|her|them|my [a-z]+)(?= (?:when|for|because|after|over))',
    ),
  },
  // Momentary exasperation: "I wanted to strangle my brother", "wring his neck".
  {
    pattern: g(
      '\\bwanted to (?:strangle|throttle|smack|slap) [a-z]+\\b|\\bwring (?:his|her|their|your) necks?\\b',
    ),
  },
  {
    pattern: g(
      '\\b(?:embarrass\\w*|mortified|humiliat\\w*|awkward|cringe\\w*)\\b[^.!?]{0,40}\\bwant(?:ed)? to die\\b|\\bwant(?:ed)? to die\\b[^.!?]{0,40}\\b(?:embarrass|mortif|humiliat|in front of (?:everyone|everybody|the whole|the class|all))|\\bcrawl into a hole and die\\b',
    ),
  },
  {
    pattern: g(
      '\\b(?:career|political|social|professional|financial) suicide\\b|\\b(?:shoot|shot|shooting) (?:my|your)self in the foot\\b',
    ),
  },
  { pattern: g('\\b(?:grab|grabbed|grabbing) (?:on )?(?:to|onto)\\b') },
  {
    pattern: g(
      '\\bpush(?:es|ed|ing)? (?:me|him|her|them|you) (?:to(?! the (?:ground|floor|wall))|too|harder|hard|a little|through)\\b',
    ),
  },
  { pattern: g('\\bkiller\\b|\\bpainkiller') },
]

/** Character spans of the idioms in a lower-cased sentence. */
export function idiomSpans(lower: string): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  for (const idiom of IDIOMS) {
    if (idiom.unless) {
      idiom.unless.lastIndex = 0
      if (idiom.unless.test(lower)) continue
    }
    for (const m of lower.matchAll(idiom.pattern)) spans.push([m.index, m.index + m[0].length])
  }
  return spans
}
