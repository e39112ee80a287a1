// Page object for Workspaces → Sample data: the record count, the per-table CSV import (table
// picker, template, mapping step, preview, report) and downloads read back as text.
import { readFileSync } from 'node:fs';
import { type Locator, type Page, expect } from '@playwright/test';
import { ShellPage } from './shell-page';

export class SampleDataPage {
  readonly panel: Locator;
  readonly recordCount: Locator;
  readonly table: Locator;
  readonly fileInput: Locator;
  readonly mapping: Locator;
  readonly preview: Locator;
  readonly confirm: Locator;
  readonly report: Locator;
  readonly summary: Locator;
  readonly rejectedRows: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('sample-data');
    this.recordCount = page.getByTestId('record-count');
    this.table = page.getByTestId('csv-table');
    this.fileInput = page.getByTestId('import-table-csv');
    this.mapping = page.getByTestId('csv-mapping');
    this.preview = page.getByTestId('csv-preview');
    this.confirm = page.getByTestId('csv-import-confirm');
    this.report = page.getByTestId('csv-import-report');
    this.summary = page.getByTestId('csv-import-summary');
    this.rejectedRows = page.getByTestId('csv-rejected').locator('tbody tr');
  }

  /** Opens the first demo org from the start screen, waits for autosave, then Workspaces. */
  async openDemo() {
    const shell = new ShellPage(this.page);
    await shell.open('/');
    await this.page.getByTestId('open-demo').first().click();
    await expect(this.page.getByTestId('save-status')).toContainText('Saved ·');
    await this.page.getByTestId('workspaces-link').click();
    await expect(this.panel).toBeVisible();
  }

  /** The number of records the panel's header shows ("1,234 records across 11 tables"). */
  async records(): Promise<number> {
    const text = (await this.recordCount.textContent()) ?? '';
    const match = /^([\d,]+) records/.exec(text);
    expect(match, `record count text: ${text}`).not.toBeNull();
    return Number(match![1].replaceAll(',', ''));
  }

  /** Chooses a CSV file (given as text) for the selected table; the mapping step opens. */
  async chooseCsv(name: string, text: string) {
    await this.fileInput.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await expect(this.mapping).toBeVisible();
  }

  /** Clicks `button` and returns the downloaded file's name and text. */
  async download(button: Locator): Promise<{ name: string; text: string }> {
    const downloading = this.page.waitForEvent('download');
    await button.click();
    const download = await downloading;
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  }
}

/** Data rows of a CSV download (CRLF lines, header excluded; no field spans lines). */
export function csvDataLines(text: string): string[] {
  return text.split('\r\n').filter((line) => line.length > 0).slice(1);
}
