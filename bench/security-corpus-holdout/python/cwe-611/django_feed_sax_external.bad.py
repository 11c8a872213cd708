import io
import xml.sax
from xml.sax import handler
from django.http import JsonResponse


class TitleCollector(handler.ContentHandler):
    def __init__(self):
        super().__init__()
        self.titles, self._buf, self._in = [], [], False

    def startElement(self, name, attrs):
        self._in = name == "title"

    def characters(self, content):
        if self._in:
            self._buf.append(content)

    def endElement(self, name):
        if name == "title":
            self.titles.append("".join(self._buf))
            self._buf, self._in = [], False


def import_feed(request):
    body = request.body
    collector = TitleCollector()
    parser = xml.sax.make_parser()
    parser.setFeature(handler.feature_external_ges, True)
    parser.setContentHandler(collector)
    parser.parse(io.BytesIO(body))
    return JsonResponse({"titles": collector.titles})
