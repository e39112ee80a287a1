//! Two roles side by side: differing tables are marked with "≠ differs" (not colour alone);
//! identical tables collapse into one line; a sentence says which role covers the other.

use crate::text::counted;
use engine::model::Verb;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::context::use_designer;
use super::frame::DesignerFrame;
use super::roles::role_by_id;
use crate::components::depth_circle::DepthCircle;
use crate::state::actions::designer::display;
use crate::state::actions::designer_query::{
    CompareRow, compare_roles, decode_segment, role_covers, url_segment,
};

/// `/model/security-roles/:role/compare/:other`.
#[component]
pub fn RoleComparePage() -> impl IntoView {
    let designer = use_designer();
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let p = params.read();
        (
            p.get("role")
                .map(|s| decode_segment(&s))
                .unwrap_or_default(),
            p.get("other")
                .map(|s| decode_segment(&s))
                .unwrap_or_default(),
        )
    });
    let data = Memo::new(move |_| {
        let (a, b) = ids.get();
        designer
            .with_model(|m| {
                let (ra, rb) = (role_by_id(m, &a)?, role_by_id(m, &b)?);
                let rows = compare_roles(m, ra, rb);
                let summary = match (role_covers(m, rb, ra), role_covers(m, ra, rb)) {
                    (true, true) => "The two roles grant exactly the same privileges.".to_string(),
                    (true, false) => format!(
                        "{} grants everything {} grants, and more.",
                        display(m, &b),
                        display(m, &a)
                    ),
                    (false, true) => format!(
                        "{} grants everything {} grants, and more.",
                        display(m, &a),
                        display(m, &b)
                    ),
                    (false, false) => "Neither role covers the other.".to_string(),
                };
                Some((
                    display(m, &a).to_string(),
                    display(m, &b).to_string(),
                    rows,
                    summary,
                ))
            })
            .flatten()
    });
    view! {
        <DesignerFrame title="Compare security roles">
            {move || match data.get() {
                None => view! { <div class="rp-panel"><p class="rp-panel__text">"One of the two roles is not in this model."</p></div> }.into_any(),
                Some((left, right, rows, summary)) => {
                    let (differing, same): (Vec<CompareRow>, Vec<CompareRow>) = rows.into_iter().partition(CompareRow::differs);
                    let back = format!("/model/security-roles/{}", url_segment(&ids.get().0));
                    view! {
                        <div class="rp-panel">
                            <p class="rp-compare__summary" data-testid="compare-summary">{summary}</p>
                            <p class="rp-panel__text">{format!("Each cell shows {left} on the left and {right} on the right.")}</p>
                            <p class="rp-panel__text">{format!("{} differ; {} identical.", counted(differing.len(), "table", "tables"), counted(same.len(), "table", "tables"))}" "<A href=back>"Back to the role"</A></p>
                            <div class="rp-grid-wrap">
                                <table class="rp-grid rp-compare">
                                    <thead>
                                        <tr>
                                            <th scope="col">"Table"</th>
                                            {Verb::ALL.into_iter().map(|v| view! { <th scope="col">{v.label()}</th> }).collect_view()}
                                            <th scope="col">"Difference"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {differing.into_iter().map(|row| compare_row(row, &left, &right)).collect_view()}
                                        <tr class="rp-grid__group"><th colspan="10" scope="colgroup">{format!("{} identical", counted(same.len(), "table", "tables"))}</th></tr>
                                    </tbody>
                                </table>
                            </div>
                        </div>
                    }.into_any()
                }
            }}
        </DesignerFrame>
    }
}

fn compare_row(row: CompareRow, left: &str, right: &str) -> impl IntoView + use<> {
    let cells = Verb::ALL
        .into_iter()
        .map(|verb| {
            let (a, b) = (row.left[verb.index()], row.right[verb.index()]);
            let differs = a != b;
            let label = format!("{left}: {}; {right}: {}", a.label(), b.label());
            view! {
                <td class="rp-compare__cell" data-differs=differs.then_some("true") aria-label=label>
                    <DepthCircle depth=a />
                    <span class="rp-compare__arrow" aria-hidden="true">{if differs { "≠" } else { "=" }}</span>
                    <DepthCircle depth=b />
                </td>
            }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row">{row.row.label.clone()}</th>
            {cells}
            <td class="rp-compare__marker"><span aria-hidden="true">"≠ "</span>"differs"</td>
        </tr>
    }
}
