//! The business unit tree (APG treeview): `↑`/`↓` move, `→` expands or goes to the first child,
//! `←` collapses or goes to the parent, `Home`/`End`, `*` expands every sibling of the focused
//! unit, typing letters moves to the next unit whose name starts with them (type-ahead),
//! `Enter` opens, `F2` renames, `Ctrl+X` then
//! `Ctrl+V` moves a unit under another, `Delete` deletes; units can also be dragged onto their
//! new parent. The tree only reports; the page decides and confirms.

use std::collections::HashSet;

use leptos::attr::custom::custom_attribute;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One business unit as the tree shows it, in tree order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuNode {
    /// Id.
    pub id: String,
    /// Display name.
    pub label: String,
    /// 1 for the root.
    pub level: usize,
    /// Parent id; `None` for the root.
    pub parent: Option<String>,
    /// Whether the unit has child units.
    pub has_children: bool,
    /// A short count line ("4 users · 1 team").
    pub detail: String,
}

/// What the tree asks the page to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeRequest {
    /// Open a unit (select it).
    Open(String),
    /// Rename a unit (F2).
    Rename(String),
    /// Move the first unit under the second.
    Move(String, String),
    /// Delete a unit.
    Delete(String),
}

/// The ids of the nodes shown when `collapsed` units hide their subtrees.
pub fn visible_nodes(nodes: &[BuNode], collapsed: &HashSet<String>) -> Vec<BuNode> {
    let mut out = Vec::new();
    let mut hide_below: Option<usize> = None;
    for node in nodes {
        if let Some(level) = hide_below {
            if node.level > level {
                continue;
            }
            hide_below = None;
        }
        if collapsed.contains(&node.id) {
            hide_below = Some(node.level);
        }
        out.push(node.clone());
    }
    out
}

/// Type-ahead (APG treeview): the index of the next shown node whose name starts with `prefix`
/// (case-insensitive), wrapping around. A single letter searches after `from`, so repeating it
/// walks the matches; a longer prefix starts at `from`, so typing on keeps the current match.
pub fn typeahead(nodes: &[BuNode], from: usize, prefix: &str) -> Option<usize> {
    let prefix = prefix.to_lowercase();
    if prefix.is_empty() || nodes.is_empty() {
        return None;
    }
    let start = if prefix.chars().count() == 1 {
        from + 1
    } else {
        from
    };
    (0..nodes.len())
        .map(|i| (start + i) % nodes.len())
        .find(|i| {
            nodes
                .get(*i)
                .is_some_and(|n| n.label.to_lowercase().starts_with(&prefix))
        })
}

/// `*` (APG treeview): the siblings of `id` (itself included) that have children, to expand.
pub fn expandable_siblings(nodes: &[BuNode], id: &str) -> Vec<String> {
    let Some(parent) = nodes.iter().find(|n| n.id == id).map(|n| n.parent.clone()) else {
        return Vec::new();
    };
    nodes
        .iter()
        .filter(|n| n.parent == parent && n.has_children)
        .map(|n| n.id.clone())
        .collect()
}

/// How long typed letters add up to one type-ahead prefix.
const TYPEAHEAD_MS: f64 = 700.0;

