from flask import Flask, Response, request
from lxml import etree

app = Flask(__name__)
PARSER = etree.XMLParser(resolve_entities=True)


@app.route("/soap/endpoint", methods=["POST"])
def soap_endpoint():
    envelope = request.data
    action = "Ping" if b"Ping" in envelope else "Unknown"
    doc = etree.parse("/srv/app/wsdl/service.wsdl", PARSER)
    ops = doc.getroot().findall(".//{http://schemas.xmlsoap.org/wsdl/}operation")
    reply = f"<Envelope><Body><Result>{action}:{len(ops)}</Result></Body></Envelope>"
    return Response(reply, mimetype="text/xml")
