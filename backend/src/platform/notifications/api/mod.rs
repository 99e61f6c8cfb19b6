//! `/api/v1/notifications`: each signed-in user's inbox, preferences and live stream
//! (with a session, not an API token: they are a person's), and sending by hand
//! (`notifications.send.notification`, sessions and API tokens alike).

mod inbox;
mod send;
mod stream;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // Fixed paths before `/notifications/{id}`.
    cfg.service(stream::stream_ticket)
        .service(stream::stream)
        .service(inbox::unread_count)
        .service(inbox::get_preferences)
        .service(inbox::put_preferences)
        .service(inbox::mark_all_read)
        .service(inbox::list)
        .service(send::send)
        .service(inbox::get)
        .service(inbox::mark_read)
        .service(inbox::archive);
}