/// The business unit tree.
#[component]
pub fn BuTree(
    /// Every unit, in tree order.
    #[prop(into)]
    nodes: Signal<Vec<BuNode>>,
    /// The open unit.
    #[prop(into)]
    selected: Signal<Option<String>>,
    /// Called for every request.
    on_request: Callback<TreeRequest>,
) -> impl IntoView {
    let collapsed = RwSignal::new(HashSet::<String>::new());
    let focused = RwSignal::new(None::<String>);
    let cut = RwSignal::new(None::<String>);
    let dragged = StoredValue::new(None::<String>);
    let typed = StoredValue::new((String::new(), 0.0_f64));
    let tree_ref = NodeRef::<leptos::html::Ul>::new();
    let shown = Memo::new(move |_| nodes.with(|n| collapsed.with(|c| visible_nodes(n, c))));
    let current = move || {
        focused
            .get()
            .or_else(|| selected.get())
            .or_else(|| shown.with(|s| s.first().map(|n| n.id.clone())))
    };

    let focus_node = move |id: String| {
        focused.set(Some(id.clone()));
        if let Some(tree) = tree_ref.get_untracked()
            && let Ok(Some(el)) = tree.query_selector(&format!("[data-bu=\"{id}\"]"))
            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = el.focus();
        }
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let Some(id) = current() else { return };
        let list = shown.get_untracked();
        let Some(at) = list.iter().position(|n| n.id == id) else {
            return;
        };
        let Some(node) = list.get(at).cloned() else {
            return;
        };
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let key = ev.key();
        let mut handled = true;
        let typing = !ctrl
            && !ev.alt_key()
            && key.chars().count() == 1
            && key.chars().all(|c| !c.is_whitespace())
            && key != "*";
        match key.as_str() {
            "ArrowDown" => {
                if let Some(n) = list.get(at + 1) {
                    focus_node(n.id.clone());
                }
            }
            "ArrowUp" => {
                if let Some(n) = at.checked_sub(1).and_then(|i| list.get(i)) {
                    focus_node(n.id.clone());
                }
            }
            "Home" => {
                if let Some(n) = list.first() {
                    focus_node(n.id.clone());
                }
            }
            "End" => {
                if let Some(n) = list.last() {
                    focus_node(n.id.clone());
                }
            }
            "ArrowRight" if node.has_children => {
                if collapsed.with_untracked(|c| c.contains(&node.id)) {
                    collapsed.update(|c| {
                        c.remove(&node.id);
                    });
                } else if let Some(n) = list.get(at + 1) {
                    focus_node(n.id.clone());
                }
            }
            "ArrowLeft" => {
                if node.has_children && !collapsed.with_untracked(|c| c.contains(&node.id)) {
                    collapsed.update(|c| {
                        c.insert(node.id.clone());
                    });
                } else if let Some(parent) = node.parent.clone() {
                    focus_node(parent);
                }
            }
            "Enter" => on_request.run(TreeRequest::Open(node.id.clone())),
            "F2" => on_request.run(TreeRequest::Rename(node.id.clone())),
            "Delete" => on_request.run(TreeRequest::Delete(node.id.clone())),
            "x" | "X" if ctrl => cut.set(Some(node.id.clone())),
            "v" | "V" if ctrl => {
                if let Some(moving) = cut.get_untracked() {
                    cut.set(None);
                    on_request.run(TreeRequest::Move(moving, node.id.clone()));
                }
            }
            "Escape" => cut.set(None),
            "*" => {
                let expand = nodes.with_untracked(|n| expandable_siblings(n, &node.id));
                collapsed.update(|c| {
                    for id in &expand {
                        c.remove(id);
                    }
                });
            }
            letter if typing => {
                let now = js_sys::Date::now();
                let prefix = typed.with_value(|(text, at)| {
                    if now - at > TYPEAHEAD_MS {
                        letter.to_string()
                    } else {
                        format!("{text}{letter}")
                    }
                });
                typed.set_value((prefix.clone(), now));
                if let Some(n) = typeahead(&list, at, &prefix).and_then(|i| list.get(i)) {
                    focus_node(n.id.clone());
                }
            }
            _ => handled = false,
        }
        if handled {
            ev.prevent_default();
        }
        // Any other key ends a type-ahead prefix.
        if !typing {
            typed.set_value((String::new(), 0.0));
        }
    };

    view! {
        <ul class="rp-tree" role="tree" aria-label="Business units" node_ref=tree_ref on:keydown=on_keydown>
            <For
                each=move || shown.get()
                key=|n| (n.id.clone(), n.label.clone(), n.level, n.has_children, n.detail.clone())
                children=move |node| {
                    let id = node.id.clone();
                    let is_current = {
                        let id = id.clone();
                        move || current().as_deref() == Some(id.as_str())
                    };
                    let is_selected = {
                        let id = id.clone();
                        move || selected.get().as_deref() == Some(id.as_str())
                    };
                    let is_cut = {
                        let id = id.clone();
                        move || cut.get().as_deref() == Some(id.as_str())
                    };
                    let expanded = {
                        let id = id.clone();
                        let has_children = node.has_children;
                        move || has_children.then(|| (!collapsed.with(|c| c.contains(&id))).to_string())
                    };
                    let toggle = {
                        let id = id.clone();
                        move |ev: web_sys::MouseEvent| {
                            ev.stop_propagation();
                            collapsed.update(|c| {
                                if !c.remove(&id) {
                                    c.insert(id.clone());
                                }
                            });
                        }
                    };
                    let open = {
                        let id = id.clone();
                        move |_| {
                            focused.set(Some(id.clone()));
                            on_request.run(TreeRequest::Open(id.clone()));
                        }
                    };
                    let drag_start = {
                        let id = id.clone();
                        move |ev: web_sys::DragEvent| {
                            dragged.set_value(Some(id.clone()));
                            if let Some(dt) = ev.data_transfer() {
                                let _ = dt.set_data("text/plain", &id);
                                dt.set_effect_allowed("move");
                            }
                        }
                    };
                    let drop = {
                        let id = id.clone();
                        move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            if let Some(moving) = dragged.get_value() {
                                dragged.set_value(None);
                                on_request.run(TreeRequest::Move(moving, id.clone()));
                            }
                        }
                    };
                    view! {
                        <li
                            class="rp-tree__item"
                            role="treeitem"
                            data-bu=id.clone()
                            aria-expanded=expanded
                            aria-selected=move || is_selected().to_string()
                            data-cut=move || is_cut().then_some("true")
                            tabindex=move || if is_current() { "0" } else { "-1" }
                            data-level=node.level.min(8)
                            draggable=if node.parent.is_some() { "true" } else { "false" }
                            on:click=open
                            on:focus={
                                let id = id.clone();
                                move |_| focused.set(Some(id.clone()))
                            }
                            on:dragstart=drag_start
                            on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                            on:drop=drop
                        >
                            {node
                                .has_children
                                .then(|| {
                                    view! {
                                        <span class="rp-tree__toggle" aria-hidden="true" on:click=toggle>
                                            {
                                                let expanded = expanded.clone();
                                                move || if expanded().as_deref() == Some("true") { "▾" } else { "▸" }
                                            }
                                        </span>
                                    }
                                })}
                            <span class="rp-tree__label">{node.label.clone()}</span>
                            <span class="rp-tree__detail">{node.detail.clone()}</span>
                        </li>
                    }
                    // tachys has no `aria-level` attribute; add it by name.
                    .add_any_attr(custom_attribute("aria-level", node.level.to_string()))
                }
            />
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, label: &str, level: usize, parent: Option<&str>, kids: bool) -> BuNode {
        BuNode {
            id: id.into(),
            label: label.into(),
            level,
            parent: parent.map(Into::into),
            has_children: kids,
            detail: String::new(),
        }
    }

    fn tree() -> Vec<BuNode> {
        vec![
            node("root", "Ashworth", 1, None, true),
            node("north", "North", 2, Some("root"), true),
            node("leeds", "Leeds store", 3, Some("north"), false),
            node("newcastle", "Newcastle store", 3, Some("north"), false),
            node("south", "South", 2, Some("root"), true),
            node("online", "Online", 2, Some("root"), false),
        ]
    }

    #[test]
    fn typeahead_walks_matches_and_keeps_a_longer_prefix() {
        let t = tree();
        assert_eq!(typeahead(&t, 0, "n"), Some(1));
        assert_eq!(typeahead(&t, 1, "n"), Some(3));
        assert_eq!(typeahead(&t, 3, "n"), Some(1), "wraps around");
        assert_eq!(typeahead(&t, 1, "NO"), Some(1), "case-insensitive, stays");
        assert_eq!(typeahead(&t, 1, "ne"), Some(3));
        assert_eq!(typeahead(&t, 0, "z"), None);
        assert_eq!(typeahead(&t, 0, ""), None);
    }

    #[test]
    fn star_expands_the_siblings_that_have_children() {
        let t = tree();
        assert_eq!(expandable_siblings(&t, "online"), vec!["north", "south"]);
        assert_eq!(expandable_siblings(&t, "root"), vec!["root"]);
        assert!(expandable_siblings(&t, "leeds").is_empty());
        assert!(expandable_siblings(&t, "missing").is_empty());
    }
}
