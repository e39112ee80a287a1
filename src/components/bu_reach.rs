//! The BU tree with reach shading (ux.md C.9): for one user, table and privilege, the context
//! BU carries a pin, BUs reached by depth are hatched and labelled with the reason, BUs out of
//! reach have a dashed outline, and every node shows "visible / total" records.

use engine::eval::Reason;
use leptos::prelude::*;

use crate::pages::simulator::Shared;
use crate::pages::simulator::queries::BuReach;

/// One node as drawn: id, display name and its reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuReachNode {
    /// BU id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Reach facts from the engine.
    pub reach: BuReach,
}

/// The tree, depth-first, indented by level.
#[component]
pub fn BuReachTree(
    /// The nodes in depth-first order.
    #[prop(into)]
    nodes: Signal<Option<Shared<Vec<BuReachNode>>>>,
    /// A sentence under the heading (e.g. "User depth: only records they own").
    #[prop(into)]
    note: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <figure class="rp-bu-reach" data-testid="bu-reach">
            <figcaption class="rp-bu-reach__caption">
                "The hatched units are what the depth covers, measured from the pinned unit."
                {move || note.get().map(|n| view! { <span class="rp-bu-reach__note">{n}</span> })}
            </figcaption>
            <ul class="rp-bu-reach__list" role="tree" aria-label="Business units reached">
                {move || nodes.get().map(|nodes| nodes.iter().cloned().map(node).collect_view())}
            </ul>
            <p class="rp-bu-reach__key">
                <span class="rp-bu-reach__swatch rp-bu-reach__swatch--reached"></span>"reached by depth"
                <span class="rp-bu-reach__swatch rp-bu-reach__swatch--out"></span>"out of reach"
                <svg class="rp-bu-reach__pin" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1a4.5 4.5 0 0 0-4.5 4.5C3.5 9 8 15 8 15s4.5-6 4.5-9.5A4.5 4.5 0 0 0 8 1zm0 6.2a1.7 1.7 0 1 1 0-3.4 1.7 1.7 0 0 1 0 3.4z" /></svg>"context business unit"
            </p>
        </figure>
    }
}

fn node(n: BuReachNode) -> impl IntoView {
    let state = if n.reach.reach.is_some() {
        "reached"
    } else {
        "out"
    };
    let reason = n.reach.reach.map(reason_word);
    let title = if n.reach.roles.is_empty() {
        format!("{}: not reached by depth", n.id)
    } else {
        format!("{}: reached by {}", n.id, n.reach.roles.join(", "))
    };
    let level = n.reach.level.to_string();
    let aria_level = (n.reach.level + 1).to_string();
    view! {
        <li
            class="rp-bu-reach__node"
            role="treeitem"
            data-state=state
            style:--rp-level=level.clone()
            attr:aria-level=aria_level
            title=title
        >
            <span class="rp-bu-reach__box" data-pinned=n.reach.pinned.to_string()>
                {n.reach.pinned.then(|| view! { <svg class="rp-bu-reach__pin" viewBox="0 0 16 16" role="img" aria-label="context business unit"><path d="M8 1a4.5 4.5 0 0 0-4.5 4.5C3.5 9 8 15 8 15s4.5-6 4.5-9.5A4.5 4.5 0 0 0 8 1zm0 6.2a1.7 1.7 0 1 1 0-3.4 1.7 1.7 0 0 1 0 3.4z" /></svg> })}
                <span class="rp-bu-reach__name">{n.name}</span>
                {reason.map(|r| view! { <span class="rp-bu-reach__reason">{r}</span> })}
                <span class="rp-bu-reach__count" data-testid="bu-count">
                    {format!("{} / {}", n.reach.visible, n.reach.total)}
                </span>
            </span>
        </li>
    }
}

fn reason_word(reason: Reason) -> &'static str {
    match reason {
        Reason::SystemAdministrator => "System Administrator",
        Reason::Organization => "Org",
        Reason::ParentChildBu => "P:C BU",
        _ => "BU",
    }
}
