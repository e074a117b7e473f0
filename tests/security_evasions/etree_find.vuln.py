import sqlite3
import xml.etree.ElementTree as ET


def find_user(xml_text):
    root = ET.fromstring(xml_text)
    name = root.find("name").text
    conn = sqlite3.connect("app.db")
    return conn.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()
