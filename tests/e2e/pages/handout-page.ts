// Page object for the printable views (/handout, /handout/leakage) and print emulation helpers.
import { type Locator, type Page, expect } from '@playwright/test';

/** Paper sizes and their printable width (12 mm margins each side) in CSS pixels (96 per inch). */
export const PAPERS = [
  { format: 'A4' as const, widthMm: 210, heightMm: 297 },
  { format: 'Letter' as const, widthMm: 215.9, heightMm: 279.4 },
];
const MARGIN_MM = 12;
export const mmToPx = (mm: number) => (mm / 25.4) * 96;
export const printableWidthPx = (paperWidthMm: number) => Math.floor(mmToPx(paperWidthMm - 2 * MARGIN_MM));

/** Pages in a PDF produced by Chromium: one `/Type /Page` object per page (`/Pages` excluded). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export class HandoutPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
  }

  /** Opens a printable view on a demo org and waits until its content is there. */
  async open(path: '/handout' | '/handout/leakage', demo = 'department-store') {
    await this.page.emulateMedia({ media: 'screen' });
    await this.page.goto(`${path}?demo=${demo}`);
    await expect(this.heading).toHaveText(path === '/handout' ? 'Handout' : 'Leakage summary');
    await expect(this.page.getByTestId(path === '/handout' ? 'handout-checks' : 'leakage-summary-table')).toBeVisible();
  }

  /** Switches to print media laid out at the printable width of `paperWidthMm`. */
  async emulatePaper(paperWidthMm: number) {
    await this.page.setViewportSize({ width: printableWidthPx(paperWidthMm), height: 1000 });
    await this.page.emulateMedia({ media: 'print' });
  }

  /** Elements of `root` whose right edge passes the viewport (what would be cut off on paper). */
  async overflowing(root: string): Promise<string[]> {
    return this.page.evaluate((selector) => {
      const width = document.documentElement.clientWidth;
      const out: string[] = [];
      if (document.documentElement.scrollWidth > width) out.push(`document scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
      for (const el of Array.from(document.querySelectorAll(`${selector} *`))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 0.5) out.push(`${el.tagName.toLowerCase()}.${el.className} right ${Math.round(r.right)} > ${width}`);
      }
      return out.slice(0, 10);
    }, root);
  }
}
