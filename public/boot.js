// Starts Rampart. Trunk writes the hashed names of the wasm-bindgen glue and the wasm module
// into this script's data attributes (Trunk.toml `pattern_script`), so the page needs no inline
// script and the Content-Security-Policy can forbid them.
const tag = document.querySelector('script[data-rampart-js]');
const { default: init } = await import(tag.dataset.rampartJs);
await init({ module_or_path: tag.dataset.rampartWasm });
