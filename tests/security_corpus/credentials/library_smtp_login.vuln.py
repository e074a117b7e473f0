import smtplib


def notify(to: str, text: str) -> None:
    with smtplib.SMTP_SSL("smtp.example.com", 465) as smtp:
        smtp.login("alerts@example.com", "p@ssw0rd-alerts-2023")
        smtp.sendmail("alerts@example.com", [to], text)
