import getpass
import bcrypt

user = input("user: ")
pwd = getpass.getpass("password: ")
with open("credentials.txt", "a") as out:
    out.write(f"{user}:{bcrypt.hashpw(pwd.encode(), bcrypt.gensalt()).decode()}\n")
