// The in-browser benchmark (`/bench`). Every run checks that the simulator and engine sections
// work on small sizes (no timing is asserted); the measured runs are on demand:
// RAMPART_BENCH=1 npx playwright test workspaces-bench, which print their tables and write
// target/bench-browser.json and target/bench-browser-engine.json for BENCHMARKS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
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

/** Reads a benchmark table's rows: step id, label, median and runs. */
async function tableRows(page: Page, testid: string) {
  return page.locator(`[data-testid="${testid}"] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => ({
      step: tr.getAttribute('data-step'),
      label: tr.children[0].textContent,
      median_ms: parseFloat(tr.children[1].textContent ?? ''),
      min_ms: parseFloat(tr.children[2].textContent ?? ''),
      runs: parseInt(tr.children[3].textContent ?? '', 10),
      verdict: tr.getAttribute('data-verdict'),
    })),
  );
}

test('the engine section runs every workload of rampart bench in wasm', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new ShellPage(page);
  await shell.open('/bench');
  const section = page.getByTestId('bench-engine');
  await section.getByTestId('bench-engine-size').selectOption('10000');
  await section.getByTestId('bench-engine-runs').selectOption('1');
  await section.getByTestId('bench-engine-run').click();
  await expect(section.getByTestId('bench-engine-status')).toHaveAttribute('data-done', 'true', { timeout: 110_000 });
  const rows = await tableRows(page, 'bench-engine-table');
  expect(rows.map((r) => r.step)).toEqual([
    'generate_org', 'generate_data', 'index',
    'check_explain_10k', 'check_with_explanation', 'can_10k',
    'visible_one_user_table', 'visible_manager_table', 'matrix_1000x10',
    'who_can_one_record', 'what_if_role_edit',
  ]);
  for (const row of rows) {
    expect(Number.isFinite(row.median_ms), `${row.step} has a time`).toBe(true);
    // Targets are for 1,000,000 records only.
    expect(row.verdict).toBe('');
  }
});

test('the simulator section times a user switch and a what-if edit', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new ShellPage(page);
  await shell.open('/bench');
  const section = page.getByTestId('bench-simulator');
  await section.getByTestId('bench-simulator-size').selectOption('10000');
  await section.getByTestId('bench-simulator-run').click();
  await expect(section.getByTestId('bench-simulator-status')).toHaveAttribute('data-done', 'true', { timeout: 110_000 });
  const rows = await tableRows(page, 'bench-simulator-table');
  expect(rows.map((r) => r.step)).toEqual(['switch_user', 'what_if_edit']);
  expect(rows[0].runs).toBe(7);
  expect(rows[1].label).toContain(' instead of ');
});

test('engine workloads on 1,000,000 records and the simulator on 100,000', async ({ page }) => {
  test.skip(!process.env.RAMPART_BENCH, 'set RAMPART_BENCH=1 to run the benchmark');
  test.setTimeout(1_200_000);
  const shell = new ShellPage(page);
  await shell.open('/bench');
  const sim = page.getByTestId('bench-simulator');
  await sim.getByTestId('bench-simulator-size').selectOption('100000');
  await sim.getByTestId('bench-simulator-run').click();
  await expect(sim.getByTestId('bench-simulator-status')).toHaveAttribute('data-done', 'true', { timeout: 300_000 });
  const engine = page.getByTestId('bench-engine');
  await engine.getByTestId('bench-engine-size').selectOption('1000000');
  await engine.getByTestId('bench-engine-runs').selectOption('3');
  await engine.getByTestId('bench-engine-run').click();
  await expect(engine.getByTestId('bench-engine-status')).toHaveAttribute('data-done', 'true', { timeout: 880_000 });
  const environment = await page.getByTestId('bench-environment').textContent();
  const result = {
    date: new Date().toISOString(),
    environment,
    simulator: await tableRows(page, 'bench-simulator-table'),
    engine: await tableRows(page, 'bench-engine-table'),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync('target', { recursive: true });
  writeFileSync('target/bench-browser-engine.json', JSON.stringify(result, null, 2));
});
