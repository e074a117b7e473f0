from sqlalchemy import create_engine, text

engine = create_engine("sqlite:///inventory.db")


def stock_level(sku: str) -> int:
    with engine.connect() as connection:
        result = connection.execute(text("SELECT quantity FROM stock WHERE sku = :sku"), {"sku": sku})
        row = result.first()
        return int(row[0]) if row else 0
