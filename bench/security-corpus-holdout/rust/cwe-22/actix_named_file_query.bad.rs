use actix_files::NamedFile;
use actix_web::{get, web, Result};
use serde::Deserialize;

#[derive(Deserialize)]
struct Download {
    file: String,
}

#[get("/downloads")]
async fn download(q: web::Query<Download>) -> Result<NamedFile> {
    let path = format!("./storage/exports/{}", q.file);
    Ok(NamedFile::open(path)?)
}
