//! The access matrix drawn on a canvas and saved as PNG: the same rows, columns, numbers and
//! single-hue ramp as the page's heatmap, in the theme's colours (read from the tokens).

use crate::text::thousands;
use wasm_bindgen::JsCast;

/// What the picture shows: already-arranged labels and numbers (no engine here).
#[derive(Debug, Clone, PartialEq)]
pub struct HeatPicture {
    /// The caption over the grid.
    pub title: String,
    /// Column headings (tables), after the Total column.
    pub columns: Vec<String>,
    /// Rows: name, line under it, total, and per column the count and its share (0…1).
    pub rows: Vec<HeatRow>,
}

/// One row of a [`HeatPicture`].
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    /// The row's name.
    pub name: String,
    /// The line under it (business unit, team type, number of users).
    pub sub: String,
    /// The row total.
    pub total: u64,
    /// Per column: count and share of the table.
    pub cells: Vec<(u32, f64)>,
}

const PAD: u32 = 16;
const LABEL_W: u32 = 240;
const CELL_W: u32 = 84;
const ROW_H: u32 = 32;
const TITLE_H: u32 = 32;
const HEAD_H: u32 = 32;
/// Browsers refuse canvases much larger than this on a side.
const MAX_SIDE: u32 = 32_000;

/// The picture's size in pixels for `rows` rows and `columns` table columns (plus Total).
pub fn size(rows: usize, columns: usize) -> (u32, u32) {
    let cols = u32::try_from(columns).unwrap_or(u32::MAX).saturating_add(1);
    let rows = u32::try_from(rows).unwrap_or(u32::MAX);
    (
        (2 * PAD + LABEL_W).saturating_add(CELL_W.saturating_mul(cols)),
        (2 * PAD + TITLE_H + HEAD_H).saturating_add(ROW_H.saturating_mul(rows)),
    )
}

/// A token's value on the document root (`--rp-color-heat`), or `fallback`.
fn token(name: &str, fallback: &str) -> String {
    web_sys::window()
        .and_then(|w| {
            let root = w.document()?.document_element()?;
            w.get_computed_style(&root).ok().flatten()
        })
        .and_then(|style| style.get_property_value(name).ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

/// Shortens `text` with "…" until it fits `width` pixels in the context's font.
fn fit(ctx: &web_sys::CanvasRenderingContext2d, text: &str, width: f64) -> String {
    let fits = |t: &str| {
        ctx.measure_text(t)
            .map(|m| m.width() <= width)
            .unwrap_or(true)
    };
    if fits(text) {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate = format!("{}…", chars.iter().collect::<String>());
        if fits(&candidate) {
            return candidate;
        }
    }
    String::new()
}

/// Draws the picture on a fresh canvas and returns it as a `data:image/png` URL.
pub fn png_data_url(picture: &HeatPicture) -> Result<String, String> {
    let (width, height) = size(picture.rows.len(), picture.columns.len());
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "the matrix is too large for one picture ({} rows × {} columns); download the CSV instead",
            picture.rows.len(),
            picture.columns.len()
        ));
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document to draw in")?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|e| format!("cannot make a canvas: {e:?}"))?
        .dyn_into()
        .map_err(|_| "cannot make a canvas")?;
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|e| format!("no 2D drawing: {e:?}"))?
        .ok_or("no 2D drawing")?
        .dyn_into()
        .map_err(|_| "no 2D drawing")?;
    let surface = token("--rp-color-surface", "#ffffff");
    let fg = token("--rp-color-fg", "#242424");
    let muted = token("--rp-color-muted", "#616161");
    let border = token("--rp-color-border", "#d1d1d1");
    let heat = token("--rp-color-heat", "#0f6cbd");
    let font = "Segoe UI, system-ui, sans-serif";

    ctx.set_fill_style_str(&surface);
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    ctx.set_text_baseline("middle");

    // Title.
    ctx.set_fill_style_str(&fg);
    ctx.set_font(&format!("600 16px {font}"));
    ctx.set_text_align("left");
    let title_w = f64::from(width - 2 * PAD);
    let _ = ctx.fill_text(
        &fit(&ctx, &picture.title, title_w),
        f64::from(PAD),
        f64::from(PAD + TITLE_H / 2),
    );

    // Column headings: Total, then one per table, right-aligned like the numbers.
    let head_y = f64::from(PAD + TITLE_H + HEAD_H / 2);
    ctx.set_font(&format!("600 12px {font}"));
    ctx.set_fill_style_str(&muted);
    ctx.set_text_align("right");
    let col_x = |c: u32| f64::from(PAD + LABEL_W + CELL_W * c);
    let cell_text_w = f64::from(CELL_W - 10);
    for (c, heading) in std::iter::once("Total")
        .chain(picture.columns.iter().map(String::as_str))
        .enumerate()
    {
        let c = u32::try_from(c).unwrap_or(0);
        let _ = ctx.fill_text(&fit(&ctx, heading, cell_text_w), col_x(c + 1) - 6.0, head_y);
    }

    // Rows.
    for (r, row) in picture.rows.iter().enumerate() {
        let top = f64::from(PAD + TITLE_H + HEAD_H + ROW_H * u32::try_from(r).unwrap_or(0));
        let mid = top + f64::from(ROW_H) / 2.0;
        ctx.set_text_align("left");
        ctx.set_fill_style_str(&fg);
        ctx.set_font(&format!("13px {font}"));
        let label_w = f64::from(LABEL_W - 8);
        let _ = ctx.fill_text(&fit(&ctx, &row.name, label_w), f64::from(PAD), mid - 6.0);
        ctx.set_fill_style_str(&muted);
        ctx.set_font(&format!("10px {font}"));
        let _ = ctx.fill_text(&fit(&ctx, &row.sub, label_w), f64::from(PAD), mid + 8.0);

        ctx.set_text_align("right");
        ctx.set_fill_style_str(&fg);
        ctx.set_font(&format!("600 12px {font}"));
        let _ = ctx.fill_text(&thousands(row.total), col_x(1) - 6.0, mid);

        ctx.set_font(&format!("12px {font}"));
        for (c, (n, share)) in row.cells.iter().enumerate() {
            let c = u32::try_from(c).unwrap_or(0) + 1;
            let (x, w, h) = (
                col_x(c) + 2.0,
                f64::from(CELL_W) - 4.0,
                f64::from(ROW_H) - 4.0,
            );
            // The page's ramp: the heat colour over the surface at up to 60%.
            ctx.set_global_alpha(1.0);
            ctx.set_fill_style_str(&surface);
            ctx.fill_rect(x, top + 2.0, w, h);
            ctx.set_global_alpha(share.clamp(0.0, 1.0) * 0.6);
            ctx.set_fill_style_str(&heat);
            ctx.fill_rect(x, top + 2.0, w, h);
            ctx.set_global_alpha(1.0);
            ctx.set_stroke_style_str(&border);
            ctx.stroke_rect(x, top + 2.0, w, h);
            ctx.set_fill_style_str(if *n == 0 { &muted } else { &fg });
            let _ = ctx.fill_text(&thousands(u64::from(*n)), col_x(c + 1) - 8.0, mid);
        }
    }
    canvas
        .to_data_url_with_type("image/png")
        .map_err(|e| format!("cannot encode the picture: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn size_grows_with_rows_and_columns() {
        assert_eq!(size(0, 0), (2 * 16 + 240 + 84, 2 * 16 + 64));
        assert_eq!(
            size(10, 13),
            (2 * 16 + 240 + 84 * 14, 2 * 16 + 64 + 32 * 10)
        );
    }
}
