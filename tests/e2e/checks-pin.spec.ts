// Explain a denial, pin it, and see the header badge and the checks list grow by one.
import { test, expect } from './fixtures';
import { SimulatorPage } from './pages/simulator-page';

test('pinning the clerk-cannot-read-Manchester answer adds a passing check', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/explain?user=u_leeds_clerk1&record=case_mcr_staff_complaint&verb=read');
  await expect(page.getByTestId('outcome')).toHaveText(/deny/);
  await expect(page.getByTestId('fixes')).toContainText('share `case_mcr_staff_complaint`');
  const before = await sim.passingChecks();
  await page.getByTestId('pin').click();
  await expect(sim.checkBadge).toHaveText(`✓${before + 1} checks pass`);
  await sim.checkBadge.click();
  await expect(page).toHaveURL(/\/test\/checks/);
  await expect(page.getByTestId('check-row')).toHaveCount(31);
  await expect(page.getByTestId('check-row').last()).toContainText('u_leeds_clerk1 read case_mcr_staff_complaint');
  await expect(page.getByTestId('check-row').last()).toHaveAttribute('data-status', 'pass');
});
