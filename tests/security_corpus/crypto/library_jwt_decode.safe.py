import jwt

PUBLIC_KEY = open("/etc/app/jwt.pub").read()


def current_user(token: str) -> str:
    claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])
    return claims["sub"]
