import { enRule, type CrisisRule } from './crisis-rule.ts';

/*
 * English rules. Sources are plain lower-case words widened by fuzzyEnglish (repeated letters,
 * missing spaces); apostrophes are gone after normalisation ("dont", "im", "ill"). Idioms
 * ("killing it", "dead tired", "suicide squad") are masked first; see idioms.ts.
 */

const MYSELF = '(my ?self|myslef|meself|mself)';
const THEMSELF = '(him ?self|her ?self|them ?selves|them ?self)';
const SUICIDE = '(suicid(e|al)|suicd(e|al)|sucid(e|al)|suiscid(e|al)|suisid(e|al)|suecid(e|al)|suicidial)';
const PERSON =
  '(coworker|co worker|colleague|workmate|teammate|friend|mate|buddy|boss|manager|supervisor|husband|wife|' +
  'partner|boyfriend|girlfriend|brother|sister|mum|mom|mother|dad|father|son|daughter|roommate|flatmate|cousin|uncle|aunt|neighbou?r)';
const ACTOR =
  '(he|she|they|someone|somebody|(my|the|a|our)\\s([a-z]+\\s){0,2}?(boss|manager|supervisor|foreman|coworker|co worker|colleague|' +
  'lead|husband|wife|partner|boyfriend|girlfriend|dad|father|mom|mother|brother|landlord|client|customer|guard|man|guy|driver))';
const ASSAULT_VERB =
  '(hit|hits|hitting|punched|punches|punching|slapped|slaps|kicked|kicks|choked|chokes|strangled|beat|beats|beating|' +
  'shoved|attacked|attacks|assaulted|assaults|raped|rapes|groped|gropes|groping|molested|molests|spat on|spit on|' +
  'grabbed|grabs|headbutted|stabbed|burned|burnt|dragged|pulled)';
const BODY = '(face|head|neck|throat|arm|hair|breast|breasts|chest|butt|ass|crotch|body|legs?)';
const TARGET =
  '(him|her|them|everyone|everybody|all of them|(my|our|the|that)\\s([a-z]+\\s)?(boss|manager|supervisor|coworker|co worker|' +
  'colleague|lead|foreman|husband|wife|guy|man|woman|bitch|bastard|asshole|prick|idiot|director|ceo)s?|someone|somebody|people|anyone)';
const INTENT = '(gonna|going to|want to|wanna|will|about to|plan to|planning to|ready to|thinking (about|of))';
/** Who means to act: "I", "we", or a colleague the member is worried about. */
const SUBJECT = `((i|im|we|were|he|hes|she|shes|they|theyre)\\b[^|]{0,20}?\\b${INTENT}|ill|hell|shell|theyll)`;
const COMPETITION = /\b(for the (promotion|job|role|position|contract|award)|in the (vote|election|race|game|competition|tender)|candidate|competitor|rival|opponent|applicant)\b/;
const ACCIDENT = /\b(accident|accidentally|by mistake|lifting|slipped|slipping|fell|falling|fall off|ladder|tripped|tripping|shaving|cooking|chopping|box cutter|on (a|the|my) ([a-z]+ )?(machine|box|blade|glass|paper|knife|ladder|stove|oven|iron)|injury claim|claim|covered|compensation)\b/;

