import Database from 'better-sqlite3';

/** What the board of session 1 (moderation:post) must show once every change has reached it. */
export interface ExpectedBoard {
  topIds: number[];
  asked: number;
}

export function expectedBoard(databasePath: string, sessionId = 1): ExpectedBoard {
  const db = new Database(databasePath, { readonly: true });
  try {
    const top = db
      .prepare(
        `select s.id from submissions s where s.session_id = ? and s.status in ('pending', 'approved') and s.answered_at is null
         order by (select count(*) from submission_votes v where v.submission_id = s.id) desc, s.id asc limit 10`,
      )
      .all(sessionId) as { id: number }[];
    const asked = db.prepare('select count(*) as n from submissions where session_id = ?').get(sessionId) as { n: number };
    return { topIds: top.map((row) => row.id), asked: asked.n };
  } finally {
    db.close();
  }
}

/** True when a rendered board lists exactly these questions, in this order, and the count asked. */
export function boardShows(rendered: string, expected: ExpectedBoard): boolean {
  // Discord shows a line's leading "1." escaped, so that it stays text and does not become a list.
  const listed = [...rendered.matchAll(/\d+\\?\. #(\d+) /g)].map((match) => Number(match[1]));
  return (
    listed.length === expected.topIds.length &&
    listed.every((id, index) => id === expected.topIds[index]) &&
    rendered.includes(`${expected.asked} question${expected.asked === 1 ? '' : 's'} asked`)
  );
}

/** Edits of one message: how many, and the least time between two. */
export function editSpacing(times: number[]): { edits: number; minGapMs: number | undefined } {
  let minGapMs: number | undefined;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    minGapMs = minGapMs === undefined ? gap : Math.min(minGapMs, gap);
  }
  return { edits: times.length, minGapMs: minGapMs === undefined ? undefined : Math.round(minGapMs) };
}
