use rocket::fs::NamedFile;
use std::path::Path;

#[get("/attachments?<ticket>&<file>")]
async fn attachment(ticket: u32, file: &str) -> Option<NamedFile> {
    let dir = format!("uploads/tickets/{}", ticket);
    let full = Path::new(&dir).join(file);
    NamedFile::open(full).await.ok()
}
