// Who can see R: every reader of a record, hierarchy managers included and marked.
import { test, expect } from './fixtures';
import { SimulatorPage } from './pages/simulator-page';

test('fifteen users read the Kirkstall opportunity, the regional manager through hierarchy', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/who?record=opp_kirkstall_awards&verb=read');
  await expect(page.getByTestId('who-summary')).toHaveText(/^15 users can read opp_kirkstall_awards/);
  const manager = page.getByTestId('who-table').getByRole('row', { name: /u_north_regional_mgr/ });
  await expect(manager).toHaveAttribute('data-hierarchy', 'true');
  await expect(page.getByText("Not listed by Microsoft's Who has access (HIER-11)")).toBeVisible();
});

test('the record search picks a record', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/who');
  await page.getByTestId('record-search').fill('case_mcr_staff');
  await page.getByRole('option').first().getByRole('button').click();
  await expect(page).toHaveURL(/record=case_mcr_staff_complaint/);
  await expect(page.getByTestId('who-summary')).toContainText('case_mcr_staff_complaint');
});
