// Change Business Unit for a team and a user on the real bundle: the engine's cascade (roles
// removed, records that move or stay, default teams) is shown before confirming, the change is
// made through engine::edit, and undo brings everything back.
import { test, expect } from './fixtures';
import { DesignerPage } from './pages/designer-page';

test("a team's business unit changes after its effect is confirmed, and undo restores it", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/teams/team_store_leeds', 'Teams');
  const section = page.getByTestId('change-bu');
  await section.getByTestId('new-bu').selectOption('bu_north');
  await section.getByRole('checkbox', { name: 'Move records to new business unit' }).check();
  await section.getByRole('button', { name: 'Change business unit…' }).click();
  const effect = page.getByTestId('change-bu-effect');
  await expect(effect).toContainText('Moves from Leeds, Briggate to Northern region.');
  await expect(effect).toContainText('Removes 1 security role: role_store_team (BU-8)');
  await expect(effect).toContainText('Moves 4 owned records to Northern region');

  // Unticking Move records changes the preview.
  await section.getByRole('checkbox', { name: 'Move records to new business unit' }).uncheck();
  await expect(effect).toContainText('Leaves 4 owned records where they are');
  await section.getByRole('checkbox', { name: 'Move records to new business unit' }).check();

  await effect.getByRole('button', { name: 'Change business unit', exact: true }).click();
  await expect(effect).toBeHidden();
  await expect(designer.notice).toContainText('Change business unit of team_store_leeds to Northern region, moving records');
  const facts = page.locator('.rp-facts').first();
  await expect(facts).toContainText('Northern region');
  await expect(page.getByRole('list', { name: 'Security roles' }).getByRole('checkbox', { checked: true })).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expect(facts).toContainText('Leeds, Briggate');
  await expect(page.getByRole('list', { name: 'Security roles' }).getByRole('checkbox', { name: 'role_store_team' })).toBeChecked();
});

test("a user's business unit change lists the roles lost and the default teams", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/users/u_leeds_clerk1', 'Users');
  const section = page.getByTestId('change-bu');
  await expect(section.getByTestId('change-bu-warning')).toContainText('removes all security roles');
  await section.getByTestId('new-bu').selectOption('bu_store_york');
  await section.getByRole('button', { name: 'Change business unit…' }).click();
  const effect = page.getByTestId('change-bu-effect');
  await expect(effect).toContainText('Removes 1 security role: role_store_staff');
  await expect(effect).toContainText('Leaves 5 owned records where they are');
  await expect(effect).toContainText('Leaves the default team Leeds, Briggate');
  await expect(effect).toContainText('Joins the default team York, Coney Street');
  await effect.getByRole('button', { name: 'Cancel' }).click();
  await expect(effect).toBeHidden();
  await expect(page.getByRole('link', { name: 'Leeds, Briggate' }).first()).toBeVisible();

  await section.getByRole('button', { name: 'Change business unit…' }).click();
  await effect.getByRole('button', { name: 'Change business unit', exact: true }).click();
  await expect(designer.notice).toContainText('Change business unit of Priya Shah');
  await expect(page.locator('.rp-facts').first().getByRole('link')).toHaveText('York, Coney Street');
});
