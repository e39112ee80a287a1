// What can X see: the counts per table and the record list are the engine's answers for a demo
// user (the same numbers are asserted natively in src/pages/simulator/queries/tests.rs).
import { test, expect } from './fixtures';
import { SimulatorPage } from './pages/simulator-page';

test('a store clerk reads 3 of 14 cases, each listed with its reason', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/see?user=u_leeds_clerk1&table=incident&verb=read');
  await expect(page.getByTestId('user-display')).toHaveText('Priya Shah (sales associate, beauty hall)');
  await expect(sim.count('incident', 'read')).toHaveText('3');
  await expect(sim.count('incident', 'read')).toHaveAttribute('aria-pressed', 'true');
  await expect(sim.count('contact', 'write')).toHaveText('5');
  await expect(page.getByTestId('see-summary')).toHaveText(/^3 of 14 .* records · Read$/);
  await expect(page.getByTestId('record-list-status')).toHaveText('1–3 of 3');
  await expect(page.getByTestId('record-list').getByTestId('record-row')).toHaveCount(3);
  // The BU picture counts the same records, unit by unit.
  const counts = await page.getByTestId('bu-count').allTextContents();
  const visible = counts.map((c) => Number(c.split(' / ')[0])).reduce((a, b) => a + b, 0);
  expect(visible).toBe(3);
});

test('clicking a count selects that table and privilege', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/see?user=u_leeds_clerk1');
  await sim.count('contact', 'write').click();
  await expect(page).toHaveURL(/table=contact/);
  await expect(page).toHaveURL(/verb=write/);
  await expect(page.getByTestId('record-list-status')).toHaveText('1–5 of 5');
});
