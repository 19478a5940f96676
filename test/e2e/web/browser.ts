import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../support/app.js';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots the tests take, kept as test output (git-ignored). */
export const SCREENSHOTS = resolve(PROJECT_ROOT, 'test-output/web');

export interface Browser {
  context: BrowserContext;
  page(width?: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, in a fresh profile that talks to nothing but the pages under test. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'web-e2e-profile-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async page(width = 1280, height = 900) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
