/**
 * Reads a short question into what matching needs: its content words (filler dropped, light stemming, synonyms and
 * common phrasings folded) and its form (a comparison, a "why" or a "when" question; how many questions at once).
 */

interface QuestionWords {
  /** Content words in order, each once. */
  words: string[];
  /** `vs`, `how`, `why`, `when`, sorted. */
  forms: string[];
  /** How many questions the text asks ("What is X and why use it?" asks two). */
  clauses: number;
}

const STOP_WORDS = new Set(
  (
    'a an the is are was were be been being am do does did doing done have has had what whats explain describe define ' +
    'tell me us about please can could would should will shall may might must you your yours u ur i im my we our it ' +
    'its they them their this that these those there here of in on at to for from by with into onto as and or if so ' +
    'than then also some any each etc eg ie e g really actually basically fully completely entirely mean means meaning ' +
    'know whether give s how which where who whom someone somebody anyone anybody people folks guys hey hi pls ' +
    'go goes going went apache stand stands'
  ).split(' '),
);

/** Words that only say "compare these" in a comparison ("Should I use X or Y?" is "X vs Y"). */
const COMPARISON_FILLER = new Set([
  'use',
  'pick',
  'choose',
  'prefer',
  'select',
  'better',
  'best',
  'over',
  'instead',
  'when',
  'one',
]);

const SYNONYMS: Record<string, string> = {
  versus: 'vs',
  difference: 'vs',
  differences: 'vs',
  differ: 'vs',
  diff: 'vs',
  compare: 'vs',
  compared: 'vs',
  comparison: 'vs',
  between: 'vs',
  used: 'use',
  uses: 'use',
  using: 'use',
  usage: 'use',
  purpose: 'use',
  db: 'database',
  dbs: 'database',
  databases: 'database',
  k8s: 'kubernetes',
  postgresql: 'postgres',
  props: 'property',
  properties: 'property',
  col: 'column',
  columnar: 'column',
  git: 'github',
  kinds: 'type',
  kind: 'type',
  types: 'type',
  sorts: 'type',
  optimise: 'optimize',
  optimising: 'optimize',
  optimizing: 'optimize',
  optimisation: 'optimize',
  optimization: 'optimize',
  tune: 'optimize',
  tuning: 'optimize',
  fix: 'handle',
  solve: 'handle',
  tackle: 'handle',
  address: 'handle',
  deal: 'handle',
  cope: 'handle',
  manage: 'handle',
  handling: 'handle',
  guarantee: 'ensure',
  achieve: 'ensure',
  get: 'ensure',
  decide: 'choose',
  determine: 'choose',
  pick: 'choose',
  kept: 'keep',
  stored: 'store',
  old: 'historical',
  historic: 'historical',
  past: 'historical',
  modelling: 'model',
  modeling: 'model',
  modeled: 'model',
  modelled: 'model',
  dedupe: 'deduplicate',
  dedup: 'deduplicate',
  deduplication: 'deduplicate',
  deduplicating: 'deduplicate',
  expensive: 'cost',
  costly: 'cost',
  costs: 'cost',
  anonymisation: 'anonymization',
  anonymise: 'anonymization',
  anonymize: 'anonymization',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
};

/** Phrasings folded before the text is split into words; order matters. */
const PHRASES: [RegExp, string][] = [
  [/\b(?:4|four) v(?:s|'s)?\b/g, '4 v'],
  [/\bchange data capture\b/g, 'cdc'],
  [/\bslow(?:ly)? chang\w* dimensions?\b/g, 'scd'],
  [/\bvirtual (?:machines?|pcs?|computers?)\b/g, 'vm'],
  [/\bbusiness intelligence\b/g, 'bi'],
  [/\bkey[- ]value\b/g, 'keyvalue'],
  [/\bnon[- ]clustered\b/g, 'nonclustered'],
  [/\bmicro[- ]batch/g, 'microbatch'],
  [/\bat[- ]least[- ]once\b/g, 'atleastonce'],
  [/\bat[- ]most[- ]once\b/g, 'atmostonce'],
  [/\bexactly[- ]once\b/g, 'exactlyonce'],
  [/\b(\d+)\s*(tb|gb|pb|mb|kb)\b/g, '$1$2'],
  [/\b(?:per|a|each|every) day\b|\bdaily\b/g, 'day'],
  [/\bhow many (?:nodes|machines|servers|executors|workers)\b|\bhow (?:big|large)\b|\bsizing\b/g, 'how size'],
  [/\bhow many\b|\bhow much\b/g, 'how number'],
  [/\b(?:choose |pick |decide )?the number of\b|\bnumber of\b/g, 'number'],
  [/\bwhat (?:do|can|should) (?:you|i|we) do (?:with|about)\b/g, 'how handle'],
  [/\bwhat(?: is|s)? (?:the )?(?:best|right|proper|recommended|good) way to\b/g, 'how to'],
  [/\bremove duplicates?\b|\bget rid of duplicates?\b|\bduplicates? removal\b/g, 'deduplicate'],
  [/\blate[- ]arriv\w*|\barriv\w* late\b|\bcome in late\b/g, 'late'],
  [/\b(?:is|are) (?:it |they )?(?:a )?good idea\b|\bgood idea\b/g, 'use'],
  [/\bstream(?:ing)? (?:proc\w*|systems?|pipelines?|applications?|apps?|jobs?|data)\b|\bstreaming\b/g, 'stream'],
  [/\bbatch(?:ing)? (?:processing|systems?|pipelines?|jobs?)\b|\bbatching\b/g, 'batch'],
];

const WORD = /[\p{L}\p{N}]+[+#]*/gu;
const QUESTION_WORD = /\b(?:what|whats|how|why|when|which|where|who)\b/g;

export function readWords(text: string): QuestionWords {
  let folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]s\b/g, '')
    .replace(/['’`]/g, '');
  const clauses = Math.max(1, (folded.match(QUESTION_WORD) ?? []).length);
  for (const [pattern, replacement] of PHRASES) folded = folded.replace(pattern, replacement);
  const comparison =
    /\bor\b/.test(folded) || (/\b(?:over|instead of)\b/.test(folded) && /\b(?:pick|choose|prefer|use|select)/.test(folded));
  const all = (folded.match(WORD) ?? []).map((word) => SYNONYMS[word] ?? word);
  const raw = all.filter((word) => !STOP_WORDS.has(word)).map(stem);
  const forms = new Set<string>();
  if (comparison || raw.includes('vs')) forms.add('vs');
  else {
    if (all.includes('how')) forms.add('how');
    if (raw.includes('why')) forms.add('why');
    if (raw.includes('when')) forms.add('when');
  }
  const content = raw.filter(
    (word) =>
      !STOP_WORDS.has(word) &&
      word !== 'vs' &&
      word !== 'why' &&
      word !== 'when' &&
      !(forms.has('vs') && COMPARISON_FILLER.has(word)),
  );
  const words = content.length > 0 ? content : all.filter((word) => word !== 'vs').map(stem);
  return { words: [...new Set(words)], forms: [...forms].sort(), clauses: forms.has('vs') ? 1 : clauses };
}

function stem(word: string): string {
  if (/\d/.test(word) || word === 'vs') return word;
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ch|sh|x|ss|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  return w;
}
