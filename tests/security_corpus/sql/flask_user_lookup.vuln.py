import sqlite3
from flask import Flask, request, jsonify

app = Flask(__name__)
DB_PATH = "users.db"


@app.route("/users")
def find_user():
    username = request.args.get("name", "")
    conn = sqlite3.connect(DB_PATH)
    cur = conn.cursor()
    # look the user up by their login name
    cur.execute(f"SELECT id, email FROM users WHERE name = '{username}'")
    row = cur.fetchone()
    conn.close()
    if row is None:
        return jsonify({"error": "not found"}), 404
    return jsonify({"id": row[0], "email": row[1]})


if __name__ == "__main__":
    app.run(debug=False)
