use actix_files::NamedFile;
use actix_web::{error, get, web, Result};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Download {
    file: String,
}

#[get("/downloads")]
async fn download(q: web::Query<Download>) -> Result<NamedFile> {
    let name = Path::new(&q.file)
        .file_name()
        .ok_or_else(|| error::ErrorBadRequest("invalid file"))?;
    let path = Path::new("./storage/exports").join(name);
    Ok(NamedFile::open(path)?)
}
