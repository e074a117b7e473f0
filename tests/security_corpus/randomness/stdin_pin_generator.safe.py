import secrets

count = int(input("How many card PINs? "))
for _ in range(count):
    print("".join(str(secrets.randbelow(10)) for _ in range(4)))
