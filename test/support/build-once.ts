import { build, isBuildFresh } from '../../scripts/build.mjs';

/** Vitest global setup: one build before any test file starts a process of the bot (see scripts/run.mjs). */
export default async function setup(): Promise<void> {
  if (!isBuildFresh()) await build();
}
