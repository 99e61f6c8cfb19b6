import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../packages/shared/chromium.mjs';

/** Debian's Chromium, headless, never a downloaded browser (flags: shared/ARCHITECTURE.md). */
const options = { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS };

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
