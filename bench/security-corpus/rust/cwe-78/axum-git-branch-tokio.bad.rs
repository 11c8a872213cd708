use axum::{extract::Path, http::StatusCode};
use tokio::process::Command;

pub async fn branch_log(Path(branch): Path<String>) -> Result<String, StatusCode> {
    if branch.is_empty() {
        return Err(StatusCode::BAD_REQUEST);
    }
    let mut cmd = String::from("cd /srv/repo && git log --oneline -n 20 ");
    cmd.push_str(&branch);
    let output = Command::new("sh").arg("-c").arg(&cmd).output().await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
