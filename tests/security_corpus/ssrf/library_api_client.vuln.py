import requests


class WeatherClient:
    BASE = "https://api.weather.example.com"

    def __init__(self, session: requests.Session | None = None) -> None:
        self.session = session or requests.Session()

    def forecast(self, endpoint: str, city: str) -> dict:
        return self.session.get(endpoint, params={"q": city}, timeout=5).json()
