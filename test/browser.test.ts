/**
 * The job summary as a reader sees it: Markdown and the Mermaid diagram rendered in a
 * real browser (Debian's chromium), for a live run of the built action and for the
 * committed critical report, whose picture is compared with a committed screenshot.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { renderSummary } from '../src/report/summary.js';
import { ROOT, emulatorInputs, runAction } from './helpers/action.js';
import {
  CHROMIUM,
  type SummaryBrowser,
  hasChromium,
  isReferenceBrowser,
  openSummaryBrowser,
  pixelDifference,
} from './helpers/browser.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/critical-report.json');
const SCREENSHOT = path.join(ROOT, 'test/fixtures/critical-diagram.png');
/** Share of clearly different pixels allowed: anti-aliasing and font hinting. */
const TOLERANCE = 0.01;

if (!hasChromium) {
  console.warn(
    `browser.test.ts skipped: ${CHROMIUM} is absent. Install it with ` +
      "'apt-get install -y chromium' (.ci/run does) to render the job summary.",
  );
}

describe.skipIf(!hasChromium)('job summary in chromium', () => {
  let browser: SummaryBrowser;
  let emu: Emulator;
  beforeAll(async () => {
    [browser, emu] = await Promise.all([
      openSummaryBrowser(),
      startEmulator({ latencyMs: 20, skewSeconds: 45 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), emu?.close()]);
  });

  it('draws the diagram and the table of a live run (skew +45 s)', async () => {
    const run = await runAction(emulatorInputs(emu));
    expect(run.outputs.risk).toBe('high');
    await browser.render(run.summary);

    const page = browser.page;
    const svg = page.locator('.mermaid svg');
    await expect.poll(() => svg.count()).toBe(1);
    const text = await svg.textContent();
    for (const label of [
      'Genesys clock',
      'Runner clock',
      'token valid',
      'now by Genesys',
      'now by the runner',
      'runner 45.0 s ahead',
    ])
      expect(text).toContain(label);
    // No red window: the 24 h token is valid on both clocks.
    expect(await page.locator('.mermaid svg rect[class*="crit"]').count()).toBe(0);
    // Mermaid reports syntax errors as an svg too; make sure this is not one.
    expect(text).not.toMatch(/Syntax error/i);

    const table = page.locator('table', { hasText: 'now reads' });
    await expect.poll(() => table.count()).toBe(1);
    expect(await table.textContent()).toMatch(/runner[\s\S]*valid, 23 h 59 min left/);
    expect(browser.refused).toEqual([]);
  });

  it('shows the critical case: the runner sees the token expired', async () => {
    const report = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    await browser.render(renderSummary(report));
    const page = browser.page;
    const box = page.locator('.mermaid');
    await expect.poll(() => box.locator('svg').count()).toBe(1);
    expect(await box.textContent()).toContain('token expired');

    // The runner's window is red, and its "now" lies past the window's end.
    const geometry = await page.evaluate(() => {
      const rect = (selector: string) =>
        document.querySelector(selector)!.getBoundingClientRect();
      const crit = document.querySelector('.mermaid svg rect[class*="crit"]');
      return {
        crit: crit ? crit.getBoundingClientRect().right : null,
        critFill: crit ? getComputedStyle(crit).fill : '',
        runnerNow: rect('.mermaid svg [id$="runnerNow"]').left,
        genesysNow: rect('.mermaid svg [id$="genesysNow"]').left,
      };
    });
    expect(geometry.crit).not.toBeNull();
    expect(geometry.runnerNow).toBeGreaterThan(geometry.crit!);
    expect(geometry.genesysNow).toBeLessThan(geometry.crit!);
    expect(geometry.critFill).toMatch(/^rgb\((2[0-9]{2}), ([0-9]{1,2}), ([0-9]{1,2})\)$/);

    expect(browser.refused).toEqual([]);
    if (!isReferenceBrowser) {
      console.warn(
        `Pixel comparison left out: ${CHROMIUM} is not the reference browser.`,
      );
      return;
    }
    const shot = await box.screenshot();
    if (!existsSync(SCREENSHOT) || process.env.UPDATE_SCREENSHOTS === '1') {
      writeFileSync(SCREENSHOT, shot);
      throw new Error(
        `Wrote ${SCREENSHOT}; look at it, commit it, and run again without UPDATE_SCREENSHOTS.`,
      );
    }
    const committed = readFileSync(SCREENSHOT);
    expect(committed.length).toBeLessThan(200 * 1024);
    expect(await pixelDifference(page, shot, committed)).toBeLessThan(TOLERANCE);
  });
});
