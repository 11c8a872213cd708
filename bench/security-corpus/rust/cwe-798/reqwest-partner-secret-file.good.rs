use serde::Deserialize;

#[derive(Deserialize)]
pub struct Shipment {
    pub id: String,
    pub status: String,
}

pub async fn fetch_shipment(client: &reqwest::Client, id: &str) -> Result<Shipment, Box<dyn std::error::Error>> {
    let password = std::fs::read_to_string("/run/secrets/carrier_api_password")?;
    let shipment = client
        .get(format!("https://api.carrier.example/v1/shipments/{}", id))
        .basic_auth("acme-integration", Some(password.trim()))
        .send()
        .await?
        .error_for_status()?
        .json::<Shipment>()
        .await?;
    Ok(shipment)
}
