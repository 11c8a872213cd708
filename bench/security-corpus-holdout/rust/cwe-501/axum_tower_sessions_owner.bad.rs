use axum::{extract::Query, response::Redirect};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Delegate {
    on_behalf_of: String,
}

pub async fn delegate(session: Session, Query(q): Query<Delegate>) -> Redirect {
    session.insert("acting_as", q.on_behalf_of).await.ok();
    Redirect::to("/inbox")
}
