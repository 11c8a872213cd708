from fastapi import FastAPI
from lxml import etree

app = FastAPI()
LIBRARY = etree.parse("/srv/library/books.xml")


@app.get("/books/by-year")
def books_by_year(year: str):
    year_num = int(year)
    titles = LIBRARY.xpath(f"//book[@year={year_num}]/title/text()")
    return {"titles": [str(t) for t in titles]}
