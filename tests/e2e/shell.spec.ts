// The shell renders, shows the model and versions, and every view has a working URL.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';

const DEMO_TITLE = 'Ashworth & Vale — UK department store';
const APP_VERSION = /^version = "(.+)"$/m.exec(readFileSync('Cargo.toml', 'utf8'))![1];

const VIEWS = [
  { name: 'Business units', path: '/model/business-units' },
  { name: 'Teams', path: '/model/teams' },
  { name: 'Users', path: '/model/users' },
  { name: 'Security roles', path: '/model/security-roles' },
  { name: 'Tables', path: '/model/tables' },
  { name: 'Settings', path: '/model/settings' },
  { name: 'Simulate', path: '/simulate' },
  { name: 'Test', path: '/test' },
  { name: 'Export', path: '/export' },
];


test('opens on Business units with the demo model title and both versions', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/?demo=department-store');
  await expect(page).toHaveURL(/\/model\/business-units$/);
  await expect(page).toHaveTitle('Rampart');
  await expect(shell.heading).toHaveText('Business units');
  await expect(shell.modelTitle).toHaveText(DEMO_TITLE);
  await expect(shell.appVersion).toHaveText(`Rampart ${APP_VERSION}`);
  await expect(shell.formatVersion).toHaveText('format rampart-model v1');
});

test('navigation reaches every view, marks it current, and Back returns', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/?demo=department-store');
  await expect(shell.nav.getByRole('link')).toHaveText(VIEWS.map((view) => view.name));
  for (const view of VIEWS) {
    await shell.navLink(view.name).click();
    await expect(page).toHaveURL(view.path);
    await expect(shell.heading).toHaveText(view.name);
    await expect(shell.navLink(view.name)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('Not built yet')).toHaveCount(0);
  }
  await page.goBack();
  await expect(page).toHaveURL(VIEWS[VIEWS.length - 2].path);
  await expect(shell.heading).toHaveText(VIEWS[VIEWS.length - 2].name);
});

test('a view opens directly from its URL', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/model/security-roles');
  await expect(shell.heading).toHaveText('Security roles');
  await expect(shell.navLink('Security roles')).toHaveAttribute('aria-current', 'page');
});

test('an unknown address says so and links back', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/no/such/view');
  await expect(shell.heading).toHaveText('Page not found');
  await expect(page.getByRole('main')).toContainText('/no/such/view');
  await page.getByRole('link', { name: 'Go to Business units' }).click();
  await expect(shell.heading).toHaveText('Business units');
});

test('narrow screens keep every view reachable', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const shell = new ShellPage(page);
  await shell.open('/?demo=department-store');
  await shell.navLink('Export').click();
  await expect(shell.heading).toHaveText('Export');
});
