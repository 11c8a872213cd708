from fastapi import FastAPI, File, UploadFile
from lxml import etree

app = FastAPI()


@app.post("/icons/validate")
async def validate_svg(icon: UploadFile = File(...)):
    raw = await icon.read()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.fromstring(raw, parser=parser)
    width = tree.get("width", "0")
    height = tree.get("height", "0")
    return {"width": width, "height": height}
