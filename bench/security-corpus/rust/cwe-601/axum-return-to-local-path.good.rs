use axum::{extract::Query, response::Redirect};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ReturnParams {
    return_to: Option<String>,
}

fn is_local_path(p: &str) -> bool {
    p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.chars().any(|c| c.is_control())
}

pub async fn after_checkout(Query(params): Query<ReturnParams>) -> Redirect {
    let destination = match params.return_to {
        Some(ref url) if is_local_path(url) => url.clone(),
        _ => String::from("/orders"),
    };
    Redirect::to(&destination)
}
