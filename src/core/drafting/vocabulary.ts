/**
 * Word lists the embedded engine uses to tell what a sentence is about. They describe how people
 * talk in sessions, not any particular session.
 */

/** Words of clinical interest in what a client reports (stems are matched on word starts). */
export const CLINICAL_TERMS: readonly string[] = `
sleep slept insomnia nightmare dream wake woke waking tired exhausted fatigue energy appetite eat eating ate
weight lost gained mood sad depress down low hopeless helpless worthless guilt guilty shame ashamed lonely
alone isolat anxious anxiety panic worry worried fear afraid scared nervous stress stressed overwhelm irritab
angry anger rage cry crying tears numb empty grief griev mourn died death funeral loss miss
pain hurt ache headache stomach nausea dizzy heart chest breath breathing
drink drank drinking alcohol beer wine liquor vodka drunk sober sobriety relapse lapse craving crave urge
using used high cannabis weed marijuana pot cocaine meth heroin fentanyl pills smoke smoking cigarette vape
nicotine caffeine coffee
medication meds dose dosed prescription pill side effect
school class grade grades teacher homework work job boss coworker shift fired hired laid quit raise
money bills rent debt paycheck payday
wife husband partner spouse girlfriend boyfriend ex divorce separated kids children son daughter mother
mom father dad sister brother parents family grandchild granddaughter grandson nephew niece friend
fight argument yelled conflict
therapy therapist doctor appointment hospital clinic nurse physical therapy
exercise walk gym run
thought thoughts believe belief rating rated percent scale out of
avoid avoided avoidance check checking compulsion ritual reassurance intrusive obsess
trigger triggered flashback startle jumpy hypervigilant
goal goals progress better worse improve improved
`
  .split(/\s+/)
  .filter(Boolean)

/** Names of therapeutic techniques and approaches (matched case-insensitively as phrases). */
export const INTERVENTION_TERMS: readonly string[] = `
cognitive restructuring|thought record|reframe|reframing|cognitive distortion|thinking trap|evidence for|
evidence against|socratic|defusion|having the thought|acceptance|willingness|willing|values|committed action|
mindful|mindfulness|grounding|five senses|5-4-3-2-1|breathing|breath|square breathing|box breathing|paced breathing|
diaphragmatic|progressive muscle relaxation|muscle relaxation|relaxation|body scan|visualization|imagery|
exposure|hierarchy|ladder|fear ladder|response prevention|erp|in vivo|imaginal|interoceptive|
behavioral activation|activity schedul|pleasant activit|behavioral experiment|experiment|prediction|
psychoeducation|normaliz|validat|motivational|readiness ruler|scale of one to ten|scale of 1 to 10|
decisional balance|pros and cons|change talk|urge surfing|safety plan|lethal means|take-back|coping card|
coping skill|problem[- ]solving|brainstorm|role[- ]play|role play|assertive|broken record|i-statement|
empty chair|chair work|worksheet|homework|practice|sleep hygiene|stimulus control|sleep diary|worry time|
worry window|worry postponement|radical acceptance|distress tolerance|wise mind|opposite action|dear man|
check the facts|tipp|emdr|cognitive processing|stuck point|impact statement|trauma narrative|narrative|
self-compassion|compassion|gratitude|journal|journaling|letter|parenting|parent coaching|praise|consequence|
time-out|time out|huddle|repair|apolog|cycle|pattern|genogram|boundary|boundaries|harm reduction|naloxone|
narcan|test strip|relapse prevention|trigger|high-risk situation|coping|affirmation|reflection|summary|
goal setting|smart goal|pacing|timer|scientist|curious|notice|noticing|urge|label|name the|story
`
  .split('|')
  .map((t) => t.trim())
  .filter(Boolean)

