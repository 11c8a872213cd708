from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_session

app = FastAPI()


@app.get("/invoices/{invoice_ref}")
def read_invoice(invoice_ref: str, db: Session = Depends(get_session)):
    ref = invoice_ref.upper()
    result = db.execute(text("SELECT id, amount, due_date FROM invoices WHERE ref = '" + ref + "'"))
    row = result.first()
    if row is None:
        return {"found": False}
    return {"found": True, "id": row.id, "amount": float(row.amount), "due": str(row.due_date)}
