use axum::{extract::Path, http::StatusCode, response::Redirect};
use tower_sessions::Session;

pub async fn select_tenant(session: Session, Path(tenant): Path<String>) -> Result<Redirect, StatusCode> {
    if tenant.is_empty() || tenant.len() > 64 {
        return Err(StatusCode::BAD_REQUEST);
    }
    session.insert("tenant_id", &tenant).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Redirect::to("/dashboard"))
}
