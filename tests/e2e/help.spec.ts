// In-app help: `?` or F1 opens a panel naming the current screen and explaining its Dataverse
// terms in Microsoft's words; Escape closes it and gives focus back.
import { test, expect } from './fixtures';

test('? opens help for the current screen and Escape closes it', async ({ page }) => {
  await page.goto('/model/security-roles/role_store_staff?demo=department-store');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security roles');
  const panel = page.getByRole('dialog', { name: 'Help: Security roles' });
  await expect(panel).toHaveCount(0);
  await page.locator('body').press('?');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  const terms = panel.getByTestId('help-terms');
  for (const term of ['User', 'Business Unit', 'Parent: Child Business Units', 'Organization', "Member's privilege inheritance"]) {
    await expect(terms.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) })).toHaveCount(1);
  }
  await expect(terms).toContainText('documented as Deep');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('F1 and the Help button follow the screen, and typing ? in a field does not open help', async ({ page }) => {
  await page.goto('/simulate/who?demo=department-store');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Simulate');
  await page.keyboard.press('F1');
  const simulate = page.getByRole('dialog', { name: 'Help: Simulate' });
  await expect(simulate).toBeVisible();
  await expect(simulate.getByTestId('help-terms')).toContainText('Hierarchy security');
  await expect(simulate.getByTestId('help-terms')).toContainText('Shared access');
  await page.keyboard.press('F1');
  await expect(simulate).toHaveCount(0);

  const button = page.getByTestId('help-button');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Teams', exact: true }).click();
  const teams = page.getByRole('dialog', { name: 'Help: Teams' });
  await expect(teams).toBeVisible();
  await expect(teams.getByTestId('help-terms')).toContainText('Access team');
  await expect(teams.getByTestId('help-terms')).toContainText('Microsoft Entra ID Security group');
  await page.keyboard.press('Escape');
  await expect(teams).toHaveCount(0);
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await page.goto('/test/advisor?demo=department-store');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test');
  const field = page.getByRole('textbox', { name: /^Reason to suppress/ }).first();
  await field.focus();
  await page.keyboard.type('?');
  await expect(field).toHaveValue('?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
