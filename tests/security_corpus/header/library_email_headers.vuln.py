import smtplib


def send_feedback(sender: str, subject: str, body: str) -> None:
    message = f"From: {sender}\r\nTo: support@example.com\r\nSubject: {subject}\r\n\r\n{body}"
    with smtplib.SMTP("localhost") as smtp:
        smtp.sendmail(sender, ["support@example.com"], message)