/** Rules for English text. */
export const EN_RULES: readonly CrisisRule[] = [
  // --- suicide
  enRule('en.suicide.kill-myself', 'crisis', ['suicide'], String.raw`\b(?<core>kill(ing|ed|s)? ${MYSELF})\b`,
    { negatable: true, pastAware: true }),
  enRule('en.suicide.kms', 'crisis', ['suicide'], String.raw`(?<!\d\s?)\b(kms|unalive (my ?self|me)|sewer ?slide)\b`),
  enRule('en.suicide.mention', 'crisis', ['suicide'], String.raw`\b(?<core>${SUICIDE})`,
    { mention: true, negatable: true, pastAware: true }),
  enRule('en.suicide.self', 'crisis', ['suicide'],
    String.raw`\b(i|im|ive|ill|id)\s((am|have|was|been|had|keep|kept|really|seriously|often|sometimes|also|always)\s){0,3}(commit|committing|committed|attempt|attempting|attempted|consider|considering|considered|think|thinking|thought|plan|planning|planned|feel|feeling|felt|contemplat[a-z]*|am|was|get|getting) (of |about )?(?<core>${SUICIDE})`,
    { negatable: true, pastAware: true }),
  enRule('en.suicide.want-die', 'crisis', ['suicide'],
    String.raw`\b(?<core>(want|wanna|wanting|wish|ready|deserve|need|plan|planning|hope) (to )?(die|be dead|not exist|stop existing))\b`,
    { negatable: true, pastAware: true }),
  enRule('en.suicide.wish-dead', 'crisis', ['suicide'],
    String.raw`\bwish (i|id) (was|were|had) dead\b|\bwish i (could )?(die|just die|disappear forever|not wake up|never woke up|wouldnt wake up)\b`),
  enRule('en.suicide.better-off', 'crisis', ['suicide'],
    String.raw`\bbetter off (dead|without me|if i (was|were|wasnt|werent) (dead|gone|here|around|alive|never born))\b|\b(happier|better|better off) (if|when|once) i (was|were|am|m|im) (gone|dead|not here|not around)\b|\b(everyone|everybody|they|the world|my family|people) (would|will|d)? ?be better (off )?without me\b`),
  enRule('en.suicide.end-life', 'crisis', ['suicide'],
    String.raw`\b(?<core>(end|ending|ended|take|taking|took) (my|his|her|their) (own )?li(fe|ves))\b`, { negatable: true, pastAware: true }),
  enRule('en.suicide.end-it', 'crisis', ['suicide'],
    String.raw`\bend(ing)? (it|everything|things) all\b|\b${INTENT} (just |really )?(end|ending) (it|things|everything)( tonight| now| today)?\b(?! (with|for|between|early|at work|here at)\b)` +
      String.raw`|\b(might|could|should|may) (just )?end (it|things|everything)\b(?! (with|for|between|early)\b)`),
  enRule('en.suicide.not-want-live', 'crisis', ['suicide'],
    String.raw`\b(dont|do not|no longer|not|dont really|really dont|never|doesnt|does not) (want|wanna|wish|wants) (to )?(live|be alive|exist|wake up)\b(?! (early|at|for|so early|before|on)\b)` +
      String.raw`|\bnot sure (if |that )?i (want to|wanna) (live|be alive|go on)\b`),
  enRule('en.suicide.no-reason', 'crisis', ['suicide'],
    String.raw`\bno reason (to|for) (live|living|go on|keep living|be alive)\b|\bnothing (left )?to live for\b|\bnot worth living\b|\blife (is|isnt|s)? ?not worth (it|living)\b`),
  enRule('en.suicide.jump', 'crisis', ['suicide'],
    String.raw`\b(?<core>(jump|jumping|jumped) (off|from|in front of) (a|the|this|that|my)? ?(roof|bridge|building|balcony|window|cliff|train|tower|ledge|top floor|car park|parking garage|bus|truck))`,
    { negatable: true, pastAware: true }),
  enRule('en.suicide.hang', 'crisis', ['suicide'], String.raw`\b(?<core>(hang|hanging|hanged) ${MYSELF})\b`, { negatable: true, pastAware: true }),
  enRule('en.suicide.overdose', 'crisis', ['suicide'],
    String.raw`\b(overdose|overdosing|take|taking|took|swallow|swallowing|swallowed|down|eat) (on )?(all|every|a bottle of|the whole bottle of|a whole bottle of|a handful of|a bunch of|every one of|loads of) (of )?(my |the |those |these )?(pills?|tablets?|meds|medication|sleeping pills|painkillers)\b` +
      String.raw`|\b(plan|planning|going|gonna|want|wanna|thinking about|about|ready) (to )?(overdose|od)\b|\btook an overdose\b` +
      String.raw`|\b(stockpil(e|ed|ing)|saving up|saved up|hoard(ed|ing)?) (my |the |all my )?(pills|meds|tablets|sleeping pills)\b|\b(pills|meds|tablets) (saved|stockpiled|hoarded|stashed)( up)?\b`),
  enRule('en.suicide.method', 'crisis', ['suicide'],
    String.raw`\b(drive|driving|drove|crash|crashing) (my )?(car|truck|van)? ?(off|into) (a|the) (bridge|cliff|wall|tree|river|lake|truck|train)\b|\bno{2,}se\b` +
      String.raw`|\b(i|ive|im)\b[^|]{0,12}?\b(bought|buy|buying|got|getting|tied|tying) (a |some |the )?rope\b`),
  enRule('en.suicide.farewell', 'crisis', ['suicide'],
    String.raw`\b(goodbye|farewell|saying goodbye to|say goodbye to) (this |the |cruel )?world\b|\b(letters?|notes?|messages?) (to [a-z ]{1,20})?saying goodbye\b|\bgoodbye (letters?|notes?)\b|\b(wrote|writing|write|left) (a|my) (goodbye|farewell) (note|letter)\b`),
  enRule('en.suicide.tonight', 'crisis', ['suicide'], String.raw`\btonight(s| is)? the night\b[^#]{0,20}\b(goodbye|bye|farewell)\b`),
  enRule('en.suicide.never-wake', 'crisis', ['suicide'],
    String.raw`\b(sleep|go to sleep) (forever|and never wake up|and not wake up)\b|\b(never|not) wake up\b(?! (on time|early|before|in time|at|for|until|till|in the morning)\b)`),
  enRule('en.suicide.high-place', 'crisis', ['suicide'],
    String.raw`\b(im|i am) (standing |sitting |up )?(on|at) (the|a) (edge of the |edge of a )?(bridge|roof|rooftop|ledge|edge|top of the building|railway tracks|tracks|cliff|balcony railing)\b` +
      String.raw`|\b(going to|gonna|about to|ready to) jump\b(?! (ship|in|on|into|to|at|the gun|through|start|right in|off the call|ahead|queue|the queue)\b)`,
    { unless: /\b(fix|fixing|repair|repairing|install|installing|working|smok(e|ing)|lunch|break|inspect(ion|ing)?|maintenance)\b/ }),
  enRule('en.suicide.someone', 'crisis', ['suicide'],
    String.raw`\b(my|our|a|his|her)\s([a-z]+\s){0,2}?${PERSON}s?\b[^|]{0,40}?\b(?<core>${SUICIDE}|(want|wants|wanted) to die|not (want|wanting) to live|(talks|talking|talked) about (dying|death|ending it)|overdos(ed|ing|e)\b(?! on (coffee|caffeine|sugar|chocolate|energy drinks)))`,
    { negatable: true }),
  enRule('en.suicide.themself', 'crisis', ['suicide'],
    String.raw`\b(?<core>(kill|kills|killed|killing|hang|hanged|hanging) ${THEMSELF}|(took|take|taking|end|ended|ending) (his|her|their) (own )?life)\b` +
      String.raw`|\b(he|she|they) (really |just )?(wants?|wanted|wanna) to die\b|\b(he|she|they) (doesnt|does not|dont) want to (live|be alive)\b` +
      String.raw`|\b(he|she|they) (talks|talking|talked|keeps talking|kept talking|keep talking) about (dying|death|killing (him|her|them)selfs?|ending it|not being here)\b`,
    { negatable: true }),

  // --- self-harm
  enRule('en.self-harm.myself', 'crisis', ['self-harm'],
    String.raw`\b(?<core>(cut|cutting|cuts|burn|burning|burned|burnt|harm|harming|hurt|hurting|hurts|bruise|bruising|hit|hitting|punch|punching|punched) ${MYSELF})\b(?! (out|up)\b)`,
    { negatable: true, pastAware: true, unless: ACCIDENT }),
  enRule('en.self-harm.themself', 'crisis', ['self-harm'],
    String.raw`\b(?<core>(cut|cutting|cuts|burn|burning|harm|harming|hurt|hurting|hurts) ${THEMSELF})\b`,
    { negatable: true, unless: ACCIDENT }),
  enRule('en.self-harm.body', 'crisis', ['self-harm'],
    String.raw`\b(?<core>(cutting|cut|burning|burned|burnt|scratching|carving|slicing) (my )?(arms?|wrists?|legs?|thighs?|skin|stomach))\b` +
      String.raw`|\b(cut|burn|burned|burnt|hit|punch|punched|scratch|scratched|hurt)[a-z]* (my|myself)\b[^|]{0,30}\b(on purpose|deliberately|intentionally)\b`,
    { negatable: true, pastAware: true, unless: ACCIDENT }),
  enRule('en.self-harm.wrists', 'crisis', ['self-harm', 'suicide'], String.raw`\b(?<core>(slit|slitting|slash|slashing|cut|cutting) (my |his |her )?wrists?)\b`,
    { negatable: true, pastAware: true }),
  enRule('en.self-harm.mention', 'crisis', ['self-harm'], String.raw`\b(?<core>self ?(harm|harming|harmed|injury|injuring|mutilat[a-z]*))`,
    { mention: true, negatable: true, pastAware: true }),
  enRule('en.self-harm.cutting', 'crisis', ['self-harm'],
    String.raw`\burges? to (cut|burn|self harm|hurt ${MYSELF})\b|\b(punch|punching|hit|hitting|bang|banging) (the )?walls? (till|until)\b|\b(till|until) (i|my [a-z]+|they|it) (bleed|bleeds|bled)\b|\b(i|ive|im)\b[^|]{0,24}?\b(cutting|cut|burning) (again|for (weeks|months|years|a while)|every (day|night))\b`),

  // --- harm to others
  enRule('en.harm.target', 'crisis', ['harm-to-others'],
    String.raw`\b${SUBJECT} (just |really |fucking |literally )?(?<core>(kill|murder|stab|shoot|strangle|hurt|beat up|beat (the [a-z]+ )?out of|poison) ${TARGET})\b(?! (with kindness|in (chess|the game|ping pong)|at (chess|cards)|(an|a) (email|message|text|note|line|dm)|a look)\b)`,
    { negatable: true }),
  enRule('en.harm.fantasy', 'crisis', ['harm-to-others'],
    String.raw`\b(fantasi[sz](e|es|ing|ed)|dream(ing|t|ed)?|keep thinking|thinking|think|thought|plan(ning|ned)?) (about|of) (?<core>(killing|murdering|stabbing|shooting|strangling|hurting|poisoning) ${TARGET})\b` +
      String.raw`|\bsnap and (hurt|kill|attack|stab|shoot) (someone|somebody|people|everyone|anyone)\b`,
    { negatable: true }),
  enRule('en.harm.weapon', 'crisis', ['harm-to-others'],
    String.raw`\b(bring|bringing|brought|take|taking|carry|carrying) (a |my )?(gun|knife|weapon|rifle|pistol|machete|blade) (to|into) (work|the office|the plant|the warehouse|the site|the factory|the meeting)\b` +
      String.raw`|\bshoot (up )?(the|this) (office|place|workplace|warehouse|plant|factory|building)\b|\b(got|have|ive got) a (knife|gun) in my (bag|car|pocket|locker)\b` +
      String.raw`|\bburn (the|this|that) (factory|office|place|building|warehouse|plant) down\b|\bburn down (the|this|that) (factory|office|building|warehouse|plant)\b`),
  enRule('en.harm.urge', 'concern', [],
    String.raw`\b(could|might) (just )?(kill|murder|strangle) ${TARGET}\b|\b(punch|slap|hit) ${TARGET}\b|\bmake (him|her|them) (all )?pay\b`),

  // --- violence against the member
  enRule('en.violence.hit-me', 'crisis', ['violence'],
    String.raw`\b${ACTOR} (just |also |then |has |had |keeps |kept |always |again |repeatedly |has been |have been )?(?<core>${ASSAULT_VERB}) (me|my ${BODY})\b(?! (up|with|to the|off|out|back|a|an|some|lunch|coffee|in (a|the) (game|race)|in the gut|aside|into (a|the|this) (meeting|call|project|room))\b)`,
    { negatable: true, unless: COMPETITION }),
  enRule('en.violence.thrown-touched', 'crisis', ['violence'],
    String.raw`\b${ACTOR} (just |also |then |has |had )?(threw|throws|hurled|thrown)\s([a-z]+\s){0,2}?at me\b` +
      String.raw`|\b(and|then|he|she|they|someone|somebody|guy|man|boss|manager|supervisor|coworker|colleague|customer) (touched|fondled|groped) (me|my)\b(?! (deeply|so much|a lot|heart))` +
      String.raw`|\btouched me (inappropriately|without|against|there|sexually|all over)|\binappropriately touched`),
  enRule('en.violence.was-hit', 'crisis', ['violence'],
    String.raw`\b(ive been|im being|i have been|i was|i got|i am being|i been|i keep getting|i get) (just |been |being |also )?(hit|punched|slapped|kicked|beaten|beaten up|beat up|choked|strangled|assaulted|attacked|raped|sexually assaulted|molested|groped|stabbed|locked in|locked up|held against my will|trafficked|spat on|threatened with (a )?(knife|gun|violence|weapon))\b` +
      String.raw`(?! (by (a|an|the)? ?(car|truck|forklift|ball|door|box|machine|bike|bus|vehicle|pallet|layoffs?|cuts|restructuring|recession|storm|wave|virus|covid|flu|bill|fine|news)\b|with\b|hard\b|in the gut\b))`,
    { unless: COMPETITION }),
  enRule('en.violence.forced', 'crisis', ['violence'],
    String.raw`\bforced (him|her)self on (me|her|him)\b|\bpinned me (down|against|to)\b|\b(and|then) (?<core>${ASSAULT_VERB}) me\b(?! (up|with|off|out|back|hard|a|an|some|aside|to the)\b)|\bforced me to (have sex|perform|touch|kiss|undress)\b|\bdragged me by (my|the) (hair|arm|neck|collar)\b|\bpulled my hair\b` +
      String.raw`|\blocked (the|our|my)\s([a-z]+\s)?(doors?|gates?|rooms?) (from the outside|on us|on me)\b`),
  enRule('en.violence.sexual', 'crisis', ['violence'],
    String.raw`\b(?<core>raped|rape|sexual(ly)? assault(ed)?|molest(ed|ing)?|sexual abuse|sexually abused)\b`, { mention: true }),
  enRule('en.violence.threat', 'crisis', ['violence'],
    String.raw`\bthreaten(ed|ing|s)? (to )?(kill|hurt|beat|stab|shoot|rape|harm|attack|punch|break) (me|my|us|our)\b|\bthreats? (of|to) (violence|kill|hurt)` +
      String.raw`|\b(said|says|told me) (he|she|they)(d| would| will|ll| is going to| was going to| is gonna)[a-z ]{0,20}?\b(kill|hurt|beat|stab|shoot|break|rape) (me|my)\b`),
  enRule('en.violence.weapon', 'crisis', ['violence'],
    String.raw`\b(pulled|pointed|waved|held|swung) (a|his|her|the) (knife|gun|blade|weapon|hammer|bat|bar) (on|at|to) me\b|\b(he|she|they) (has|had|have|got) a (knife|gun)\b`),
  enRule('en.violence.confined', 'crisis', ['violence'],
    String.raw`\block(ed|s)? (me|us) (in|up|inside)\b|\blocked (in|inside) (the|a|his|her|my)? ?(room|office|storage room|storeroom|warehouse|basement|dorm|factory|building|car|van|cellar|freezer)\b` +
      String.raw`|\b(wont|will not|doesnt|dont|didnt|wouldnt) let (me|us) (leave|out|go)\b(?! (early|on time|before|for lunch|home|to|for|on|off|of (the|my|this) (contract|agreement|lease|deal|job)|until (the end|my shift))\b)`),
  enRule('en.violence.domestic', 'crisis', ['violence'], String.raw`\b(?<core>domestic (violence|abuse))\b`, { mention: true }),

  // --- concern
  enRule('en.concern.cannot-go-on', 'concern', [],
    String.raw`\b(cant|cannot|can not) (go on|take (it|this) (any ?more)?|do this any ?more|cope|keep going|handle (it|this) any ?more)\b|\b(keep|go on|carry on) living like this\b|\bbreaking point\b|\bend of my (rope|tether)\b|\bfalling apart\b`),
  enRule('en.concern.hopeless', 'concern', [],
    String.raw`\b(hopeless|no hope|helpless|worthless)\b|\bwhat(s| is)? the point\b|\bno point (in |of )?(living|anything|going on|trying|life)\b|\bpoint (of|in) (living|life|being alive|going on)\b` +
      String.raw`|\bgive up on (life|everything)\b|\btired of (living|life|being alive)\b|\b(want to|wanna|wish i could) disappear\b|\b(nobody|no one) would (care|notice|miss me)\b` +
      String.raw`|\bwish i (was|were|had) never (been )?born\b|\bdont want to be here any ?more\b|\b(im|i am) (gonna|going to) die\b`),
];
