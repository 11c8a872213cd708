pub struct ApiKey {
    pub prefix: String,
    pub secret: String,
}

pub fn generate_api_key(account: &str) -> Result<ApiKey, getrandom::Error> {
    let mut buf = [0u8; 36];
    getrandom::getrandom(&mut buf)?;
    Ok(ApiKey {
        prefix: format!("{}_live", &account[..account.len().min(6)]),
        secret: hex::encode(buf),
    })
}
