//! Read-only share links: the model's JSON, deflated and base64url-encoded, in the URL fragment
//! (`#model=v1.…`). The fragment never reaches a server; nothing is uploaded anywhere.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// What a share fragment starts with; the number is the link format's version.
pub const PREFIX: &str = "model=v1.";

/// The largest model text a link may unpack to (the format's own limit).
const MAX_TEXT: usize = engine::format::MAX_INPUT_BYTES;

/// The fragment (without `#`) carrying `json`.
pub fn encode(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The model text a fragment carries; `None` when the fragment is not a share link at all.
pub fn decode(fragment: &str) -> Option<Result<String, String>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let payload = fragment.strip_prefix(PREFIX)?;
    Some(decode_payload(payload))
}

fn decode_payload(payload: &str) -> Result<String, String> {
    let packed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| format!("the share link is damaged (not base64url: {e})"))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT)
        .map_err(|e| format!("the share link is damaged (cannot unpack: {:?})", e.status))?;
    String::from_utf8(bytes).map_err(|_| "the share link is damaged (not UTF-8 text)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_survives_the_link_and_shrinks() {
        let ws = crate::state::Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).unwrap();
        let json = ws.to_json(true);
        let fragment = encode(&json);
        assert!(
            fragment.len() < json.len() / 3,
            "{} vs {}",
            fragment.len(),
            json.len()
        );
        assert!(
            fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "=._-".contains(c))
        );
        assert_eq!(decode(&format!("#{fragment}")), Some(Ok(json)));
    }

    #[test]
    fn other_fragments_are_not_links_and_damage_is_reported() {
        assert_eq!(decode("#main"), None);
        assert!(decode("#model=v1.@@@").unwrap().is_err());
        assert!(decode("#model=v1.AAAA").unwrap().is_err());
    }
}
