// Test → Pinned checks: "Download checks as scenario (YAML)" saves the workspace (model, sample
// data, pinned checks) as one scenario file for `rampart test`; a check pinned a moment ago is in it.
// (The native round trip — write, `rampart test`, all green — is crates/cli/tests/cli.rs
// `convert_a_model_to_a_scenario_that_rampart_test_runs` and crates/engine/tests/scenario_write.rs.)
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { SimulatorPage } from './pages/simulator-page';

test('the pinned checks download as a runnable scenario file', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/explain?user=u_leeds_clerk1&record=case_mcr_staff_complaint&verb=read');
  await expect(page.getByTestId('outcome')).toHaveText(/deny/);
  await page.getByTestId('pin').click();
  await sim.checkBadge.click();
  await expect(page).toHaveURL(/\/test\/checks/);
  const rows = page.getByTestId('check-row');
  await expect(rows).toHaveCount(31);

  const button = page.getByRole('button', { name: 'Download checks as scenario (YAML)' });
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^ashworth-vale-.*-checks\.yaml$/);
  const text = readFileSync(await download.path(), 'utf8');

  expect(text.startsWith('# Security scenario (format v1')).toBe(true);
  const topKeys = text.split('\n').filter((l) => /^[a-z_]+:/.test(l)).map((l) => l.split(':')[0]);
  expect(topKeys.slice(0, 4)).toEqual(['id', 'title', 'names', 'settings']);
  for (const key of ['business_units', 'tables', 'roles', 'users', 'teams', 'records', 'checks']) {
    expect(topKeys, key).toContain(key);
  }
  expect(topKeys[topKeys.length - 1]).toBe('checks');
  // One list item per pinned check, the new one last.
  const checks = text.slice(text.indexOf('\nchecks:\n') + '\nchecks:\n'.length);
  const items = checks.split('\n- ').length;
  expect(items).toBe(31);
  const last = checks.slice(checks.lastIndexOf('\n- '));
  expect(last).toContain('who: u_leeds_clerk1');
  expect(last).toContain('target: case_mcr_staff_complaint');
  expect(last).toContain('expect: deny');
  await expect(page.getByTestId('notice')).toContainText(`rampart test ${download.suggestedFilename()}`);
});
