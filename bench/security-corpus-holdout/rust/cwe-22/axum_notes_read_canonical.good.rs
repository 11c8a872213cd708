use axum::{extract::Query, http::StatusCode};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
pub struct NoteParams {
    name: String,
}

pub async fn read_note(Query(params): Query<NoteParams>) -> Result<String, StatusCode> {
    let root = Path::new("/srv/notes");
    let path = tokio::fs::canonicalize(root.join(&params.name))
        .await
        .map_err(|_| StatusCode::NOT_FOUND)?;
    if !path.starts_with(root) {
        return Err(StatusCode::FORBIDDEN);
    }
    tokio::fs::read_to_string(&path).await.map_err(|_| StatusCode::NOT_FOUND)
}
