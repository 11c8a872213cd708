import io

from flask import Flask, Response, request
from lxml import etree

app = Flask(__name__)
PARSER = etree.XMLParser(resolve_entities=True, dtd_validation=False)


@app.route("/soap/endpoint", methods=["POST"])
def soap_endpoint():
    envelope = request.data
    doc = etree.parse(io.BytesIO(envelope), PARSER)
    action = doc.getroot().find(".//{http://example.com/ws}Action")
    name = action.text if action is not None else "none"
    reply = f"<Envelope><Body><Result>{len(name)}</Result></Body></Envelope>"
    return Response(reply, mimetype="text/xml")
