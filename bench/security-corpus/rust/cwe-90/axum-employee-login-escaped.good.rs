use axum::{extract::State, http::StatusCode, Form};
use ldap3::{ldap_escape, Ldap, Scope};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct EmployeeLogin {
    uid: String,
    employee_number: String,
}

pub async fn employee_login(State(ldap): State<Ldap>, Form(form): Form<EmployeeLogin>) -> Result<String, StatusCode> {
    let mut ldap = ldap.clone();
    let filter = format!("(&(uid={})(employeeNumber={}))", ldap_escape(&form.uid), ldap_escape(&form.employee_number));
    let (entries, _) = ldap.search("ou=people,dc=example,dc=com", Scope::Subtree, &filter, vec!["dn"]).await.map_err(|_| StatusCode::BAD_GATEWAY)?.success().map_err(|_| StatusCode::BAD_GATEWAY)?;
    if entries.len() != 1 {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(format!("welcome {}", form.uid))
}
