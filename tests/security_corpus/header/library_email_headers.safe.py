import smtplib
from email.message import EmailMessage


def send_feedback(sender: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "support@example.com"
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP("localhost") as smtp:
        smtp.send_message(message)
