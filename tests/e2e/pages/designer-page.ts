// Page object for the Designer views: the role grid (cells, ranges, row menu, clipboard), the BU
// tree and detail, the toolbar's Import / Export, and the notice toast.
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

  /** The Permission Settings button of `table`'s row (opens the row menu). */
  presetButton(table: string): Locator {
    return this.page.getByTestId(`preset-${table}`);
  }

  /** The open row menu. */
  get rowMenu(): Locator {
    return this.page.getByRole('menu');
  }

  /** Grid cells inside the current range selection. */
  get selectedCells(): Locator {
    return this.page.getByRole('grid').locator('td[aria-selected="true"]');
  }

  /** Sends a paste of `text` to the focused element, as a paste from another application. */
  async pasteText(text: string) {
    await this.page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Opens a role from the role list without reloading the app. */
  async openRole(id: string) {
    await this.page
      .getByRole('navigation', { name: 'Security roles' })
      .getByRole('link', { name: new RegExp(`^${id}`) })
      .click();
    await expect(this.page.getByTestId('role-name')).toHaveText(id);
  }

  /** A business unit in the tree, by the start of its name. */
  treeItem(name: string): Locator {
    return this.page.getByRole('tree', { name: 'Business units' }).getByRole('treeitem', { name: new RegExp(`^${name}`) });
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
