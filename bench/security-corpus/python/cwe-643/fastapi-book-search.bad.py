from fastapi import FastAPI
from lxml import etree

app = FastAPI()
LIBRARY = etree.parse("/srv/library/books.xml")


@app.get("/books")
def search_books(author: str, year: str = ""):
    predicates = ["author='{}'".format(author)]
    if year:
        predicates.append("@year='{}'".format(year))
    query = "//book[" + " and ".join(predicates) + "]/title/text()"
    titles = LIBRARY.getroot().xpath(query)
    return {"titles": [str(t) for t in titles]}
