use axum::{extract::State, http::StatusCode, Json};
use ldap3::{Ldap, Scope};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ForgotPassword {
    email: String,
}

fn plausible_email(s: &str) -> bool {
    s.len() <= 254
        && s.contains('@')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_' | '+'))
}

pub async fn forgot_password(State(ldap): State<Ldap>, Json(body): Json<ForgotPassword>) -> StatusCode {
    let email = body.email.trim();
    if !plausible_email(email) {
        return StatusCode::UNPROCESSABLE_ENTITY;
    }
    let mut ldap = ldap.clone();
    let filter = format!("(&(objectClass=inetOrgPerson)(mail={}))", email);
    match ldap.search("dc=example,dc=com", Scope::Subtree, &filter, vec!["dn"]).await {
        Ok(_) => StatusCode::ACCEPTED,
        Err(_) => StatusCode::BAD_GATEWAY,
    }
}
