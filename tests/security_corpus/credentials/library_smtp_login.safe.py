import smtplib
import keyring


def notify(to: str, text: str) -> None:
    with smtplib.SMTP_SSL("smtp.example.com", 465) as smtp:
        smtp.login("alerts@example.com", keyring.get_password("smtp", "alerts@example.com"))
        smtp.sendmail("alerts@example.com", [to], text)
