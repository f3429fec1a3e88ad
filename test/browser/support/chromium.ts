import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium package; never a downloaded browser (DESIGN "Stack and known traps"). */
export const CHROMIUM = process.env.FEEDLOOM_CHROMIUM ?? '/usr/bin/chromium';

/** A headless Chromium with a fresh profile, and what its pages reported. */
export interface Browser {
  context: BrowserContext;
  /** Console messages of type error and uncaught page errors, of every page opened with `open`. */
  errors: string[];
  /** A new page whose console errors, page errors and dialogs are recorded. */
  open(): Promise<Page>;
  dialogs: string[];
  close(): Promise<void>;
}

/**
 * Launches the system Chromium through playwright-core with a fresh user-data-dir and nothing that
 * talks to the network on its own (no component updates, sync, QUIC or background fetches).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium); .ci/run does this when it is missing`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'feedloom-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 1400 },
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
  const errors: string[] = [];
  const dialogs: string[] = [];
  return {
    context,
    errors,
    dialogs,
    open: async () => {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      return page;
    },
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
