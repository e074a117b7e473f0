import sqlite3

conn = sqlite3.connect("program_database.db")
cursor = conn.cursor()

city = input("City: ").strip()
min_age = input("Minimum age: ").strip()

query = "SELECT name, age FROM people WHERE city = '" + city + "' AND age >= " + min_age
cursor.execute(query)
for row in cursor.fetchall():
    print(row)
conn.close()
