import jwt

PUBLIC_KEY = open("/etc/app/jwt.pub").read()


def current_user(token: str) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]
