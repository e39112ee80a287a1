// The access matrix renders the engine's counts (users, teams, business units) and downloads as
// CSV and PNG. Team and BU counts are compared with tests/e2e/fixtures/principal-matrix.json,
// written and checked by `cargo test -p engine --test principal_matrix`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { SimulatorPage } from './pages/simulator-page';

test('the matrix shows a clerk reading 3 cases and downloads as CSV', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/matrix?verb=read');
  await expect(sim.matrixCell('u_leeds_clerk1', 'incident')).toHaveText('3');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('matrix-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('access-matrix-users-read.csv');
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

const fixture = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'principal-matrix.json'), 'utf8'),
) as { teams: Record<string, Record<string, number>>; bus: Record<string, Record<string, number>> };

for (const [rows, kind, key] of [
  ['teams', 'team', 'teams'],
  ['bus', 'bu', 'bus'],
] as const) {
  test(`${rows} rows show the engine's counts for every ${kind} and table`, async ({ page }) => {
    const sim = new SimulatorPage(page);
    await sim.open('/simulate/matrix?verb=read');
    await page.getByTestId(`matrix-rows-${rows}`).click();
    await expect(page).toHaveURL(new RegExp(`rows=${rows}`));
    await expect(page.getByTestId('matrix-caption')).toContainText(
      kind === 'team' ? 'through the team alone' : 'at least one enabled user',
    );
    const expected = fixture[key];
    for (const [id, cells] of Object.entries(expected)) {
      for (const [table, n] of Object.entries(cells)) {
        await expect(page.getByTestId(`cell-${kind}-${id}-${table}`)).toHaveText(n.toLocaleString('en-US'));
      }
    }
    await expect(page.locator('[data-testid="matrix"] tbody tr')).toHaveCount(Object.keys(expected).length);
  });
}

test("a business unit's cell opens the matrix of its enabled users", async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/matrix?rows=bus&verb=read');
  await page.getByTestId('cell-bu-bu_store_leeds-incident').click();
  await expect(page).toHaveURL(/of=bu:bu_store_leeds/);
  await expect(page.getByTestId('matrix-of')).toContainText('Enabled users of business unit');
  await expect(sim.matrixCell('u_leeds_clerk1', 'incident')).toHaveText('3');
  // Every row is a user of that BU.
  const subs = await page.locator('[data-testid="matrix"] tbody .rp-heatmap__bu').allTextContents();
  expect(subs.length).toBeGreaterThan(0);
  expect(new Set(subs)).toEqual(new Set(['bu_store_leeds']));
});

test('the matrix downloads as a PNG of the right size', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/simulate/matrix?rows=bus&verb=read');
  await expect(page.locator('[data-testid="matrix"] tbody tr')).toHaveCount(Object.keys(fixture.bus).length);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('matrix-png').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('access-matrix-bus-read.png');
  const png = readFileSync(await download.path());
  // PNG signature, then the IHDR chunk's width and height (big-endian).
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const tables = Object.keys(Object.values(fixture.bus)[0]).length;
  const rows = Object.keys(fixture.bus).length;
  // matrix_png::size: 16px margins, 240px labels, 84px per column (Total + tables), 32px rows
  // under a 64px title and heading.
  expect(png.readUInt32BE(16)).toBe(2 * 16 + 240 + 84 * (tables + 1));
  expect(png.readUInt32BE(20)).toBe(2 * 16 + 64 + 32 * rows);
  // Drawn, not blank: text and shaded cells compress far worse than one flat colour.
  expect(png.length).toBeGreaterThan(8000);
});
