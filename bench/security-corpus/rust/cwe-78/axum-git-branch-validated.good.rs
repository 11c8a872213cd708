use axum::{extract::Path, http::StatusCode};
use tokio::process::Command;

pub async fn branch_log(Path(branch): Path<String>) -> Result<String, StatusCode> {
    let valid = !branch.is_empty()
        && !branch.starts_with('-')
        && branch.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '/');
    if !valid {
        return Err(StatusCode::BAD_REQUEST);
    }
    let cmd = format!("cd /srv/repo && git log --oneline -n 20 {}", branch);
    let output = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .output()
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
