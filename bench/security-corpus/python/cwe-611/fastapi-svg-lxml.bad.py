from fastapi import FastAPI, File, UploadFile
from lxml import etree

app = FastAPI()


@app.post("/icons/validate")
async def validate_svg(icon: UploadFile = File(...)):
    raw = await icon.read()
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.fromstring(raw, parser=parser)
    width = tree.get("width", "0")
    height = tree.get("height", "0")
    return {"width": width, "height": height, "title": tree.findtext("{http://www.w3.org/2000/svg}title")}
