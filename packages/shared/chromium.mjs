// Debian's Chromium for the Node scripts of both apps (screenshots, end-to-end): never a
// downloaded browser, always these flags (shared/ARCHITECTURE.md).

/** Where Chromium is: `CHROMIUM` (scripts/tools.sh chromium prints it), else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
