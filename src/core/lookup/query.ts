/** What a learner asked about, with the question phrasing taken off. */
interface ParsedQuery {
  /** The term or terms asked about: one, or two for "X vs Y". */
  subjects: string[];
  /** The whole query without the phrasing ("kafka vs rabbitmq"), tried first for comparison topics. */
  whole: string;
}

const LEADING = [
  /^(?:please\s+)?(?:can you\s+)?(?:tell me|teach me|show me)\s+(?:about|what)\s+/,
  /^(?:what|who)\s*(?:'s|’s|s|is|are|was|were|does|do)\s+/,
  /^(?:what|how)\s+(?:exactly\s+)?(?:is|are)\s+(?:meant by|the meaning of)\s+/,
  /^how\s+(?:does|do|did|is|are|can|to|should)\s+(?:i\s+|you\s+|we\s+|one\s+)?(?:use\s+|build\s+|set up\s+|setup\s+|learn\s+)?/,
  /^why\s+(?:do|does|would|should)\s+(?:i\s+|you\s+|we\s+)?(?:use|need)\s+/,
  /^when\s+(?:do|does|would|should)\s+(?:i\s+|you\s+|we\s+)?(?:use|need)\s+/,
  /^(?:explain|define|describe|definition of|meaning of|info on|about|intro to|introduction to|learn)\s+/,
];
const ARTICLE = /^(?:a|an|the)\s+/;
const TRAILING =
  /\s+(?:work|works|working|mean|means|stand for|stands for|used for|good for|for|in data engineering|in big data|explained|definition|meaning|please)$/;
const COMPARE_PREFIX = /^(?:what\s+is\s+|what's\s+|whats\s+)?(?:the\s+)?(?:differences?|difference|diff)\s+(?:between|of)\s+/;
const COMPARE_VERB = /^(?:compare|comparing|contrast)\s+/;
const VERSUS = /\s+(?:vs\.?|versus|v\.?|compared to|compared with)\s+/;

/** Lowercase, question mark and surrounding punctuation removed, spaces folded. */
function tidy(text: string): string {
  return text
    .toLowerCase()
    .replace(/[?!.,;:]+$/g, '')
    .replace(/^[\s"'“”‘’]+|[\s"'“”‘’]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function stripPhrasing(text: string): string {
  let out = tidy(text);
  for (let round = 0; round < 3; round++) {
    const before = out;
    for (const pattern of LEADING) out = out.replace(pattern, '');
    out = out.replace(ARTICLE, '').replace(TRAILING, '').trim();
    if (out === before) break;
  }
  return out === '' ? tidy(text) : out;
}

/** "what is spark" -> spark; "difference between ETL and ELT" -> [etl, elt]; "kafka vs rabbitmq" -> [kafka, rabbitmq]. */
export function parseQuery(query: string): ParsedQuery {
  const text = tidy(query);
  const compared = text.replace(COMPARE_PREFIX, '').replace(COMPARE_VERB, '');
  const isComparison = compared !== text;
  const pair = isComparison ? compared.split(/\s+(?:and|with|to|vs\.?|versus)\s+/) : text.split(VERSUS);
  // "the 4 vs of big data" is about the four Vs, not a comparison.
  const numberedVs = !isComparison && /\d$/.test(pair[0] ?? '');
  if (pair.length === 2 && !numberedVs && pair.every((part) => part.trim() !== '')) {
    const subjects = pair.map(stripPhrasing);
    return { subjects, whole: `${subjects[0]} vs ${subjects[1]}` };
  }
  const subject = stripPhrasing(isComparison ? compared : text);
  return { subjects: [subject], whole: subject };
}