/** Phrases that mark a clinician's sentence as an intervention act. */
export const INTERVENTION_ACTS: readonly RegExp[] = [
  /\b(?:let's|let us) (?:try|do|practice|look|map|write|start|take|go|work|plan|add|put|pick|think|talk|figure)\b/i,
  /\bi(?:'d| would) like (?:you|us) to\b/i,
  /\bi want (?:you|us) to\b/i,
  /\bcan we (?:try|do|practice|look)\b/i,
  /\b(?:close your eyes|take a (?:deep |slow )?breath|breathe in|breathe out|notice (?:the|where|what|how))\b/i,
  /\bwhat would you (?:say|tell)\b/i,
  /\bon a scale\b/i,
  /\bhow (?:believable|true|strong|ready|confident|important)\b/i,
  /\b(?:what i'm hearing|it sounds like|sounds like you|what you're describing|so you're saying)\b/i,
  /\b(?:the way (?:anxiety|panic|grief|trauma|ocd|the brain|your brain) works|that's (?:really )?common|a lot of people)\b/i,
  /\b(?:homework|for this week|this week i'd like|between now and)\b/i,
]

/** Phrases that mark a plan, homework or a next appointment. */
export const PLAN_CUES: readonly RegExp[] = [
  /\b(?:this week|next week|next session|next time|next visit|before next|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|next)|until next)\b/i,
  /\b(?:homework|assignment|practice|try to|going to|plan is|the plan|goal for|commit|agree(?:d)? to)\b/i,
  /\b(?:every day|each day|daily|every morning|every night|each morning|each night|once a day|twice a day|times a week|every other)\b/i,
  /\b(?:tonight|tomorrow|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|afternoon|evening))\b/i,
  /\b(?:i'll|i will|you'll|you will|we'll|we will)\b/i,
  /\b(?:see you|same time|follow[- ]up|back in|return in|rtc|appointment|schedule)\b/i,
  /\b(?:call (?:me|the office|988|nine eight eight)|if (?:things|it|the thoughts|that) get)\b/i,
]

/** Phrases that open a recap of what was agreed (what follows is plan). */
export const RECAP_CUES: RegExp =
  /\b(?:let me recap|to recap|so to recap|let's recap|to summarize|to sum up|so the plan|here's the plan|so for this week|your homework|so homework|for homework|before you go|before we stop|before we wrap|let me make sure i have)\b/i

/** Phrases of a clinician summarising or appraising progress (assessment attributed to the clinician). */
export const APPRAISAL_CUES: readonly RegExp[] = [
  /\b(?:progress|improvement|improving|a real change|big change|that's a change|down from|up from|went down|went up|lower than|higher than)\b/i,
  /\b(?:what i'm noticing|i notice|i'm noticing|i'm hearing|what i hear|it sounds like|sounds like|it seems like|i wonder if)\b/i,
  /\b(?:you've been|you have been|you did|you managed|you were able)\b/i,
]

/** Mental-status vocabulary; used only when the clinician says it. */
export const MSE_TERMS: RegExp =
  /\b(?:affect|euthymic|dysthymic|constricted|blunted|flat affect|labile|congruent|oriented|alert|eye contact|psychomotor|speech (?:nl|normal|pressured|rate)|thought process|tp linear|goal[- ]directed|tangential|circumstantial|ah\/vh|hallucinat|delusion|insight|judgment|i and j|appearance|dressed|groomed|cooperative)\b/i

/** Small talk and call logistics at the edges of a session. */
export const SMALL_TALK: RegExp =
  /\b(?:can you hear me|hear me|see me|camera|mute|unmute|audio|echo|link|zoom|teams|connection|wifi|wi-fi|parking|weather|rain|traffic|coffee|tea|water\?|how was your weekend|nice to see you|welcome back|welcome,? everyone|good (?:morning|afternoon|evening)|come on in|have a seat|grab a seat|sit wherever|thanks for coming|good to see you|love you|bye|goodbye|take care|have a good (?:night|day|week|weekend)|hold on)\b/i

/** Imperative verbs that begin a clinician's instruction ("Notice...", "Call...", "Write..."). */
export const IMPERATIVE_VERBS: ReadonlySet<string> = new Set(
  `notice try write call text take keep put set use do go read listen practice sand stop start rate log track
  bring think imagine picture close breathe sit stand say tell ask email send remember plan pick choose make
  leave park check come walk give hold drop let move turn pause wait count`
    .split(/\s+/)
    .filter(Boolean),
)

/** Words that mark the client's response to an intervention (change in feeling or rating). */
export const RESPONSE_CUES: RegExp =
  /\b(?:less|more|lighter|calmer|better|worse|easier|harder|quieter|louder|weird|helped|helps|helpful|noticed|went down|dropped|came down|still|different|surprised|boring|bored|relief|relieved)\b/i
