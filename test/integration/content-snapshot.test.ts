import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadCorpus } from '../../src/core/content/load.js';
import { contentFingerprint, loadCorpusPreferringSnapshot, saveContentSnapshot } from '../../src/core/content/snapshot.js';
import { PROJECT_ROOT } from '../support/app.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of content/ and a snapshot built from it, as the build leaves them. */
function builtCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-'));
  dirs.push(dir);
  const root = join(dir, 'content');
  cpSync(resolve(PROJECT_ROOT, 'content'), root, { recursive: true });
  const file = join(dir, 'content-snapshot.json');
  saveContentSnapshot(file, contentFingerprint(root), loadCorpus(root));
  return { root, file };
}

function firstTopicFile(root: string): string {
  return join(root, 'topics', readdirSync(join(root, 'topics')).sort()[0] ?? 'missing.md');
}

describe('GIVEN the content snapshot a build leaves', () => {
  it('WHEN content/ is unchanged THEN start-up takes the snapshot as it is', () => {
    const { root, file } = builtCopy();
    const snapshot = JSON.parse(readFileSync(file, 'utf8'));
    snapshot.corpus.topics[0].title = 'Taken from the snapshot';
    writeFileSync(file, JSON.stringify(snapshot));
    expect(loadCorpusPreferringSnapshot(root, file).topics[0]?.title).toBe('Taken from the snapshot');
  });

  it('WHEN a topic is edited after the build THEN the edit shows, read from content/', () => {
    const { root, file } = builtCopy();
    const topicFile = firstTopicFile(root);
    writeFileSync(topicFile, readFileSync(topicFile, 'utf8').replace(/\n---\n/, '\n---\nEdited after the build. '));
    const summaries = loadCorpusPreferringSnapshot(root, file).topics.map((topic) => topic.summary);
    expect(summaries.some((summary) => summary.includes('Edited after the build.'))).toBe(true);
  });

  it('WHEN an edit breaks the content THEN the problem is reported, not hidden by the snapshot', () => {
    const { root, file } = builtCopy();
    writeFileSync(firstTopicFile(root), 'no front matter at all');
    expect(() => loadCorpusPreferringSnapshot(root, file)).toThrow(ContentError);
  });

  it('WHEN the snapshot is damaged or missing THEN the corpus is read from content/', () => {
    const { root, file } = builtCopy();
    writeFileSync(file, '{"fingerprint": "trunc');
    expect(loadCorpusPreferringSnapshot(root, file).topics.length).toBe(loadCorpus(root).topics.length);
    expect(loadCorpusPreferringSnapshot(root, join(root, 'nowhere.json')).questions.length).toBeGreaterThan(0);
  });
});
