use reqwest::Client;
use serde_json::json;

pub struct Mailer {
    http: Client,
    api_key: String,
}

impl Mailer {
    pub fn new() -> Self {
        Mailer {
            http: Client::new(),
            api_key: "SG.xK3n9QpLrT2vW8yZ.b4Fh7Jm1Nc6Qs0Ud5Xe9Ag2Ri8Tk3Vo7Lw1Py4Mz6".to_string(),
        }
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
