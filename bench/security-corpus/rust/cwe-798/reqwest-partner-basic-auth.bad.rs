use serde::Deserialize;

#[derive(Deserialize)]
pub struct Shipment {
    pub id: String,
    pub status: String,
}

pub async fn fetch_shipment(client: &reqwest::Client, id: &str) -> Result<Shipment, reqwest::Error> {
    client
        .get(format!("https://api.carrier.example/v1/shipments/{}", id))
        .basic_auth("acme-integration", Some("Carr1er-API-pass-2021"))
        .send()
        .await?
        .error_for_status()?
        .json::<Shipment>()
        .await
}
