/**
 * Renders job-summary Markdown the way a reader sees it: Markdown to HTML with `marked`,
 * ```mermaid blocks drawn by Mermaid, in Debian's chromium driven by playwright-core.
 * Both libraries come from node_modules over a loopback server; every other request is
 * refused and recorded, so a test can prove nothing was fetched from outside.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { ROOT } from './action.js';

/** Debian's chromium; CHROMIUM_PATH points at another Chromium build (a hosted runner's). */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
export const hasChromium = existsSync(CHROMIUM);
/** The committed screenshot was drawn by Debian's chromium with Debian's fonts. */
export const isReferenceBrowser = CHROMIUM === DEBIAN_CHROMIUM;

const ASSETS: Record<string, string> = {
  '/marked.js': 'node_modules/marked/lib/marked.umd.js',
  '/mermaid.js': 'node_modules/mermaid/dist/mermaid.min.js',
};

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<style>body { font-family: sans-serif; margin: 16px; width: 860px; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 6px; }</style>
<script src="/marked.js"></script><script src="/mermaid.js"></script>
</head><body><div id="content"></div><script>
window.renderSummary = async (markdown) => {
  const content = document.getElementById('content');
  content.innerHTML = marked.parse(markdown);
  for (const code of content.querySelectorAll('code.language-mermaid')) {
    const box = document.createElement('div');
    box.className = 'mermaid';
    box.textContent = code.textContent;
    code.parentElement.replaceWith(box);
  }
  mermaid.initialize({ startOnLoad: false, theme: 'default' });
  await mermaid.run({ querySelector: '.mermaid' });
};
window.pixelDifference = async (left, right) => {
  const load = async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, img.width, img.height);
  };
  const [x, y] = [await load(left), await load(right)];
  if (x.width !== y.width || x.height !== y.height) return 1;
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(x.data[i + c] - y.data[i + c]) > 48) { differing++; break; }
    }
  }
  return differing / (x.width * x.height);
};
</script></body></html>`;

export interface SummaryBrowser {
  page: Page;
  /** Requests that tried to leave the loopback server. */
  refused: string[];
  render(markdown: string): Promise<void>;
  close(): Promise<void>;
}

export async function openSummaryBrowser(): Promise<SummaryBrowser> {
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(path.join(tmpdir(), 'gcc-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
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
    viewport: { width: 900, height: 700 },
    deviceScaleFactor: 1,
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  const refused: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}/`);
  return {
    page,
    refused,
    render: (markdown) =>
      page.evaluate((md) => (window as any).renderSummary(md), markdown),
    close: async () => {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const asset = ASSETS[req.url ?? ''];
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (asset) {
      res
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
        .end(readFileSync(path.join(ROOT, asset)));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Share of pixels that differ clearly (any channel by more than 48 of 255) between two
 * PNGs, decoded by the browser itself; 1 when their sizes differ.
 */
export async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    ([left, right]) => (window as any).pixelDifference(left, right),
    [a.toString('base64'), b.toString('base64')],
  );
}
