//! Files in and out of the browser: downloads through a Blob URL, uploads read as text.
//! Nothing leaves the machine.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Offers `contents` as a file download named `filename`.
pub fn download_text(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("cannot make the file: {e:?}"))?;
    download_blob(filename, &blob)
}

/// Offers a data URL (e.g. a canvas PNG) as a file download.
pub fn download_url(filename: &str, url: &str) -> Result<(), String> {
    let anchor = anchor()?;
    anchor.set_href(url);
    anchor.set_download(filename);
    anchor.click();
    Ok(())
}

fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|e| format!("cannot make the download: {e:?}"))?;
    let result = download_url(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

fn anchor() -> Result<web_sys::HtmlAnchorElement, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| "no document to download from".to_string())
}

/// Reads the first file chosen in an `<input type="file">` as text.
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
) -> Result<(String, String), String> {
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or_else(|| "no file chosen".to_string())?;
    let name = file.name();
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| format!("`{name}` cannot be read: {e:?}"))?;
    Ok((name, text.as_string().unwrap_or_default()))
}
