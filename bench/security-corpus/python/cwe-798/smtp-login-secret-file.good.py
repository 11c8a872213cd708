import smtplib
from email.message import EmailMessage
from pathlib import Path

SMTP_USER = "noreply@example.com"
SMTP_PASSWORD_FILE = Path("/run/secrets/smtp_password")


def send_notification(to_addr: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = SMTP_USER
    msg["To"] = to_addr
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP("smtp.example.com", 587) as smtp:
        smtp.starttls()
        smtp.login(SMTP_USER, SMTP_PASSWORD_FILE.read_text().strip())
        smtp.send_message(msg)
