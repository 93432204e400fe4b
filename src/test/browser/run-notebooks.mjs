// Opens notebooks in a running classic Jupyter Notebook server with headless Chromium, runs all
// cells through the UI (Cell > Run All), and checks that every code cell ran without an error.
// Saves a full-page screenshot per notebook. Driven by BrowserIT; usable by hand:
//
//   node run-notebooks.mjs http://127.0.0.1:8888 TOKEN screenshots-dir 01-pipe.ipynb [...]
//
// Prints one JSON line per notebook ({"notebook", "ok", "cells", "errors", "screenshot", and
// "duringRun" for a notebook with a check while it runs}) and
// exits with status 1 if any notebook failed. Every wait is bounded.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, token, outDir, ...notebooks] = process.argv.slice(2);
const OPEN_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_MS = 240_000;

// Checks made WHILE a notebook runs, by notebook file name: async (page) => what was seen (kept
// in the result as "duringRun"), throwing on failure.
const DURING_RUN_CHECKS = {
  // The live %pool table (the first .mp4j-pool output: `var pool = %pool 4`) must change while
  // the cells still run: its summary, workers' states or tasks done, not just their ages.
  '03-pool.ipynb': async (page) => {
    const seen = () => {
      const table = document.querySelector('.output_area .mp4j-pool');
      if (!table) {
        return null;
      }
      const rows = [...table.querySelectorAll('tbody tr')]
          .map(tr => [...tr.children].filter((td, i) => i !== 6).map(td => td.textContent).join(' '));
      return [table.querySelector('p').textContent, ...rows].join('\n');
    };
    const running = () => Jupyter.notebook.get_cells().some(c => c.cell_type === 'code' && c.input_prompt_number === '*');
    const before = await page.waitForFunction(`(${seen})()`, null, { timeout: RUN_TIMEOUT_MS, polling: 100 })
        .then(h => h.jsonValue());
    const after = await page.waitForFunction(([first, seenSrc, runningSrc]) => {
      const now = eval(`(${seenSrc})()`);
      if (!eval(`(${runningSrc})()`)) {
        return { now, stoppedRunning: true };
      }
      return now !== null && now !== first ? { now } : null;
    }, [before, String(seen), String(running)], { timeout: RUN_TIMEOUT_MS, polling: 100 }).then(h => h.jsonValue());
    if (after.stoppedRunning) {
      throw new Error(`the live pool table did not change while the cells ran; it showed:\n${before}`);
    }
    return { before, after: after.now };
  },
};

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failed = false;
try {
  for (const notebook of notebooks) {
    const result = await runNotebook(notebook);
    failed ||= !result.ok;
    console.log(JSON.stringify(result));
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

async function runNotebook(notebook) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const screenshot = join(outDir, notebook.replace(/\.ipynb$/, '.png'));
  const result = { notebook, ok: false, cells: 0, errors: [], screenshot };
  try {
    await page.goto(`${baseUrl}/notebooks/${encodeURIComponent(notebook)}?token=${token}`, { timeout: OPEN_TIMEOUT_MS });
    // The notebook is loaded and its kernel (the one its metadata names) is connected and idle.
    await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected()
        && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null,
        null, { timeout: OPEN_TIMEOUT_MS });
    await page.click('#celllink');
    await page.click('#run_all_cells');
    const check = DURING_RUN_CHECKS[notebook];
    if (check) {
      result.duringRun = await check(page);
    }
    // Done when no cell waits ("In [*]") and the kernel is idle again.
    await page.waitForFunction(() => {
      const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
      return cells.every(c => c.input_prompt_number !== '*')
          && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null
          && cells.some(c => typeof c.input_prompt_number === 'number');
    }, null, { timeout: RUN_TIMEOUT_MS, polling: 250 });
    const cells = await page.evaluate(() => Jupyter.notebook.get_cells()
        .filter(c => c.cell_type === 'code')
        .map(c => ({
          prompt: c.input_prompt_number ?? null,
          errors: c.output_area.outputs.filter(o => o.output_type === 'error')
              .map(o => `${o.ename}: ${o.evalue}`),
        })));
    result.cells = cells.length;
    cells.forEach((c, i) => {
      c.errors.forEach(e => result.errors.push(`cell ${i + 1}: ${e}`));
      if (typeof c.prompt !== 'number') {
        result.errors.push(`cell ${i + 1} did not run (prompt ${c.prompt})`);
      }
    });
    result.ok = result.errors.length === 0;
  } catch (e) {
    result.errors.push(String(e).split('\n')[0]);
  } finally {
    // The classic notebook scrolls inside #site, sized to the window: make the window as tall as
    // the notebook so that the screenshot holds every cell.
    const height = await page.evaluate(() => document.querySelector('#notebook')?.scrollHeight ?? 0).catch(() => 0);
    await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height + 150, 900), 16000) });
    await page.waitForTimeout(300); // the notebook re-lays itself out on resize
    await page.screenshot({ path: screenshot }).catch(e => result.errors.push(`screenshot: ${e}`));
    await page.close();
  }
  return result;
}
