//! Scratch: do the share-mode and hierarchy-mode walks find different parent owners? (not committed)
use std::ops::ControlFlow;
use engine::eval::access::{data_reach, Via};
use engine::model::{Principal, RecordId};
fn main() {
    let model = engine::generate::org(&engine::generate::OrgParams::benchmark(1));
    let data = engine::generate::data(&model, &engine::generate::DataParams::new(1, 100_000));
    let (mut differ, mut with_parents) = (0, 0);
    for i in 0..data.records.len() {
        let id = RecordId::from_index(i);
        let mut a = Vec::new();
        let mut b = Vec::new();
        let _ = data_reach(&model, &data, id, |_| true, false, |via, _| { if let Via::ParentOwner { owner, .. } = via { a.push(owner) } ControlFlow::Continue(()) });
        let _ = data_reach(&model, &data, id, |p| p != Principal::Organization, true, |via, _| { if let Via::ParentOwner { owner, .. } = via { b.push(owner) } ControlFlow::Continue(()) });
        a.sort(); a.dedup(); b.sort(); b.dedup();
        if !a.is_empty() { with_parents += 1; }
        if a != b { differ += 1; if differ < 3 { eprintln!("{} {:?} {:?}", data.record_name(id), a, b); } }
    }
    eprintln!("records {} with parent owners {} differ {}", data.records.len(), with_parents, differ);
}
