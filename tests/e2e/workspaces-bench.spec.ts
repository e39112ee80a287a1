// The in-browser benchmark (`/bench`), run on demand: RAMPART_BENCH=1 npx playwright test
// workspaces-bench. Prints the table and writes it to target/bench-browser.json for
// BENCHMARKS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';

test('100,000 records: generate, save, load, index and query, three runs', async ({ page }) => {
  test.skip(!process.env.RAMPART_BENCH, 'set RAMPART_BENCH=1 to run the benchmark');
  test.setTimeout(300_000);
  const shell = new ShellPage(page);
  await shell.open('/bench');
  await page.getByTestId('bench-size').selectOption('100000');
  await page.getByTestId('bench-runs').selectOption('3');
  await page.getByTestId('bench-run').click();
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-done', 'true', { timeout: 280_000 });
  const rows = await page.locator('[data-testid="bench-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      step: tr.getAttribute('data-step'),
      label: tr.children[0].textContent,
      median_ms: parseFloat(tr.children[1].textContent ?? ''),
      min_ms: parseFloat(tr.children[2].textContent ?? ''),
      runs: parseInt(tr.children[3].textContent ?? '', 10),
    })),
  );
  const environment = await page.getByTestId('bench-environment').textContent();
  const result = { date: new Date().toISOString(), environment, rows };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync('target', { recursive: true });
  writeFileSync('target/bench-browser.json', JSON.stringify(result, null, 2));
  expect(rows.map((r) => r.step)).toEqual(['generate', 'save', 'load', 'index', 'visible']);
});
