import random

count = int(input("How many card PINs? "))
for _ in range(count):
    print("".join(str(random.randint(0, 9)) for _ in range(4)))
