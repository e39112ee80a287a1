// CSV in and out: a table's import template, an import with a mapping step, a fallback owner and
// a report of rejected rows by row number (the checks themselves are engine::csv's, tested
// natively), an import whose every row fails changing nothing, and the visible records of a user.
import { test, expect } from './fixtures';
import { SampleDataPage, csvDataLines } from './pages/sample-data-page';
import { SimulatorPage } from './pages/simulator-page';

const CARDS = [
  'Owner,Id,new_contactid,new_tier',
  'Priya Shah,card_e2e_1,con_leeds_margaret,Gold', //   row 2: owner by display name
  'someone@contoso.com,card_e2e_2,,Green', //            row 3: unknown owner
  'u_leeds_clerk1,card_e2e_3,con_nobody,Silver', //      row 4: no such contact
  'u_leeds_clerk1,card_margaret,,Bronze', //             row 5: id already used
].join('\r\n');

test('import a table from CSV: template, mapping, fallback owner, report by row', async ({ page }) => {
  const data = new SampleDataPage(page);
  await data.openDemo();
  const before = await data.records();

  await data.table.selectOption('new_loyaltycard');
  const template = await data.download(page.getByTestId('download-template'));
  expect(template.name).toBe('new_loyaltycard.template.csv');
  expect(template.text).toBe(
    'owner,id,new_contactid,new_cardnumber,new_pointsbalance,new_staffdiscountrate,new_tier\r\n',
  );

  await data.chooseCsv('cards.csv', CARDS);
  // The mapping step suggests a field per column, Dynamics display names included.
  await expect(page.getByTestId('map-0')).toHaveValue('owner');
  await expect(page.getByTestId('map-1')).toHaveValue('id');
  await expect(page.getByTestId('map-2')).toHaveValue('lookup:new_contactid');
  await expect(page.getByTestId('map-3')).toHaveValue('column:new_tier');
  await expect(page.getByTestId('preview-accepted')).toHaveText('Will import 1');
  await expect(page.getByTestId('preview-rejected')).toHaveText('will reject 3');
  await expect(data.preview).toContainText('Row 3: owner `someone@contoso.com` is not a user or team');

  await page.getByTestId('fallback-owner').selectOption('u_leeds_store_mgr');
  await expect(page.getByTestId('preview-accepted')).toHaveText('Will import 2');
  await expect(page.getByTestId('preview-rejected')).toHaveText('will reject 2');
  await expect(data.preview).toContainText('1 given to the fallback owner');
  await data.mapping.screenshot({ path: test.info().outputPath('csv-mapping.png') });
  await expect(data.confirm).toHaveText('Import 2 records');

  await data.confirm.click();
  await expect(data.mapping).toHaveCount(0);
  await expect(data.summary).toContainText(
    '2 rows imported into `new_loyaltycard`, 2 rejected, 1 given to the fallback owner',
  );
  await expect(data.rejectedRows).toHaveCount(2);
  await expect(data.rejectedRows.nth(0)).toContainText('4');
  await expect(data.rejectedRows.nth(0)).toContainText('lookup `new_contactid`: no record `con_nobody`');
  await expect(data.rejectedRows.nth(1)).toContainText('5');
  await expect(data.rejectedRows.nth(1)).toContainText('record id `card_margaret` already exists');
  await expect(data.report).toContainText('1 row given to the fallback owner');
  expect(await data.records()).toBe(before + 2);
  await data.report.screenshot({ path: test.info().outputPath('csv-report.png') });

  const rejected = await data.download(page.getByTestId('download-rejected'));
  expect(rejected.name).toBe('cards.rejected.csv');
  expect(rejected.text.startsWith('row,reason\r\n')).toBe(true);
  expect(csvDataLines(rejected.text).map((line) => line.split(',')[0])).toEqual(['4', '5']);

  // One undoable change, saved: the records are still there after a reload.
  await expect(page.getByTestId('save-status')).toContainText('Saved ·');
  await page.reload();
  expect(await data.records()).toBe(before + 2);
});

test('an import whose every row fails changes nothing', async ({ page }) => {
  const data = new SampleDataPage(page);
  await data.openDemo();
  const before = await data.records();
  await data.table.selectOption('contact');
  await data.chooseCsv('bad.csv', 'owner,id\r\nnobody,c_x1\r\n,c_x2\r\n');
  await expect(page.getByTestId('preview-accepted')).toHaveText('Will import 0');
  await expect(page.getByTestId('preview-rejected')).toHaveText('will reject 2');
  await data.confirm.click();
  await expect(data.summary).toHaveText(
    'Nothing imported from `bad.csv`: all 2 rows were rejected; the records were not changed.',
  );
  await expect(data.rejectedRows).toHaveCount(2);
  expect(await data.records()).toBe(before);

  // A malformed file is refused before the mapping step, naming line and column.
  await data.fileInput.setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('owner,id\r\nu_md,"c_y\r\n'),
  });
  await expect(page.getByTestId('csv-error')).toContainText(
    '`broken.csv` cannot be imported: line 2, column 6: the quoted field that starts here is never closed',
  );
  await expect(data.mapping).toHaveCount(0);
  expect(await data.records()).toBe(before);
});

test('the visible records of a user download as CSV, one row per record counted', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/see?user=u_leeds_clerk1');
  const total = page.getByTestId('visible-total');
  await expect(total).toHaveText(/^\d[\d,]* records readable across all tables$/);
  const shown = Number(((await total.textContent()) ?? '').split(' ')[0].replaceAll(',', ''));
  expect(shown).toBeGreaterThan(0);
  const data = new SampleDataPage(page);
  const file = await data.download(page.getByTestId('export-visible'));
  expect(file.name).toBe('u-leeds-clerk1.visible-records.csv');
  expect(file.text.split('\r\n')[0]).toBe('table,id,owner,owning_bu,reason,path');
  const rows = csvDataLines(file.text);
  expect(rows).toHaveLength(shown);
  expect(rows.some((row) => row.startsWith('incident,'))).toBe(true);
});
