import sqlite3

conn = sqlite3.connect("program_database.db")
cursor = conn.cursor()

city = input("City: ").strip()
min_age = input("Minimum age: ").strip()

query = "SELECT name, age FROM people WHERE city = ? AND age >= ?"
cursor.execute(query, (city, int(min_age)))
for row in cursor.fetchall():
    print(row)
conn.close()
