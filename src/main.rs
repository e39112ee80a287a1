//! Rampart, the browser app: installs the panic hook, mounts the shell, registers the offline worker.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(rampart_app::App);
    rampart_app::offline::register_service_worker();
}
