import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

/** Debian's Chromium, headless, with a fresh profile; never a downloaded browser. */
/** @returns {Promise<import('playwright-core').BrowserContext>} */
export function launch() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'opsflux-chromium-')), {
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
    viewport: { width: 1280, height: 800 },
  });
}
