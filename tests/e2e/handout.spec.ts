// The printed outputs: the workshop handout and the one-page leakage summary, checked in print
// media (page.emulateMedia) and as PDFs (page.pdf) on A4 and US Letter.
import { test, expect } from './fixtures';
import { HandoutPage, PAPERS, pdfPageCount } from './pages/handout-page';

const SECTIONS = ['handout-title', 'handout-bu-tree', 'handout-matrix', 'handout-highlights', 'handout-findings', 'handout-checks'];

test('the Export view prints the handout in one click', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.goto('/export?demo=department-store');
  await page.getByTestId('print-handout').click();
  await expect(page.getByTestId('handout-checks')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  // The print request is dropped from the URL, so Back or a reload does not print again.
  await expect(page).toHaveURL(/\/handout$/);
  await page.getByTestId('print').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
});

test('the handout shows what the engine computed for the demo org', async ({ page }) => {
  const handout = new HandoutPage(page);
  await handout.open('/handout');
  await expect(page.getByTestId('handout-title')).toContainText('Ashworth & Vale');
  // 11 business units, drawn as a tree: Leeds under the Northern region.
  await expect(page.locator('.rp-bu-pic__node')).toHaveCount(11);
  const north = page.locator('.rp-bu-pic__item:has(> .rp-bu-pic__node .rp-bu-pic__name:text-is("Northern region"))');
  await expect(north.locator('> .rp-bu-pic__list > .rp-bu-pic__item > .rp-bu-pic__node .rp-bu-pic__name')).toHaveText(['Leeds, Briggate', 'Manchester, King Street', 'York, Coney Street']);
  // Roles × tables: Read and Write by default, depth glyph plus words.
  const read = page.getByTestId('handout-matrix-read');
  await expect(read.getByRole('row', { name: /^role_cs_agent/ }).getByRole('cell', { name: 'Organization' }).first()).toBeVisible();
  await expect(read.locator('td[title="contact, Read: Organization"]').first()).toBeVisible();
  const staff = read.getByRole('row', { name: /^role_store_staff/ });
  await expect(staff.locator('td[title="contact, Read: Business Unit"]')).toContainText('Business Unit');
  await expect(page.getByTestId('handout-matrix-write')).toBeVisible();
  await page.getByLabel('Delete').check();
  await expect(page.getByTestId('handout-matrix-delete')).toBeVisible();
  // Who can see: contact is read org-wide by the customer-service advisers.
  await expect(page.getByTestId('highlight-contact')).toContainText('role_cs_agent');
  // Findings and checks as the Test view shows them.
  await expect(page.getByTestId('handout-findings')).toContainText('L004');
  await expect(page.getByTestId('handout-checks').locator('tbody tr')).toHaveCount(30);
  await expect(page.getByTestId('handout-checks')).toContainText('30 pinned checks, re-run on this model: 30 pass, 0 fail');
});

for (const paper of PAPERS) {
  test(`every handout section prints on ${paper.format} without chrome or overflow`, async ({ page }) => {
    const handout = new HandoutPage(page);
    await handout.open('/handout');
    await handout.emulatePaper(paper.widthMm);
    for (const id of SECTIONS) await expect(page.getByTestId(id), id).toBeVisible();
    await expect(page.getByTestId('handout-matrix-read')).toBeVisible();
    for (const chrome of [page.getByRole('navigation', { name: 'Views' }), page.getByTestId('model-title'), page.getByTestId('help-button'), page.getByTestId('print'), page.getByRole('heading', { level: 1 })]) {
      await expect(chrome).toBeHidden();
    }
    expect(await handout.overflowing('[data-testid="handout"]')).toEqual([]);
    const pdf = await page.pdf({ format: paper.format });
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(20);
  });

  for (const demo of ['department-store', 'multinational-sales']) {
    test(`the leakage summary of ${demo} is one ${paper.format} page`, async ({ page }) => {
      const handout = new HandoutPage(page);
      await handout.open('/handout/leakage', demo);
      await handout.emulatePaper(paper.widthMm);
      await expect(page.getByTestId('leakage-summary-table')).toBeVisible();
      await expect(page.getByTestId('leakage-title')).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Views' })).toBeHidden();
      await expect(page.getByTestId('print')).toBeHidden();
      expect(await handout.overflowing('[data-testid="leakage-summary"]')).toEqual([]);
      expect(pdfPageCount(await page.pdf({ format: paper.format }))).toBe(1);
    });
  }
}

test('the leakage summary counts readers by depth and who can move records out', async ({ page }) => {
  const handout = new HandoutPage(page);
  await handout.open('/handout/leakage');
  const contact = page.getByTestId('leak-row-contact');
  await expect(contact).toHaveAttribute('data-risky', 'true');
  await expect(contact.getByRole('rowheader')).toContainText('⚠ contact');
  await expect(page.getByTestId('leak-roles-contact')).toContainText('Org: role_cs_agent');
  const records = (await contact.locator('td').first().textContent())!.trim();
  // Customer-service advisers read every contact at Organization depth and can export them.
  await expect(page.getByTestId('leak-contact-prvExportToExcel')).toHaveText(new RegExp(`^\\d+ / ${records}$`));
  // Sensitive tables come first.
  const rows = page.locator('[data-testid^="leak-row-"]');
  const first = await rows.first().getAttribute('data-testid');
  expect(first).toBe('leak-row-contact');
});
