// The access matrix renders the engine's counts and downloads as CSV.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { SimulatorPage } from './pages/simulator-page';

test('the matrix shows a clerk reading 3 cases and downloads as CSV', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/matrix?verb=read');
  await expect(sim.matrixCell('u_leeds_clerk1', 'incident')).toHaveText('3');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('matrix-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('access-matrix-read.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toMatch(/^user,display name,business unit,account,contact,/);
  const clerk = lines.find((line) => line.startsWith('u_leeds_clerk1,'))!;
  // The display name is quoted (it holds a comma); incident is the 8th column from the end.
  const cells = clerk.split(',');
  expect(cells[cells.length - 8]).toBe('3');
});

test('a cell links to the record list of that user and table', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/matrix');
  await sim.matrixCell('u_leeds_clerk1', 'incident').click();
  await expect(page).toHaveURL(/\/simulate\/see\?user=u_leeds_clerk1&table=incident&verb=read/);
  await expect(page.getByTestId('record-list-status')).toHaveText('1–3 of 3');
});
