pub struct ApiKey {
    pub prefix: String,
    pub secret: String,
}

pub fn generate_api_key(account: &str) -> ApiKey {
    let secret: String = std::iter::repeat_with(fastrand::alphanumeric).take(48).collect();
    ApiKey {
        prefix: format!("{}_live", &account[..account.len().min(6)]),
        secret,
    }
}
