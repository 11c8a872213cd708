use axum::{extract::State, http::StatusCode, Json};
use ldap3::{Ldap, Scope};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ForgotPassword {
    email: String,
}

pub async fn forgot_password(State(ldap): State<Ldap>, Json(body): Json<ForgotPassword>) -> StatusCode {
    let mut ldap = ldap.clone();
    let mut filter = String::from("(&(objectClass=inetOrgPerson)(mail=");
    filter.push_str(body.email.trim());
    filter.push_str("))");
    match ldap.search("dc=example,dc=com", Scope::Subtree, &filter, vec!["dn"]).await {
        Ok(_) => StatusCode::ACCEPTED,
        Err(_) => StatusCode::BAD_GATEWAY,
    }
}
