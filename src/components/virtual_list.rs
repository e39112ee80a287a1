//! A list that renders only the rows in view once it is long ([`VIRTUAL_FROM`] rows or more):
//! the Designer's users and roles lists stay fast with 1,000 users and 200 roles. Rows have one
//! height (measured from the first row shown, so presenter mode's larger type is followed); the
//! list keeps its full scroll height with padding above and below the rows drawn, and each row
//! carries `aria-setsize` / `aria-posinset` so assistive technology hears "12 of 1,000".
//!
//! Shorter lists render every row, as before.

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// From this many rows on, only the rows in view (plus [`OVERSCAN`] each side) are rendered.
pub const VIRTUAL_FROM: usize = 200;

/// Rows rendered beyond each edge of the view.
const OVERSCAN: usize = 8;

/// The rows `[first, end)` to draw for a scroll position.
pub fn window(n: usize, scroll_top: f64, viewport: f64, row_height: f64) -> (usize, usize) {
    if n < VIRTUAL_FROM {
        return (0, n);
    }
    let h = row_height.max(1.0);
    let first = ((scroll_top.max(0.0) / h).floor() as usize)
        .saturating_sub(OVERSCAN)
        .min(n);
    let count = (viewport.max(h) / h).ceil() as usize + 2 * OVERSCAN;
    (first, (first + count).min(n))
}

/// A `ul.rp-list` in its own scroll box, virtualised when long.
#[component]
pub fn VirtualList<T, V>(
    /// The rows' data.
    #[prop(into)]
    items: Signal<Vec<T>>,
    /// Draws the inside of one row's `li`.
    row: impl Fn(T) -> V + Send + Sync + 'static,
    /// The list's accessible name.
    label: &'static str,
    /// Class of each `li`.
    #[prop(optional)]
    row_class: &'static str,
    /// `data-testid` of the scroll box.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let row = Arc::new(row);
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(640.0_f64);
    let row_height = RwSignal::new(44.0_f64);
    let host = NodeRef::<Div>::new();
    let n = Memo::new(move |_| items.with(Vec::len));
    let range =
        Memo::new(move |_| window(n.get(), scroll_top.get(), viewport.get(), row_height.get()));
    let measure = move || {
        let Some(el) = host.get_untracked() else {
            return;
        };
        scroll_top.set(f64::from(el.scroll_top()));
        let h = f64::from(el.client_height());
        if h > 0.0 && (h - viewport.get_untracked()).abs() > 0.5 {
            viewport.set(h);
        }
    };
    // The row height, from a row on screen, after each draw.
    Effect::new(move |_| {
        range.track();
        let Some(el) = host.get() else {
            return;
        };
        let first = el
            .query_selector("li")
            .ok()
            .flatten()
            .and_then(|li| li.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(li) = first {
            let h = li.get_bounding_client_rect().height();
            if h > 0.0 && (h - row_height.get_untracked()).abs() > 0.5 {
                row_height.set(h);
            }
        }
        let h = f64::from(el.client_height());
        if h > 0.0 && (h - viewport.get_untracked()).abs() > 0.5 {
            viewport.set(h);
        }
    });
    let virtual_on = move || n.get() >= VIRTUAL_FROM;
    view! {
        <div
            class="rp-virtual"
            node_ref=host
            data-virtual=move || if virtual_on() { "on" } else { "off" }
            data-testid=testid
            on:scroll=move |_| measure()
        >
            <ul
                class="rp-list"
                aria-label=label
                style:padding-top=move || {
                    let (first, _) = range.get();
                    virtual_on().then(|| format!("{}px", first as f64 * row_height.get()))
                }
                style:padding-bottom=move || {
                    let (_, end) = range.get();
                    virtual_on().then(|| format!("{}px", (n.get() - end) as f64 * row_height.get()))
                }
            >
                {move || {
                    let (first, end) = range.get();
                    let total = n.get();
                    let slice = items.with(|v| v.get(first..end).map(<[T]>::to_vec).unwrap_or_default());
                    let row = Arc::clone(&row);
                    slice
                        .into_iter()
                        .enumerate()
                        .map(|(k, item)| {
                            view! {
                                <li class=row_class aria-setsize=total aria-posinset=first + k + 1>
                                    {row(item)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_draw_every_row() {
        assert_eq!(window(150, 900.0, 300.0, 40.0), (0, 150));
    }

    #[test]
    fn long_lists_draw_the_view_and_a_margin() {
        // 1,000 rows of 40 px in a 400 px box: 10 in view plus 8 each side.
        assert_eq!(window(1_000, 0.0, 400.0, 40.0), (0, 26));
        assert_eq!(window(1_000, 4_000.0, 400.0, 40.0), (92, 118));
        // the end is reached and never passed
        assert_eq!(window(1_000, 39_600.0, 400.0, 40.0), (982, 1_000));
        assert_eq!(window(1_000, 1e9, 400.0, 40.0), (1_000, 1_000));
    }
}
