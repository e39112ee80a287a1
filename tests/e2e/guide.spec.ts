// The screens GUIDE.md walks through, visited and asserted on every run. With
// RAMPART_GUIDE_SHOTS=1 each one is also saved as docs/guide/NN-name.png (1280×800), so the
// guide's pictures come from the tests and stay current; a normal run writes nothing.
import path from 'node:path';
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { HandoutPage, PAPERS } from './pages/handout-page';

const SHOTS = process.env.RAMPART_GUIDE_SHOTS === '1';
const DIR = path.resolve(__dirname, '../../docs/guide') + '/';
const DEMO = '?demo=department-store';

async function shot(page: Page, name: string, fullPage = false) {
  if (SHOTS) await page.screenshot({ path: `${DIR}${name}.png`, fullPage });
}

async function open(page: Page, path: string, heading: string) {
  const separator = path.includes('?') ? '&' : '?';
  await page.goto(`${path}${separator}${DEMO.slice(1)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
}

test.use({ viewport: { width: 1280, height: 800 } });

test('guide: start and design a role', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Start');
  await expect(page.getByRole('heading', { name: 'Open demo org' })).toBeVisible();
  await shot(page, '01-start');

  await page.getByTestId('open-demo').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business units');
  await expect(page.getByRole('tree')).toContainText('Northern region');
  await shot(page, '02-business-units');

  await open(page, '/model/security-roles/role_store_staff', 'Security roles');
  const cell = page.getByRole('grid').getByRole('button', { name: /^contact, Read: / });
  await expect(cell).toHaveAccessibleName('contact, Read: Business Unit (Local)');
  await shot(page, '03-role-grid');

  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Help: Security roles' })).toBeVisible();
  await shot(page, '04-help');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('guide: simulate, pin a check, review the advisor', async ({ page }) => {
  await open(page, '/simulate/see?user=u_leeds_clerk1&table=incident&verb=read', 'Simulate');
  await expect(page.getByTestId('see-summary')).toHaveText(/^3 of 14 .* records · Read$/);
  await page.getByTestId('see-summary').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('[data-testid="see-summary"]')?.scrollIntoView({ block: 'start' }));
  await shot(page, '05-what-can-see');

  await open(page, '/simulate/explain?user=u_leeds_clerk1&record=case_mcr_staff_complaint&verb=read', 'Simulate');
  await expect(page.getByTestId('outcome')).toHaveText(/deny/);
  await shot(page, '06-check-access');
  await page.getByTestId('pin').click();
  await expect(page.getByTestId('check-badge')).toHaveText('✓31 checks pass');
  await page.getByTestId('check-badge').click();
  await expect(page.getByTestId('check-row')).toHaveCount(31);
  await shot(page, '07-pinned-checks');

  await page.getByRole('link', { name: 'Advisor', exact: true }).click();
  await expect(page.getByTestId('advisor-summary')).toContainText('warnings');
  await expect(page.getByTestId('finding').first()).toBeVisible();
  await shot(page, '08-advisor');
});

test('guide: export, a workshop what-if, and the printouts', async ({ page }) => {
  await open(page, '/export', 'Export');
  await expect(page.getByTestId('export-json')).toBeVisible();
  await expect(page.getByTestId('print-handout')).toBeVisible();
  await shot(page, '09-export');

  await open(page, '/simulate/who?record=opp_kirkstall_awards&verb=read', 'Simulate');
  await expect(page.getByTestId('who-summary')).toHaveText(/^15 users can read opp_kirkstall_awards/);
  await shot(page, '10-who-can-see');

  await open(page, '/simulate/what-if', 'Simulate');
  await page.getByTestId('what-if-role').selectOption('role_store_staff');
  await page.getByTestId('what-if-table').selectOption('contact');
  await page.getByTestId('what-if-depth').selectOption('org');
  await page.getByTestId('what-if-apply-depth').click();
  await expect(page.getByTestId('sandbox-banner')).toContainText('1 change');
  await expect(page.getByTestId('effect-table')).toContainText('contact');
  await shot(page, '11-what-if');
  await page.getByTestId('sandbox-banner').getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('sandbox-banner')).toHaveCount(0);

  const handout = new HandoutPage(page);
  await handout.open('/handout');
  await shot(page, '12-handout');
  await handout.emulatePaper(PAPERS[0].widthMm);
  await expect(page.getByTestId('handout-bu-tree')).toBeVisible();
  await shot(page, '13-handout-print');

  await handout.open('/handout/leakage');
  await handout.emulatePaper(PAPERS[0].widthMm);
  await expect(page.getByTestId('leakage-summary-table')).toBeVisible();
  await shot(page, '14-leakage-summary', true);
});
