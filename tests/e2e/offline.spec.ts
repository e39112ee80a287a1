// After one visit the service worker serves the app shell, so Rampart opens with no network.
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';

test('reloads and navigates with the network gone', async ({ page, context }) => {
  const shell = new ShellPage(page);
  await shell.open('/?demo=department-store');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await expect(shell.modelTitle).toBeVisible();
  await expect(shell.heading).toHaveText('Business units');

  await page.goto('/model/users');
  await expect(shell.heading).toHaveText('Users');
  await context.setOffline(false);
});
