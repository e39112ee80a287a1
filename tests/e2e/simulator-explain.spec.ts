// Check access: a deny lists the engine's smallest fixes, each with what else it would open up,
// and a fix can be tried in the what-if sandbox.
import { test, expect } from './fixtures';
import { SimulatorPage } from './pages/simulator-page';

const DENIED = '/simulate/explain?user=u_leeds_clerk1&record=case_mcr_staff_complaint&verb=read';

test('a deny shows each fix with what else it opens up', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open(DENIED);
  await expect(page.getByTestId('outcome')).toContainText('deny');
  const fixes = page.getByTestId('fixes');
  await expect(fixes.locator('> li')).toHaveCount(2);
  // The role fix: Org depth grants it, and the clerk and the role's other holders gain more.
  await expect(page.getByTestId('fix-0')).toContainText('give role `role_store_staff` Read on `incident` at Organization depth');
  await expect(page.getByTestId('fix-0-summary')).toContainText(
    /grants it; `u_leeds_clerk1` also gains \d+ other records? \(\d+ of `incident`\); \d+ other users gain \d+ records between them/,
  );
  await expect(page.getByTestId('fix-0').getByTestId('effect-table')).toBeVisible();
  // The share fix opens up the record (and what cascades below it) for the clerk only.
  await expect(page.getByTestId('fix-1')).toContainText('share `case_mcr_staff_complaint` with `u_leeds_clerk1` (read)');
  await expect(page.getByTestId('fix-1-summary')).toContainText('grants it');
});

test('a fix can be tried in the what-if sandbox', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open(DENIED);
  await page.getByTestId('fix-0-try').click();
  await expect(page).toHaveURL(/\/simulate\/what-if/);
  await expect(page.getByTestId('sandbox-banner')).toContainText('give role `role_store_staff` Read on `incident` at Organization depth');
  await expect(page.getByTestId('what-if-effect').getByTestId('effect-table')).toContainText('incident');
});
