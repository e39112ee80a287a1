//! The left navigation, built from `sections::NAV_GROUPS`.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::sections::{NAV_GROUPS, NavGroup};

/// The list of views; the current one is marked with `aria-current="page"`.
#[component]
pub fn SideNav() -> impl IntoView {
    view! {
        <nav class="rp-nav" aria-label="Views">
            {NAV_GROUPS.iter().map(nav_group).collect_view()}
        </nav>
    }
}

fn nav_group(group: &'static NavGroup) -> impl IntoView {
    let links = group
        .sections
        .iter()
        .map(|section| {
            view! {
                <li>
                    <A href=section.path() attr:class="rp-nav__link">
                        {section.label()}
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="rp-nav__group">
            {group.heading.map(|heading| view! { <h2 class="rp-nav__heading">{heading}</h2> })}
            <ul class="rp-nav__list">{links}</ul>
        </div>
    }
}
