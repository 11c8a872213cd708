use axum::{extract::Query, response::Redirect};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct ViewPref {
    view: String,
}

pub async fn set_view(session: Session, Query(q): Query<ViewPref>) -> Redirect {
    let view = match q.view.as_str() {
        "compact" => "compact",
        "cards" => "cards",
        _ => "list",
    };
    session.insert("inbox_view", view).await.ok();
    Redirect::to("/inbox")
}
