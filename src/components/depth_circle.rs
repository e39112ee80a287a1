//! The depth glyph of the role editor: a circle filled by a fraction that grows with depth
//! (0, ¼, ½, ¾, full; ux.md C.7), in Microsoft's yellow (User, Business Unit) and green (Parent:
//! Child Business Units, Organization). The fill fraction alone tells the levels apart.

use engine::model::Depth;
use leptos::prelude::*;

/// The short label printed under a glyph.
pub fn depth_short_label(depth: Depth) -> &'static str {
    match depth {
        Depth::None => "—",
        Depth::User => "User",
        Depth::Bu => "BU",
        Depth::Pcbu => "P:C",
        Depth::Org => "Org",
    }
}

/// The documentation's term for a depth (SRP: "The application refers to this access level as …").
pub fn depth_doc_term(depth: Depth) -> &'static str {
    match depth {
        Depth::None => "none",
        Depth::User => "Basic",
        Depth::Bu => "Local",
        Depth::Pcbu => "Deep",
        Depth::Org => "Global",
    }
}

/// A depth glyph, optionally with its short label. Decorative: the control around it carries
/// the accessible name.
#[component]
pub fn DepthCircle(
    /// The depth shown.
    #[prop(into)]
    depth: Signal<Depth>,
    /// Print the short label (—, User, BU, P:C, Org) under the glyph.
    #[prop(optional)]
    labelled: bool,
) -> impl IntoView {
    view! {
        <span class="rp-depth" data-depth=move || depth.get().as_str()>
            <span class="rp-depth__glyph" aria-hidden="true"></span>
            {labelled
                .then(|| {
                    view! {
                        <span class="rp-depth__label" aria-hidden="true">
                            {move || depth_short_label(depth.get())}
                        </span>
                    }
                })}
        </span>
    }
}

/// The Key under a grid: every glyph with its label and the documentation's term.
#[component]
pub fn DepthLegend() -> impl IntoView {
    let items = Depth::ALL
        .into_iter()
        .map(|depth| {
            view! {
                <li class="rp-depth-legend__item">
                    <DepthCircle depth=depth />
                    <span>{depth.label()}</span>
                    <span class="rp-depth-legend__term">{format!("({})", depth_doc_term(depth))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="rp-depth-legend">
            <h3 class="rp-depth-legend__title">"Key"</h3>
            <ul class="rp-depth-legend__list">{items}</ul>
        </div>
    }
}
