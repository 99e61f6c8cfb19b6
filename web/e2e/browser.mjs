import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

/** Debian's Chromium, headless, never a downloaded browser (flags: shared/ARCHITECTURE.md). */
const options = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
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
};

/** One context with a fresh profile on disk (the screenshots). */
/** @returns {Promise<import('playwright-core').BrowserContext>} */
export function launch() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'opsflux-chromium-')), {
    ...options,
    viewport: { width: 1280, height: 800 },
  });
}

/** A browser for several isolated contexts (the end-to-end scenarios: one user each). */
/** @returns {Promise<import('playwright-core').Browser>} */
export function launchBrowser() {
  return chromium.launch(options);
}
