use axum::{extract::Path, Json};
use serde::Serialize;

#[derive(Serialize)]
pub struct TagList {
    tags: Vec<String>,
    count: usize,
}

pub async fn tag_page(Path(tags): Path<String>) -> Json<TagList> {
    let tags: Vec<String> = tags.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    let count = tags.len();
    Json(TagList { tags, count })
}
