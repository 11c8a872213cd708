use axum::{extract::Query, response::Redirect};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ReturnParams {
    return_to: Option<String>,
}

pub async fn after_checkout(Query(params): Query<ReturnParams>) -> Redirect {
    let destination = match params.return_to {
        Some(ref url) if !url.is_empty() => url.clone(),
        _ => String::from("/orders"),
    };
    Redirect::to(&destination)
}
