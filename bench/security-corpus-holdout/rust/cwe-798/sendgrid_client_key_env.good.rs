use reqwest::Client;
use serde_json::json;

pub struct Mailer {
    http: Client,
    api_key: String,
}

impl Mailer {
    pub fn from_env() -> Result<Self, std::env::VarError> {
        Ok(Mailer {
            http: Client::new(),
            api_key: std::env::var("SENDGRID_API_KEY")?,
        })
    }

    pub async fn send(&self, to: &str, subject: &str, text: &str) -> reqwest::Result<()> {
        self.http
            .post("https://api.sendgrid.com/v3/mail/send")
            .bearer_auth(&self.api_key)
            .json(&json!({"personalizations": [{"to": [{"email": to}]}], "from": {"email": "noreply@example.com"}, "subject": subject, "content": [{"type": "text/plain", "value": text}]}))
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }
}
