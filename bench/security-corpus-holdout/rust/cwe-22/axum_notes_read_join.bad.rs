use axum::{extract::Query, http::StatusCode};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
pub struct NoteParams {
    name: String,
}

pub async fn read_note(Query(params): Query<NoteParams>) -> Result<String, StatusCode> {
    let path = Path::new("/srv/notes").join(&params.name);
    tokio::fs::read_to_string(&path).await.map_err(|_| StatusCode::NOT_FOUND)
}
