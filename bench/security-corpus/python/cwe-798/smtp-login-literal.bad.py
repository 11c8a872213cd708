import smtplib
from email.message import EmailMessage


def send_notification(to_addr: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = "noreply@example.com"
    msg["To"] = to_addr
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP("smtp.example.com", 587) as smtp:
        smtp.starttls()
        smtp.login("noreply@example.com", "Sm7p-Pa55w0rd!")
        smtp.send_message(msg)
