// Page object for the Designer views: the role grid, the BU tree and detail, the toolbar's
// Import / Export, and the notice toast.
import { type Locator, type Page, expect } from '@playwright/test';

export class DesignerPage {
  readonly heading: Locator;
  readonly notice: Locator;
  readonly importFile: Locator;
  readonly importError: Locator;
  readonly importReport: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.notice = page.getByTestId('notice');
    this.importFile = page.getByTestId('import-file');
    this.importError = page.getByTestId('import-error');
    this.importReport = page.getByTestId('import-report');
  }

  /** Opens a Designer URL with the demo org (`?demo=` opens it before anything else loads). */
  async open(path: string, heading: string) {
    await this.page.goto(`${path}?demo=department-store`);
    await expect(this.heading).toHaveText(heading);
    await expect(this.page.getByTestId('model-title')).toHaveText('Ashworth & Vale — UK department store');
  }

  /** The grid cell of `table` and `privilege` (e.g. `account`, `Delete`). */
  cell(table: string, privilege: string): Locator {
    return this.page
      .getByRole('grid')
      .getByRole('button', { name: new RegExp(`^${table}, ${privilege}: `) });
  }

  toolbarButton(name: string): Locator {
    return this.page.getByRole('toolbar', { name: 'Model' }).getByRole('button', { name, exact: true });
  }

  /** Opens the Import panel and hands it a file. */
  async importText(name: string, text: string) {
    await this.toolbarButton('Import…').click();
    await this.importFile.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }
}
