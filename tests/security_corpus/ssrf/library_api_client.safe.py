import requests


class WeatherClient:
    BASE = "https://api.weather.example.com"

    def __init__(self, session: requests.Session | None = None) -> None:
        self.session = session or requests.Session()

    def forecast(self, endpoint: str, city: str) -> dict:
        if endpoint not in ("forecast", "current"):
            raise ValueError(endpoint)
        return self.session.get(f"{self.BASE}/{endpoint}", params={"q": city}, timeout=5).json()
