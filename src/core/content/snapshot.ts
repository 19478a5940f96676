import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from './load.js';
import type { Corpus } from './types.js';

/**
 * Where the build leaves the snapshot: beside the built code. Run from the sources no snapshot is there, so the
 * corpus is always read from content/ then; a built bundle and its snapshot come from the same build.
 */
const SNAPSHOT_BESIDE_CODE = join(dirname(fileURLToPath(import.meta.url)), 'content-snapshot.json');

const CONTENT_FOLDERS = ['topics', 'questions', 'quiz', 'glossary'];

interface Snapshot {
  fingerprint: string;
  corpus: Corpus;
}

/** A hash of every file the corpus is read from, by path and content. */
export function contentFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const folder of CONTENT_FOLDERS) {
    let names: string[];
    try {
      names = readdirSync(join(root, folder)).sort();
    } catch {
      hash.update(`${folder}/ missing\0`);
      continue;
    }
    for (const name of names)
      hash
        .update(`${folder}/${name}\0`)
        .update(readFileSync(join(root, folder, name)))
        .update('\0');
  }
  return hash.digest('hex');
}

/** Writes a validated corpus and the fingerprint of the files it was read from (taken before reading them). */
export function saveContentSnapshot(file: string, fingerprint: string, corpus: Corpus): void {
  const snapshot: Snapshot = { fingerprint, corpus };
  writeFileSync(file, JSON.stringify(snapshot));
}

/**
 * The corpus of `root`: from the snapshot when one was built from exactly these files, otherwise read and validated
 * from content/ as always.
 */
export function loadCorpusPreferringSnapshot(root: string, file = SNAPSHOT_BESIDE_CODE): Corpus {
  const snapshot = readSnapshot(file);
  if (snapshot && snapshot.fingerprint === contentFingerprint(root)) return snapshot.corpus;
  return loadCorpus(root);
}

function readSnapshot(file: string): Snapshot | undefined {
  let parsed: Partial<Snapshot>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Snapshot>;
  } catch {
    // No snapshot, or a damaged one: the corpus is read from content/ instead.
    return undefined;
  }
  return typeof parsed.fingerprint === 'string' && parsed.corpus ? (parsed as Snapshot) : undefined;
}
