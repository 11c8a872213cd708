import smtplib
from email.message import EmailMessage

import boto3

_secrets = boto3.client("secretsmanager")


def _smtp_password() -> str:
    return _secrets.get_secret_value(SecretId="prod/alerts/smtp")["SecretString"]


def send_alert(recipient: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = "alerts@example.com"
    msg["To"] = recipient
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP("smtp.example.com", 587) as smtp:
        smtp.starttls()
        smtp.login("alerts@example.com", _smtp_password())
        smtp.send_message(msg)
