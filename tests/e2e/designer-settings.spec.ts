// The RecomputeOwnershipAcrossBusinessUnits switch (§13 A-6) on the real bundle: it shows the
// value in force and whether it follows Record ownership across business units, can be set and
// reset, and every change is one undo step.
import { test, expect } from './fixtures';
import { DesignerPage } from './pages/designer-page';

test('the ownership-recompute switch follows modernized business units until set', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/settings', 'Settings');
  const panel = page.getByTestId('recompute-ownership');
  const toggle = panel.getByRole('switch', { name: /RecomputeOwnershipAcrossBusinessUnits/ });
  const state = panel.getByTestId('recompute-state');
  await expect(toggle).not.toBeChecked();
  await expect(state).toContainText('Off — follows Record ownership across business units (off)');
  await expect(panel).toContainText('either value gives the same answers');

  // Turning modernized business units on turns it on too, while it follows.
  await page.getByRole('checkbox', { name: /Record ownership across business units \(modernized/ }).check();
  await expect(toggle).toBeChecked();
  await expect(panel).toContainText('this setting changes answers now');

  await toggle.uncheck();
  await expect(state).toContainText('Off — set here');
  await expect(designer.notice).toContainText('RecomputeOwnershipAcrossBusinessUnits: Off');
  await panel.getByRole('button', { name: 'Follow Record ownership across business units again' }).click();
  await expect(toggle).toBeChecked();
  await expect(state).toContainText('follows Record ownership across business units (on)');

  await page.keyboard.press('Control+z');
  await expect(state).toContainText('Off — set here');
  await page.keyboard.press('Control+z');
  await expect(toggle).toBeChecked();
  await expect(state).toContainText('follows');
});
