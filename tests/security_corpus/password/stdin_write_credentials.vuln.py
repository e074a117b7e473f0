import getpass

user = input("user: ")
pwd = getpass.getpass("password: ")
with open("credentials.txt", "a") as out:
    out.write(f"{user}:{pwd}\n")
