use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
pub struct BackupForm {
    label: Option<String>,
}

#[post("/admin/backup")]
pub async fn backup(form: web::Form<BackupForm>) -> HttpResponse {
    let label = match form.label.as_deref() {
        Some("nightly") => "nightly",
        Some("weekly") => "weekly",
        _ => "manual",
    };
    let script = format!("pg_dump --format=custom --file=/backups/{}.dump appdb", label);
    match Command::new("/bin/sh").arg("-c").arg(&script).status() {
        Ok(s) if s.success() => HttpResponse::Accepted().finish(),
        _ => HttpResponse::InternalServerError().finish(),
    }
}
