import smtplib
from email.message import EmailMessage


def send_alert(recipient: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = "alerts@example.com"
    msg["To"] = recipient
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP("smtp.example.com", 587) as smtp:
        smtp.starttls()
        smtp.login("alerts@example.com", "q7Vd!x92LmPz")
        smtp.send_message(msg)
