//! Scratch: time loading an entities JSON file into Cedar (not committed).
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let t = std::time::Instant::now();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    eprintln!("parse json {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let e = cedar_policy::Entities::from_json_value(v, None).unwrap();
    eprintln!("entities {:?} {}", t.elapsed(), e.iter().count());
}
