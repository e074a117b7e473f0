import argparse
import sqlite3


def main() -> None:
    parser = argparse.ArgumentParser(description="Remove an account from the local database")
    parser.add_argument("email")
    parser.add_argument("--db", default="accounts.sqlite")
    args = parser.parse_args()

    db = sqlite3.connect(args.db)
    sql = "DELETE FROM accounts WHERE email = ?"
    db.execute(sql, (args.email,))
    db.commit()
    print("removed", args.email)


if __name__ == "__main__":
    main()
